import type { Agency, WorkflowListItem, WorkflowPage } from '../api/types';

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
