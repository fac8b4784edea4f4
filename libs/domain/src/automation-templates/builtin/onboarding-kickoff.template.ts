import type { BuiltinTemplate } from '../template.types';
import { slackRecipientsPlaceholder } from './builtin-placeholders';

export const onboardingKickoffTemplate: BuiltinTemplate = {
  id: 'builtin-onboarding-kickoff',
  name: 'Onboarding kickoff',
  description:
    'When a client moves to Onboarding, book the kickoff call with their account manager, tell the team on Slack and draft a warm welcome email for you to approve.',
  category: 'onboarding',
  placeholders: [
    slackRecipientsPlaceholder(
      'onboardingChannel',
      'Where the team hears about new clients',
      'The Slack channel (or people) told when a client starts onboarding.',
    ),
  ],
  definition: {
    name: 'Onboarding kickoff',
    description: 'Kickoff call, team heads-up and a welcome email for every client who starts onboarding.',
    requiresApproval: false,
    triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
    steps: [
      {
        id: 'kickoff_call',
        type: 'create_task',
        config: {
          title: 'Book the kickoff call with {{client.name}}',
          description: 'Agree goals, KPIs and reporting cadence; collect ad account and analytics access.',
          priority: 'high',
          dueInDays: 2,
          assignee: 'client_assignee',
        },
      },
      {
        id: 'team_heads_up',
        type: 'send_notification',
        config: {
          channel: 'slack',
          recipients: { $placeholder: 'onboardingChannel' },
          message:
            ':wave: {{client.name}} just moved to onboarding. {{client.assignee.name}} is booking the kickoff call.',
        },
      },
      {
        id: 'welcome_email',
        type: 'draft_communication',
        requiresApproval: true,
        config: {
          platform: 'email',
          tone: 'friendly',
          template:
            'Welcome {{client.name}} to the agency, introduce {{client.assignee.name}} as their account manager, and propose two times for a 45-minute kickoff call this week.',
        },
      },
    ],
  },
};
