import type { BuiltinTemplate } from '../template.types';
import { timeZonePlaceholder } from './builtin-placeholders';

export const weeklyReportReminderTemplate: BuiltinTemplate = {
  id: 'builtin-weekly-report-reminder',
  name: 'Weekly report reminder',
  description:
    "Every Monday at 9:00, give each active client's account manager a task to send last week's report, with a drafted cover email summing up the numbers, so no client waits for their update.",
  category: 'reporting',
  placeholders: [
    timeZonePlaceholder(
      'timezone',
      'Your time zone',
      'The reminder is created on Mondays at 9:00 in this time zone (a name such as America/New_York or Europe/London).',
    ),
  ],
  definition: {
    name: 'Weekly report reminder',
    description: 'Monday task and drafted cover email for the weekly report of every active client.',
    requiresApproval: false,
    triggers: [
      {
        type: 'scheduled',
        config: { cron: '0 9 * * 1', timezone: { $placeholder: 'timezone' }, clientFilter: { stages: ['active'] } },
      },
    ],
    steps: [
      {
        id: 'send_weekly_report',
        type: 'create_task',
        config: {
          title: 'Send the weekly report to {{client.name}}',
          description:
            'Last week in numbers (spend {{metrics.spend}}, ROAS {{metrics.roas}}, cost per acquisition {{metrics.cpa}}) and three lines of commentary: what worked, what we changed, what comes next.',
          priority: 'medium',
          dueInDays: 1,
          assignee: 'client_assignee',
        },
      },
      {
        id: 'report_cover_email',
        type: 'draft_communication',
        config: {
          platform: 'email',
          tone: 'professional',
          template:
            "A short cover email for {{client.name}}'s weekly report from {{client.assignee.name}}: ROAS {{metrics.roas}}, spend {{metrics.spend}}, the one change that mattered most last week and what we will test this week.",
        },
      },
    ],
  },
};
