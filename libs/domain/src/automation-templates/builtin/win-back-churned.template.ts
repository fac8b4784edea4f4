import type { BuiltinTemplate } from '../template.types';
import { timeZonePlaceholder } from './builtin-placeholders';

export const winBackChurnedTemplate: BuiltinTemplate = {
  id: 'builtin-win-back-churned',
  name: 'Win back former clients',
  description:
    'At the start of every quarter, draft a low-pressure note to each former (churned) client sharing what is new and offering a free account audit, for you to approve, and give the former account manager a task to personalise and send it.',
  category: 'retention',
  placeholders: [
    timeZonePlaceholder(
      'timezone',
      'Your time zone',
      'The drafts are written on the first day of January, April, July and October at 10:00 in this time zone.',
    ),
  ],
  definition: {
    name: 'Win back former clients',
    description: 'A quarterly, approved win-back note and a follow-up task for every churned client.',
    requiresApproval: false,
    triggers: [
      {
        type: 'scheduled',
        config: {
          cron: '0 10 1 1,4,7,10 *',
          timezone: { $placeholder: 'timezone' },
          clientFilter: { stages: ['churned'] },
        },
      },
    ],
    steps: [
      {
        id: 'win_back_note',
        type: 'draft_communication',
        requiresApproval: true,
        config: {
          platform: 'email',
          tone: 'friendly',
          template:
            'A short note to {{client.name}}, a former client, from {{client.assignee.name}}: what has changed at {{agency.name}} since we worked together, one idea specific to their market, and an offer of a free 30-minute account audit. Easy to say no to; no pressure.',
        },
      },
      {
        id: 'personalise_and_send',
        type: 'create_task',
        config: {
          title: 'Personalise and send the win-back note to {{client.name}}',
          description:
            'Add one detail only you know about their business, check nothing in it is out of date, and send it from your own mailbox.',
          priority: 'low',
          dueInDays: 5,
          assignee: 'client_assignee',
        },
      },
    ],
  },
};
