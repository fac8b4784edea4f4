import type { BuiltinTemplate } from '../template.types';
import { emailRecipientsPlaceholder, stagesPlaceholder, timeZonePlaceholder } from './builtin-placeholders';

export const monthlyReportingPrepTemplate: BuiltinTemplate = {
  id: 'builtin-monthly-reporting-prep',
  name: 'Monthly reporting prep',
  description:
    "On the first of every month at 8:00, give each client's account manager a task to prepare the monthly report within three days. Reports of clients who are yellow or red are flagged by email to the reviewers, so someone senior reads them before they go out.",
  category: 'reporting',
  placeholders: [
    timeZonePlaceholder(
      'timezone',
      'Your time zone',
      'The tasks are created on the 1st at 8:00 in this time zone (a name such as America/New_York or Europe/London).',
    ),
    stagesPlaceholder(
      'reportingStages',
      'Clients who get a monthly report',
      'The stages of the clients who receive a monthly report.',
      ['active', 'at_risk'],
    ),
    emailRecipientsPlaceholder(
      'reportReviewers',
      'Who reviews difficult reports',
      'The people (or addresses) emailed when a report of a yellow or red client needs a senior review.',
    ),
  ],
  definition: {
    name: 'Monthly reporting prep',
    description:
      'A report task on the 1st for every reporting client, with a review request for clients who are not green.',
    requiresApproval: false,
    triggers: [
      {
        type: 'scheduled',
        config: {
          cron: '0 8 1 * *',
          timezone: { $placeholder: 'timezone' },
          clientFilter: { stages: { $placeholder: 'reportingStages' } },
        },
      },
    ],
    steps: [
      {
        id: 'prepare_report',
        type: 'create_task',
        config: {
          title: 'Prepare the monthly report for {{client.name}}',
          description:
            'Month in numbers (spend {{metrics.spend}}, ROAS {{metrics.roas}}, cost per acquisition {{metrics.cpa}}, conversions {{metrics.conversions}}), compared with the previous month and the targets. Add the wins, what did not work and the plan for next month.',
          priority: 'high',
          dueInDays: 3,
          assignee: 'client_assignee',
        },
      },
      {
        id: 'needs_senior_review',
        type: 'branch',
        condition: { all: [{ field: 'client.health', operator: 'in', value: ['yellow', 'red'] }] },
        then: [
          {
            id: 'ask_for_review',
            type: 'send_notification',
            config: {
              channel: 'email',
              recipients: { $placeholder: 'reportReviewers' },
              subject: 'Monthly report for {{client.name}} needs a senior review',
              message:
                "{{client.name}} is {{client.health}}. {{client.assignee.name}} is preparing this month's report; please read it before it goes out and join the call if the numbers need explaining.",
            },
          },
        ],
      },
    ],
  },
};
