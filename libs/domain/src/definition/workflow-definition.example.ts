import type { WorkflowDefinition } from '../types/workflow-definition.types';

/** The example of PRODUCT.md §2. */
export const workflowDefinitionExample: WorkflowDefinition = {
  name: 'Onboarding kickoff',
  description: 'Kick off every new client',
  isActive: true,
  requiresApproval: false,
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
          config: { channel: 'slack', recipients: ['C0123'], message: '{{client.name}} onboarding started' },
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
};
