import type { BuiltinTemplate } from '../template.types';
import { slackRecipientsPlaceholder } from './builtin-placeholders';

export const urgentTicketEscalationTemplate: BuiltinTemplate = {
  id: 'builtin-urgent-ticket-escalation',
  name: 'Urgent ticket escalation',
  description:
    'When a client opens an urgent support ticket, alert the escalation channel on Slack, raise a critical alert on the client and give their account manager a task due today, so the first answer goes out within the hour.',
  category: 'support',
  placeholders: [
    slackRecipientsPlaceholder(
      'escalationChannel',
      'Where urgent tickets are escalated',
      'The Slack channel (or people) on call for urgent client issues.',
    ),
  ],
  definition: {
    name: 'Urgent ticket escalation',
    description: 'Slack escalation, a critical alert and a same-day task for every urgent ticket.',
    requiresApproval: false,
    triggers: [{ type: 'ticket_created', config: { priority: 'urgent' } }],
    steps: [
      {
        id: 'escalate_on_slack',
        type: 'send_notification',
        config: {
          channel: 'slack',
          recipients: { $placeholder: 'escalationChannel' },
          message:
            ':rotating_light: Urgent {{trigger.category}} ticket from {{client.name}}. {{client.assignee.name}} owns it; the first answer is due within the hour.',
        },
      },
      {
        id: 'critical_alert',
        type: 'add_alert',
        config: {
          title: 'Urgent {{trigger.category}} ticket from {{client.name}}',
          message: 'Keep the client posted at least every two hours until it is solved.',
          severity: 'critical',
        },
      },
      {
        id: 'answer_today',
        type: 'create_task',
        config: {
          title: 'Answer the urgent {{trigger.category}} ticket from {{client.name}}',
          description:
            'Acknowledge the problem, say what you are checking and when they will hear from you next. Close the ticket only once the client confirms it is fixed.',
          priority: 'urgent',
          dueInDays: 0,
          assignee: 'client_assignee',
        },
      },
    ],
  },
};
