import type { BuiltinTemplate } from '../template.types';
import { slackRecipientsPlaceholder } from './builtin-placeholders';

export const atRiskClientMessageTemplate: BuiltinTemplate = {
  id: 'builtin-at-risk-client-message',
  name: 'At-risk client wrote in',
  description:
    'When a client who is At risk sends a message, the account manager gets an urgent task to answer the same day, the team is told on Slack, and a considerate reply is drafted on the channel the client used (Slack or email).',
  category: 'communication',
  placeholders: [
    slackRecipientsPlaceholder(
      'accountTeamChannel',
      'Where the account team is told',
      'The Slack channel (or people) told when a client at risk writes in.',
    ),
  ],
  definition: {
    name: 'At-risk client wrote in',
    description: 'Same-day answer task, team heads-up and a drafted reply for every message from a client at risk.',
    requiresApproval: false,
    triggers: [
      { type: 'new_message', config: { platform: 'any' } },
      { type: 'stage_change', config: { toStage: 'at_risk' } },
    ],
    steps: [
      {
        id: 'answer_today',
        type: 'create_task',
        config: {
          title: 'Answer {{client.name}} today',
          description:
            '{{client.name}} is at risk, so a fast and personal answer matters. They wrote on {{trigger.platform}}:\n\n{{trigger.subject}}\n{{trigger.body}}',
          priority: 'urgent',
          dueInDays: 0,
          assignee: 'client_assignee',
        },
      },
      {
        id: 'team_heads_up',
        type: 'send_notification',
        config: {
          channel: 'slack',
          recipients: { $placeholder: 'accountTeamChannel' },
          message:
            ':speech_balloon: {{client.name}} (at risk) just wrote on {{trigger.platform}}. {{client.assignee.name}} is answering today.',
        },
      },
      {
        id: 'reply_where_they_wrote',
        type: 'branch',
        condition: { all: [{ field: 'trigger.platform', operator: 'equals', value: 'slack' }] },
        then: [
          {
            id: 'slack_reply',
            type: 'draft_communication',
            config: {
              platform: 'slack',
              tone: 'empathetic',
              template:
                'A short Slack reply to {{client.name}} from {{client.assignee.name}} answering: "{{trigger.body}}". Thank them, answer plainly, and offer a quick call today.',
            },
          },
        ],
        else: [
          {
            id: 'email_reply',
            type: 'draft_communication',
            config: {
              platform: 'email',
              tone: 'empathetic',
              template:
                'An email reply to {{client.name}} from {{client.assignee.name}} answering "{{trigger.subject}}": {{trigger.body}}. Thank them, answer plainly, say what happens next and by when, and offer a call today.',
            },
          },
        ],
      },
    ],
  },
};
