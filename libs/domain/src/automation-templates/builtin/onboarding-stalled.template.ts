import type { BuiltinTemplate } from '../template.types';
import { numberPlaceholder, slackRecipientsPlaceholder } from './builtin-placeholders';

export const onboardingStalledTemplate: BuiltinTemplate = {
  id: 'builtin-onboarding-stalled',
  name: 'Stalled onboarding nudge',
  description:
    'When a client in Onboarding has had no activity for a week, raise a warning, ask the account manager on Slack what the team is waiting on, and give them a task to unblock it, before the slow start turns into a bad first month.',
  category: 'onboarding',
  placeholders: [
    numberPlaceholder(
      'stalledDays',
      'Days without progress',
      'How many days without any activity count as a stalled onboarding.',
      { minimum: 1, maximum: 90, integer: true },
      7,
    ),
    slackRecipientsPlaceholder(
      'onboardingChannel',
      'Where onboarding is followed',
      'The Slack channel (or people) told when an onboarding stalls.',
    ),
  ],
  definition: {
    name: 'Stalled onboarding nudge',
    description: 'Warning, Slack nudge and an unblock task when an onboarding client has no activity for a while.',
    requiresApproval: false,
    triggers: [
      { type: 'inactivity', config: { days: { $placeholder: 'stalledDays' } } },
      { type: 'stage_change', config: { toStage: 'onboarding' } },
    ],
    steps: [
      {
        id: 'stalled_warning',
        type: 'add_alert',
        config: {
          title: 'Onboarding stalled for {{client.name}}',
          message: 'No activity for {{trigger.inactiveDays}} days.',
          severity: 'warning',
        },
      },
      {
        id: 'nudge_on_slack',
        type: 'send_notification',
        config: {
          channel: 'slack',
          recipients: { $placeholder: 'onboardingChannel' },
          message:
            ':hourglass: Onboarding for {{client.name}} has had no activity for {{trigger.inactiveDays}} days. {{client.assignee.name}}, what are we waiting on?',
        },
      },
      {
        id: 'unblock_onboarding',
        type: 'create_task',
        config: {
          title: 'Unblock the onboarding of {{client.name}}',
          description:
            'The usual blockers: ad account or analytics access not granted, brief or contract not signed, creative assets not received. Find out which one it is, agree a date with the client and note it here.',
          priority: 'high',
          dueInDays: 1,
          assignee: 'client_assignee',
        },
      },
    ],
  },
};
