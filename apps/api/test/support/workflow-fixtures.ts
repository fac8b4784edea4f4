/** Definitions used across e2e tests: small, valid, and readable. */
export function onboardingWorkflow(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Onboarding kickoff',
    description: 'Kick off every new client',
    isActive: true,
    triggers: [
      { type: 'stage_change', config: { toStage: 'onboarding' } },
      { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
    ],
    steps: [
      {
        id: 'task',
        type: 'create_task',
        config: { title: 'Kickoff call with {{client.name}}', priority: 'high', dueInDays: 2 },
      },
      {
        id: 'health',
        type: 'branch',
        condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
        then: [
          { id: 'alert', type: 'add_alert', config: { title: '{{client.name}} starts at risk', severity: 'critical' } },
        ],
        else: [
          {
            id: 'ping',
            type: 'send_notification',
            delayMinutes: 60,
            config: { channel: 'slack', recipients: ['C0123ABC'], message: '{{client.name}} onboarding started' },
          },
        ],
      },
      {
        id: 'draft',
        type: 'draft_communication',
        requiresApproval: true,
        config: { platform: 'email', tone: 'friendly', template: 'Welcome {{client.name}} and propose a kickoff call' },
      },
    ],
    ...overrides,
  };
}

export function minimalWorkflow(name = 'Minimal', steps?: unknown[]): Record<string, unknown> {
  return {
    name,
    triggers: [{ type: 'stage_change', config: { toStage: 'active' } }],
    steps: steps ?? [{ type: 'add_alert', config: { title: 'Now active: {{client.name}}', severity: 'info' } }],
  };
}
