import type { Agency, Me, WorkflowDetail, WorkflowListItem, WorkflowPage } from '../api/types';

export const agency: Agency = {
  id: '7d3c2f9e-1b1a-4c63-9a55-0c6f1d2e3a4b',
  name: 'Brightside Media',
  timezone: 'Europe/Berlin',
  settings: { maxRunsPerMinute: 600 },
};

export function workflowItem(overrides: Partial<WorkflowListItem> = {}): WorkflowListItem {
  return {
    id: crypto.randomUUID(),
    name: 'Onboarding kickoff',
    description: 'Create a kickoff task when a client moves to Onboarding',
    isActive: true,
    pausedReason: null,
    version: 3,
    runCount: 120,
    successCount: 111,
    failureCount: 6,
    skipCount: 3,
    successRate: 111 / 117,
    lastRunAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    failedRunsNeedingAttention: 0,
    requiresApproval: false,
    triggerTypes: ['stage_change'],
    actionCount: 3,
    createdAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
    updatedAt: new Date(Date.now() - 86_400_000).toISOString(),
    ...overrides,
  };
}

export function workflowPage(items: WorkflowListItem[], overrides: Partial<WorkflowPage> = {}): WorkflowPage {
  return { items, total: items.length, page: 1, pageSize: 50, ...overrides };
}

export function me(role: Me['role'] = 'manager'): Me {
  return { actorId: '0b3f6c1e-2d4a-4e5f-8a9b-1c2d3e4f5a6b', actorType: 'user', agencyId: agency.id, role };
}

export function workflowDetail(overrides: Partial<WorkflowDetail> = {}): WorkflowDetail {
  const { triggerTypes: _types, ...item } = workflowItem();
  return {
    ...item,
    triggerTypes: ['stage_change'],
    createdBy: null,
    updatedBy: null,
    warnings: [],
    triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
    steps: [{ id: 'task', type: 'create_task', config: { title: 'Kickoff call with {{client.name}}', priority: 'high' } }],
    ...overrides,
  };
}
