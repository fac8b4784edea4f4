import type { BuiltinTemplate } from '../template.types';
import { slackRecipientsPlaceholder } from './builtin-placeholders';

export const newMessageTriageTemplate: BuiltinTemplate = {
  id: 'builtin-new-message-triage',
  name: 'New client message triage',
  description:
    'Every message from a client gets an owner: if it mentions cancelling, pausing, a refund or ending the contract, a high-priority ticket and a critical alert are opened and the team is told on Slack; any other message becomes a task for the account manager to reply within a day.',
  category: 'communication',
  placeholders: [
    slackRecipientsPlaceholder(
      'triageChannel',
      'Where worrying messages are flagged',
      'The Slack channel (or people) told when a client writes about cancelling or pausing.',
    ),
  ],
  definition: {
    name: 'New client message triage',
    description:
      'A reply task for every client message; a ticket, an alert and a Slack flag when it sounds like they want to leave.',
    requiresApproval: false,
    triggers: [{ type: 'new_message', config: { platform: 'any' } }],
    steps: [
      {
        id: 'sounds_like_leaving',
        type: 'branch',
        // Word stems, so "pausing", "cancellation" and "termination" match too.
        condition: {
          any: [
            { field: 'trigger.body', operator: 'contains', value: 'cancel' },
            { field: 'trigger.body', operator: 'contains', value: 'paus' },
            { field: 'trigger.body', operator: 'contains', value: 'refund' },
            { field: 'trigger.body', operator: 'contains', value: 'terminat' },
            { field: 'trigger.subject', operator: 'contains', value: 'cancel' },
          ],
        },
        then: [
          {
            id: 'retention_ticket',
            type: 'create_ticket',
            config: {
              title: '{{client.name}} may want to leave',
              description:
                'Message from {{trigger.from}} on {{trigger.platform}}: {{trigger.subject}}\n\n{{trigger.body}}',
              priority: 'high',
              category: 'retention',
            },
          },
          {
            id: 'leaving_alert',
            type: 'add_alert',
            config: {
              title: '{{client.name}} wrote about cancelling or pausing',
              message: '{{trigger.subject}}: {{trigger.body}}',
              severity: 'critical',
            },
          },
          {
            id: 'flag_on_slack',
            type: 'send_notification',
            config: {
              channel: 'slack',
              recipients: { $placeholder: 'triageChannel' },
              message:
                ':warning: {{client.name}} wrote about cancelling or pausing ({{trigger.platform}}). {{client.assignee.name}}, please call them today rather than reply in writing.',
            },
          },
        ],
        else: [
          {
            id: 'reply_task',
            type: 'create_task',
            config: {
              title: 'Reply to {{client.name}}: {{trigger.subject}}',
              description: 'Message from {{trigger.from}} on {{trigger.platform}}:\n\n{{trigger.body}}',
              priority: 'medium',
              dueInDays: 1,
              assignee: 'client_assignee',
            },
          },
        ],
      },
    ],
  },
};
