import type {
  Agency,
  ApprovalItem,
  EventDetail,
  Me,
  RunDetail,
  RunPage,
  RunStep,
  RunSummary,
  WorkflowDetail,
  WorkflowListItem,
  WorkflowPage,
} from '../api/types';

export const agency: Agency = {
  id: '7d3c2f9e-1b1a-4c63-9a55-0c6f1d2e3a4b',
  name: 'Brightside Media',
  timezone: 'Europe/Berlin',
  settings: { maxRunsPerMinute: 600 },
  pipelineStages: ['lead', 'onboarding', 'active', 'at_risk', 'churned'],
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
    steps: [
      { id: 'task', type: 'create_task', config: { title: 'Kickoff call with {{client.name}}', priority: 'high' } },
    ],
    ...overrides,
  };
}

export function runSummary(overrides: Partial<RunSummary> = {}): RunSummary {
  return {
    id: crypto.randomUUID(),
    workflowId: crypto.randomUUID(),
    workflowName: 'Onboarding kickoff',
    workflowVersion: 3,
    clientId: crypto.randomUUID(),
    clientName: 'Acme Dental',
    mode: 'live',
    status: 'completed',
    attempt: 1,
    error: null,
    reason: null,
    startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    finishedAt: new Date(Date.now() - 10 * 60_000 + 2340).toISOString(),
    durationMs: 2340,
    ...overrides,
  };
}

export function runPage(items: RunSummary[], overrides: Partial<RunPage> = {}): RunPage {
  return { items, total: items.length, page: 1, pageSize: 50, ...overrides };
}

export function runStep(overrides: Partial<RunStep> = {}): RunStep {
  return {
    stepId: 'task',
    type: 'create_task',
    status: 'completed',
    attempts: 1,
    input: { title: 'Kickoff call with Acme Dental', priority: 'high' },
    output: { taskId: '0d7c3e2a-1b4f-4c5d-9e8f-7a6b5c4d3e2f' },
    error: null,
    scheduledFor: null,
    startedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
    finishedAt: new Date(Date.now() - 10 * 60_000 + 360).toISOString(),
    durationMs: 360,
    ...overrides,
  };
}

export function runDetail(overrides: Partial<RunDetail> = {}): RunDetail {
  const { ...summary } = runSummary();
  return {
    ...summary,
    approvals: [],
    steps: [runStep()],
    timeline: [],
    triggerEvent: {
      eventId: null,
      type: 'client.stage_changed',
      data: { fromStage: 'lead', toStage: 'onboarding' },
      occurredAt: summary.startedAt,
    },
    clientSnapshot: { client: { name: 'Acme Dental', stage: 'onboarding', health: 'green' }, metrics: { roas: 1.4 } },
    definition: { name: 'Onboarding kickoff', triggers: [], steps: [] },
    ...overrides,
  };
}

export function approvalItem(overrides: Partial<ApprovalItem> = {}): ApprovalItem {
  return {
    id: crypto.randomUUID(),
    runId: crypto.randomUUID(),
    workflowId: crypto.randomUUID(),
    workflowName: 'Onboarding kickoff',
    clientId: crypto.randomUUID(),
    clientName: 'Acme Dental',
    stepId: 'draft',
    actionType: 'draft_communication',
    status: 'pending',
    renderedConfig: { platform: 'email', tone: 'friendly', template: 'Welcome Acme Dental and propose a kickoff call' },
    createdAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    expiresAt: new Date(Date.now() + (5 * 60 + 30) * 60_000).toISOString(),
    decidedAt: null,
    decidedBy: null,
    reason: null,
    draft: null,
    edits: null,
    ...overrides,
  };
}

/** The draft of a draft_communication approval (written before the approval). */
export function approvalDraft(
  overrides: Partial<NonNullable<ApprovalItem['draft']>> = {},
): NonNullable<ApprovalItem['draft']> {
  return {
    id: crypto.randomUUID(),
    platform: 'email',
    tone: 'friendly',
    generator: 'openai',
    subject: 'Welcome aboard, Acme Dental!',
    body: 'Hi Acme team,\n\nWelcome aboard! Could we book a kickoff call this week?\n\nBest regards,\nDemo Agency',
    status: 'pending_approval',
    editedAt: null,
    ...overrides,
  };
}

/** A processed stage change (an event's detail: `processing` holds its verdicts). */
export function eventDetail(overrides: Partial<EventDetail> = {}): EventDetail {
  return {
    id: crypto.randomUUID(),
    clientId: crypto.randomUUID(),
    type: 'client.stage_changed',
    data: { fromStage: 'lead', toStage: 'active' },
    occurredAt: new Date().toISOString(),
    createdAt: new Date().toISOString(),
    processedAt: new Date().toISOString(),
    idempotencyKey: null,
    causation: null,
    source: 'api',
    processing: [],
    ...overrides,
  };
}
