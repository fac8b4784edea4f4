import type { BuiltinTemplate } from '../template.types';
import { emailRecipientsPlaceholder, userPlaceholder } from './builtin-placeholders';

export const billingTicketRoutingTemplate: BuiltinTemplate = {
  id: 'builtin-billing-ticket-routing',
  name: 'Billing ticket routing',
  description:
    'When a client opens a billing ticket, email finance, give the person who handles billing a task to answer within a day and note it on the client, so invoice questions never sit with the wrong team.',
  category: 'support',
  placeholders: [
    emailRecipientsPlaceholder(
      'financeEmails',
      'Who in finance is emailed',
      'The people (or addresses) told about billing tickets.',
    ),
    userPlaceholder(
      'billingOwner',
      'Who answers billing questions',
      'The person who answers clients’ invoice and payment questions.',
    ),
  ],
  definition: {
    name: 'Billing ticket routing',
    description:
      'Email to finance, an answer task for the billing owner and a note on the client for every billing ticket.',
    requiresApproval: false,
    triggers: [{ type: 'ticket_created', config: { category: 'billing' } }],
    steps: [
      {
        id: 'email_finance',
        type: 'send_notification',
        config: {
          channel: 'email',
          recipients: { $placeholder: 'financeEmails' },
          subject: 'Billing ticket from {{client.name}} ({{trigger.priority}})',
          message:
            '{{client.name}} opened a {{trigger.priority}} billing ticket. Account manager: {{client.assignee.name}}. Please check the invoices and payments on file before the answer goes out.',
        },
      },
      {
        id: 'answer_billing_question',
        type: 'create_task',
        config: {
          title: 'Answer the billing ticket from {{client.name}}',
          description:
            'Check the invoice, the payments received and the contract terms, then answer the client and copy {{client.assignee.name}}.',
          priority: 'high',
          dueInDays: 1,
          assignee: { $placeholder: 'billingOwner' },
        },
      },
      {
        id: 'billing_note',
        type: 'add_alert',
        config: {
          title: 'Billing question open for {{client.name}}',
          message: 'Finance is on it; mention it carefully on your next call.',
          severity: 'info',
        },
      },
    ],
  },
};
