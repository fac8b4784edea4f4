import type { BuiltinTemplate } from '../template.types';
import { slackRecipientsPlaceholder, userPlaceholder } from './builtin-placeholders';

export const churnRiskSaveTemplate: BuiltinTemplate = {
  id: 'builtin-churn-risk-save',
  name: 'Churn-risk save',
  description:
    'When a client moves to At risk, mark them red, raise a critical alert, give the person who leads save calls a task to book one within two days, tell leadership on Slack and draft an honest email from the account manager proposing a review call, for you to approve.',
  category: 'retention',
  placeholders: [
    userPlaceholder(
      'saveOwner',
      'Who leads save calls',
      'The person (often an account director) who runs the save call with clients at risk.',
    ),
    slackRecipientsPlaceholder(
      'leadershipChannel',
      'Where leadership hears about clients at risk',
      'The Slack channel (or people) told when a client is at risk of leaving.',
    ),
  ],
  definition: {
    name: 'Churn-risk save',
    description:
      'Red health, a critical alert, a save call, a leadership heads-up and a drafted email for every client at risk.',
    requiresApproval: false,
    triggers: [{ type: 'stage_change', config: { toStage: 'at_risk' } }],
    steps: [
      { id: 'mark_red', type: 'update_client', config: { health: 'red' } },
      {
        id: 'at_risk_alert',
        type: 'add_alert',
        config: {
          title: '{{client.name}} is at risk of leaving',
          message: '{{client.assignee.name}} owns the account; a save call is being booked.',
          severity: 'critical',
        },
      },
      {
        id: 'save_call',
        type: 'create_task',
        config: {
          title: 'Book a save call with {{client.name}}',
          description:
            'Before the call: read the last three reports and the open tickets, and ask {{client.assignee.name}} what changed. On the call: listen first, agree what success looks like for the next 30 days, and confirm it in writing.',
          priority: 'urgent',
          dueInDays: 2,
          assignee: { $placeholder: 'saveOwner' },
        },
      },
      {
        id: 'leadership_heads_up',
        type: 'send_notification',
        config: {
          channel: 'slack',
          recipients: { $placeholder: 'leadershipChannel' },
          message:
            ':warning: {{client.name}} moved to at risk. Account manager: {{client.assignee.name}}. A save call is being booked this week.',
        },
      },
      {
        id: 'review_call_email',
        type: 'draft_communication',
        requiresApproval: true,
        config: {
          platform: 'email',
          tone: 'empathetic',
          template:
            'An honest email to {{client.name}} from {{client.assignee.name}}: acknowledge that the last weeks have not been what they expected, say we want to fix it, and propose a 30-minute review call this week to agree a recovery plan together.',
        },
      },
    ],
  },
};
