import type { BuiltinTemplate } from '../template.types';
import { timeZonePlaceholder } from './builtin-placeholders';

export const qbrPrepTemplate: BuiltinTemplate = {
  id: 'builtin-qbr-prep',
  name: 'Quarterly review and renewal prep',
  description:
    "Two weeks before each quarter ends, give every active client's account manager a task to prepare the quarterly business review (and the renewal if the contract ends soon), with a drafted invitation offering the client three times to meet.",
  category: 'reporting',
  placeholders: [
    timeZonePlaceholder(
      'timezone',
      'Your time zone',
      'The tasks are created on the 15th of March, June, September and December at 9:00 in this time zone.',
    ),
  ],
  definition: {
    name: 'Quarterly review and renewal prep',
    description:
      'A QBR preparation task and a drafted invitation for every active client, two weeks before the quarter ends.',
    requiresApproval: false,
    triggers: [
      {
        type: 'scheduled',
        config: {
          cron: '0 9 15 3,6,9,12 *',
          timezone: { $placeholder: 'timezone' },
          clientFilter: { stages: ['active'] },
        },
      },
    ],
    steps: [
      {
        id: 'prepare_qbr',
        type: 'create_task',
        config: {
          title: 'Prepare the quarterly review for {{client.name}}',
          description:
            'The quarter in numbers (ROAS {{metrics.roas}}, cost per acquisition {{metrics.cpa}}, spend {{metrics.spend}}), the wins and misses, the plan and budget ask for next quarter. If the contract ends within 90 days, bring the renewal proposal too.',
          priority: 'high',
          dueInDays: 10,
          assignee: 'client_assignee',
        },
      },
      {
        id: 'qbr_invitation',
        type: 'draft_communication',
        config: {
          platform: 'email',
          tone: 'professional',
          template:
            'Invite {{client.name}} to a 45-minute quarterly business review with {{client.assignee.name}}: what we achieved this quarter, what we learned and the plan for the next one. Propose three times in the next two weeks.',
        },
      },
    ],
  },
};
