import type { ConfigTypeDefinition } from '../json-schema/config-type.definition';
import { enumSchema, objectSchema, textSchema } from '../json-schema/schema-fragments';

export const DRAFT_PLATFORMS = ['email', 'slack'] as const;
export const DRAFT_TONES = ['friendly', 'professional', 'formal', 'casual', 'empathetic'] as const;

export const draftCommunicationAction: ConfigTypeDefinition<'draft_communication'> = {
  descriptor: {
    type: 'draft_communication',
    label: 'Draft a client message',
    description: 'Writes a draft message to the client for human review; drafts are never sent automatically.',
    configSchema: objectSchema(
      {
        platform: enumSchema(DRAFT_PLATFORMS, {
          title: 'Platform',
          description: 'Where the message will be sent once approved.',
        }),
        tone: enumSchema(DRAFT_TONES, {
          title: 'Tone',
          description: 'Tone of voice of the draft.',
          default: 'professional',
        }),
        template: textSchema({
          title: 'Instructions',
          description: 'What the draft should say; templates such as {{client.name}} are allowed.',
          maxLength: 4000,
        }),
      },
      ['platform', 'tone', 'template'],
    ),
    examples: [
      { platform: 'email', tone: 'friendly', template: 'Welcome {{client.name}} and propose a kickoff call' },
      {
        platform: 'email',
        tone: 'empathetic',
        template:
          'Acknowledge that results dipped (ROAS {{metrics.roas}}) and propose a review meeting with {{client.assignee.name}}',
      },
    ],
  },
};
