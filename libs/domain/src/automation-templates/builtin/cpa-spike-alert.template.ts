import type { BuiltinTemplate } from '../template.types';
import { emailRecipientsPlaceholder, numberPlaceholder } from './builtin-placeholders';

export const cpaSpikeAlertTemplate: BuiltinTemplate = {
  id: 'builtin-cpa-spike-alert',
  name: 'Cost-per-acquisition spike alert',
  description:
    "When a client's cost per acquisition (or per lead) climbs above your ceiling, raise a warning on the client, email the performance team and give the account manager a task to find the cause before the budget is wasted.",
  category: 'performance',
  placeholders: [
    numberPlaceholder(
      'cpaCeiling',
      'Highest acceptable cost per acquisition',
      'The alert fires when the cost per acquisition rises above this amount.',
      { minimum: 0, maximum: 1_000_000 },
      50,
    ),
    emailRecipientsPlaceholder(
      'performanceEmails',
      'Who gets the email',
      'The people (or addresses) emailed when a cost per acquisition spikes.',
    ),
  ],
  definition: {
    name: 'Cost-per-acquisition spike alert',
    description: 'Warning, email and a task when cost per acquisition rises above the ceiling.',
    requiresApproval: false,
    triggers: [
      { type: 'kpi_threshold', config: { metric: 'cpa', operator: 'above', value: { $placeholder: 'cpaCeiling' } } },
    ],
    steps: [
      {
        id: 'cpa_warning',
        type: 'add_alert',
        config: {
          title: 'Cost per acquisition up to {{metrics.cpa}} for {{client.name}}',
          message: 'It was {{trigger.previousValue}} before.',
          severity: 'warning',
        },
      },
      {
        id: 'email_performance_team',
        type: 'send_notification',
        config: {
          channel: 'email',
          recipients: { $placeholder: 'performanceEmails' },
          subject: 'Cost per acquisition spike: {{client.name}}',
          message:
            "{{client.name}}'s cost per acquisition rose to {{metrics.cpa}} (from {{trigger.previousValue}}). ROAS is {{metrics.roas}}, spend {{metrics.spend}}. {{client.assignee.name}} is looking into it.",
        },
      },
      {
        id: 'find_the_cause',
        type: 'create_task',
        config: {
          title: 'Find out why acquisitions got expensive for {{client.name}}',
          description:
            'Cost per acquisition is {{metrics.cpa}}. Look at auction competition and CPCs, landing page conversion rate, tracking, and any audience or bid change in the last week. Pause what burns budget and tell the client what you changed.',
          priority: 'high',
          dueInDays: 1,
          assignee: 'client_assignee',
        },
      },
    ],
  },
};
