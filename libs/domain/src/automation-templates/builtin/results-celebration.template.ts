import type { BuiltinTemplate } from '../template.types';
import { numberPlaceholder, slackRecipientsPlaceholder } from './builtin-placeholders';

export const resultsCelebrationTemplate: BuiltinTemplate = {
  id: 'builtin-results-celebration',
  name: 'Celebrate great results',
  description:
    "When an active client's ROAS climbs above your target, cheer the team on Slack, mark the client green, draft a note sharing the good news with the client, and remind the account manager to ask for a testimonial while the results are fresh.",
  category: 'communication',
  placeholders: [
    numberPlaceholder(
      'roasTarget',
      'ROAS worth celebrating',
      'The celebration starts when ROAS rises above this value.',
      { minimum: 0, maximum: 100 },
      4,
    ),
    slackRecipientsPlaceholder(
      'winsChannel',
      'Where the team celebrates',
      'The Slack channel (or people) told about client wins.',
    ),
  ],
  definition: {
    name: 'Celebrate great results',
    description:
      'Slack cheer, green health, a good-news draft and a testimonial reminder when an active client’s ROAS passes the target.',
    requiresApproval: false,
    triggers: [
      { type: 'kpi_threshold', config: { metric: 'roas', operator: 'above', value: { $placeholder: 'roasTarget' } } },
      { type: 'stage_change', config: { toStage: 'active' } },
    ],
    steps: [
      {
        id: 'cheer_on_slack',
        type: 'send_notification',
        config: {
          channel: 'slack',
          recipients: { $placeholder: 'winsChannel' },
          message:
            ':tada: {{client.name}} just passed a ROAS of {{metrics.roas}}. Great work, {{client.assignee.name}}!',
        },
      },
      { id: 'mark_green', type: 'update_client', config: { health: 'green' } },
      {
        id: 'good_news_note',
        type: 'draft_communication',
        config: {
          platform: 'email',
          tone: 'friendly',
          template:
            "Share the good news with {{client.name}} from {{client.assignee.name}}: ROAS reached {{metrics.roas}}. Credit their team's part, explain in two sentences what drove it, and suggest the next test that could scale it.",
        },
      },
      {
        id: 'ask_for_testimonial',
        type: 'create_task',
        config: {
          title: 'Ask {{client.name}} for a testimonial or case study',
          description:
            'Results are fresh (ROAS {{metrics.roas}}): a good moment to ask for a short quote, a review or permission to write a case study.',
          priority: 'low',
          dueInDays: 7,
          assignee: 'client_assignee',
        },
      },
    ],
  },
};
