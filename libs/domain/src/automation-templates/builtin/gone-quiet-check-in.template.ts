import type { BuiltinTemplate } from '../template.types';
import { numberPlaceholder } from './builtin-placeholders';

export const goneQuietCheckInTemplate: BuiltinTemplate = {
  id: 'builtin-gone-quiet-check-in',
  name: 'Gone-quiet check-in',
  description:
    'When an active client has had no calls, emails or meetings for a couple of weeks, give their account manager a task to check in and draft a short, warm note for them to send. If the client is already yellow or red, a warning is raised on the client too.',
  category: 'retention',
  placeholders: [
    numberPlaceholder(
      'quietDays',
      'Days without contact',
      'How many days without any activity count as gone quiet.',
      { minimum: 1, maximum: 365, integer: true },
      14,
    ),
  ],
  definition: {
    name: 'Gone-quiet check-in',
    description: 'A check-in task and a drafted note for active clients nobody has talked to in a while.',
    requiresApproval: false,
    triggers: [
      { type: 'inactivity', config: { days: { $placeholder: 'quietDays' } } },
      { type: 'stage_change', config: { toStage: 'active' } },
    ],
    steps: [
      {
        id: 'check_in',
        type: 'create_task',
        config: {
          title: 'Check in with {{client.name}}',
          description:
            'Nobody has been in touch with {{client.name}} for {{trigger.inactiveDays}} days. Call them or send the drafted note, and log the conversation so the clock resets.',
          priority: 'medium',
          dueInDays: 2,
          assignee: 'client_assignee',
        },
      },
      {
        id: 'check_in_note',
        type: 'draft_communication',
        config: {
          platform: 'email',
          tone: 'friendly',
          template:
            'A short check-in to {{client.name}} from {{client.assignee.name}}: share one useful observation about their campaigns, ask how things are going on their side, and offer a 20-minute call next week. No hard sell.',
        },
      },
      {
        id: 'quiet_and_unhappy',
        type: 'branch',
        condition: { all: [{ field: 'client.health', operator: 'in', value: ['yellow', 'red'] }] },
        then: [
          {
            id: 'quiet_warning',
            type: 'add_alert',
            config: {
              title: '{{client.name}} has gone quiet and is {{client.health}}',
              message:
                'No contact for {{trigger.inactiveDays}} days while the account is not healthy: a churn signal worth a call this week.',
              severity: 'warning',
            },
          },
        ],
      },
    ],
  },
};
