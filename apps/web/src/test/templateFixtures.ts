import type { Template, TemplatePage } from '../api/types';

export const DANA_ID = '22222222-2222-4222-8222-222222222222';

/** A template as GET /templates serves it: a real play with a Slack channel, a person and a threshold to fill in. */
export function templateDto(overrides: Partial<Template> = {}): Template {
  return {
    id: 'builtin-roas-drop-rescue',
    name: 'ROAS drop rescue',
    description:
      'When a client’s ROAS falls below your floor, alert the team on Slack and give their account manager a task to fix the campaigns.',
    category: 'performance',
    source: 'builtin',
    usageCount: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    sharedFrom: null,
    share: null,
    triggerTypes: ['kpi_threshold'],
    actionTypes: ['send_notification', 'create_task'],
    placeholders: [
      {
        key: 'alertsChannel',
        label: 'Where the team hears about it',
        description: 'The Slack channel told when ROAS drops.',
        schema: {
          type: 'array',
          'x-picker': 'slack-recipient',
          minItems: 1,
          items: { type: 'string', pattern: '^[CGDUW][A-Z0-9]{2,}$' },
        },
      },
      {
        key: 'owner',
        label: 'Who fixes the campaigns',
        description: 'The person who gets the task.',
        schema: { type: 'string', format: 'uuid', 'x-picker': 'user' },
      },
      {
        key: 'roasFloor',
        label: 'ROAS floor',
        description: 'Alert when ROAS falls below this.',
        schema: { type: 'number', minimum: 0, maximum: 100 },
        default: 2,
      },
    ],
    definition: {
      name: 'ROAS drop rescue',
      description: 'Alert and a fix-it task when ROAS drops.',
      requiresApproval: false,
      triggers: [
        { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: { $placeholder: 'roasFloor' } } },
      ],
      steps: [
        {
          id: 'alert_team',
          type: 'send_notification',
          config: {
            channel: 'slack',
            recipients: { $placeholder: 'alertsChannel' },
            message: 'ROAS of {{client.name}} dropped to {{metrics.roas}}',
          },
        },
        {
          id: 'fix_task',
          type: 'create_task',
          config: {
            title: 'Fix the campaigns of {{client.name}}',
            priority: 'high',
            assignee: { $placeholder: 'owner' },
          },
        },
      ],
    },
    ...overrides,
  };
}

export function templatePage(items: Template[]): TemplatePage {
  return { items, total: items.length, page: 1, pageSize: 200 };
}

export const onboardingTemplate = () =>
  templateDto({
    id: 'builtin-onboarding-kickoff',
    name: 'Onboarding kickoff',
    description: 'When a client moves to Onboarding, book the kickoff call and tell the team on Slack.',
    category: 'onboarding',
    usageCount: 1,
    triggerTypes: ['stage_change'],
    actionTypes: ['create_task', 'send_notification'],
    placeholders: [],
    definition: {
      name: 'Onboarding kickoff',
      triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
      steps: [
        { id: 't', type: 'create_task', config: { title: 'Kickoff call with {{client.name}}', priority: 'high' } },
      ],
    },
  });

export const agencyTemplate = () =>
  templateDto({
    id: '5b0c9d4e-8f7a-4b3c-9d2e-1f0a9b8c7d6e',
    name: 'Monthly report heads-up',
    category: 'reporting',
    source: 'agency',
    usageCount: 0,
    triggerTypes: ['scheduled'],
    actionTypes: ['create_task'],
  });

export const sharedTemplate = () =>
  templateDto({
    id: '6c1d0e5f-9a8b-4c4d-8e3f-2a1b0c9d8e7f',
    name: 'Urgent ticket escalation',
    category: 'support',
    source: 'shared',
    sharedFrom: { agencyName: 'Northwind Agency' },
    usageCount: 0,
    triggerTypes: ['ticket_created'],
    actionTypes: ['send_notification'],
  });
