import { buildRunTimeline, describeError, TimelineApproval, TimelineRun, TimelineStep } from './run-timeline';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
/** `at(5)` = five seconds after the trigger. */
const at = (seconds: number) => new Date(T0 + seconds * 1000);

const run = (overrides: Partial<TimelineRun> = {}): TimelineRun => ({
  status: 'completed',
  reason: null,
  attempt: 1,
  error: null,
  triggerEvent: { type: 'client.stage_changed', data: { to: 'onboarding' } },
  startedAt: at(0),
  finishedAt: at(10),
  ...overrides,
});

const step = (stepId: string, overrides: Partial<TimelineStep> = {}): TimelineStep => ({
  stepId,
  type: 'create_task',
  status: 'completed',
  attempts: 1,
  output: null,
  error: null,
  scheduledFor: null,
  startedAt: at(1),
  finishedAt: at(2),
  createdAt: at(1),
  ...overrides,
});

const approval = (stepId: string, overrides: Partial<TimelineApproval> = {}): TimelineApproval => ({
  stepId,
  actionType: 'draft_communication',
  status: 'pending',
  expiresAt: at(86_400),
  createdAt: at(3),
  decidedAt: null,
  decidedByUserId: null,
  decidedByApiKeyId: null,
  reason: null,
  ...overrides,
});

type Row = [string, TimelineRun, TimelineStep[], TimelineApproval[], string[]];

/** Each row: a run, its steps (definition order) and approvals → the expected `kind[:stepId]` sequence. */
const CASES: Row[] = [
  ['a queued run that has not started a step', run({ status: 'queued', finishedAt: null }), [], [], ['run.triggered']],
  [
    'a completed run with two steps',
    run(),
    [step('task'), step('alert', { type: 'add_alert', startedAt: at(3), finishedAt: at(4), createdAt: at(3) })],
    [],
    [
      'run.triggered',
      'step.started:task',
      'step.completed:task',
      'step.started:alert',
      'step.completed:alert',
      'run.completed',
    ],
  ],
  [
    'rows given in definition order are still told chronologically',
    run(),
    [
      step('late', { startedAt: at(5), finishedAt: at(6), createdAt: at(5) }),
      step('early', { startedAt: at(1), finishedAt: at(2) }),
    ],
    [],
    [
      'run.triggered',
      'step.started:early',
      'step.completed:early',
      'step.started:late',
      'step.completed:late',
      'run.completed',
    ],
  ],
  [
    'equal instants keep the causal order (trigger, start, outcome, end)',
    run({ finishedAt: at(0) }),
    [step('task', { startedAt: at(0), finishedAt: at(0), createdAt: at(0) })],
    [],
    ['run.triggered', 'step.started:task', 'step.completed:task', 'run.completed'],
  ],
  [
    'a delayed step waits, then runs',
    run({ finishedAt: at(3700) }),
    [
      step('ping', {
        type: 'send_notification',
        scheduledFor: at(3601),
        createdAt: at(1),
        startedAt: at(3602),
        finishedAt: at(3603),
      }),
    ],
    [],
    ['run.triggered', 'step.waiting:ping', 'step.started:ping', 'step.completed:ping', 'run.completed'],
  ],
  [
    'a run still waiting on a delay',
    run({ status: 'waiting', finishedAt: null }),
    [step('ping', { status: 'waiting', scheduledFor: at(3601), createdAt: at(1), startedAt: null, finishedAt: null })],
    [],
    ['run.triggered', 'step.waiting:ping'],
  ],
  [
    'a branch, then the action it chose',
    run(),
    [
      step('health', { type: 'branch', output: { branch: 'else' } }),
      step('ping', { startedAt: at(3), finishedAt: at(4), createdAt: at(3) }),
    ],
    [],
    [
      'run.triggered',
      'step.started:health',
      'step.completed:health',
      'step.started:ping',
      'step.completed:ping',
      'run.completed',
    ],
  ],
  [
    'a failing step fails the run',
    run({ status: 'failed', error: { code: 'slack_error', message: 'channel_not_found' } }),
    [
      step('task'),
      step('ping', {
        status: 'failed',
        attempts: 3,
        error: { code: 'slack_error', message: 'channel_not_found' },
        startedAt: at(3),
        finishedAt: at(9),
        createdAt: at(3),
      }),
    ],
    [],
    [
      'run.triggered',
      'step.started:task',
      'step.completed:task',
      'step.started:ping',
      'step.failed:ping',
      'run.failed',
    ],
  ],
  [
    'a skipped step (condition false) does not end the run',
    run(),
    [
      step('task', { status: 'skipped', output: { reason: 'condition not met' }, startedAt: null, finishedAt: at(1) }),
      step('alert', { startedAt: at(2), finishedAt: at(3) }),
    ],
    [],
    ['run.triggered', 'step.skipped:task', 'step.started:alert', 'step.completed:alert', 'run.completed'],
  ],
  [
    'a run skipped at trigger time (client deleted)',
    run({ status: 'skipped', reason: 'client deleted', finishedAt: at(0) }),
    [],
    [],
    ['run.triggered', 'run.skipped'],
  ],
  [
    'a run cancelled while waiting (workflow disabled)',
    run({ status: 'cancelled', reason: 'workflow disabled', finishedAt: at(60) }),
    [step('ping', { status: 'waiting', scheduledFor: at(3601), startedAt: null, finishedAt: null })],
    [],
    ['run.triggered', 'step.waiting:ping', 'run.cancelled'],
  ],
  [
    'a run awaiting approval',
    run({ status: 'awaiting_approval', finishedAt: null }),
    [
      step('task'),
      step('draft', {
        type: 'draft_communication',
        status: 'awaiting_approval',
        startedAt: at(3),
        finishedAt: null,
        createdAt: at(3),
      }),
    ],
    [approval('draft')],
    ['run.triggered', 'step.started:task', 'step.completed:task', 'step.started:draft', 'approval.requested:draft'],
  ],
  [
    'an approved step then completes',
    run({ finishedAt: at(40) }),
    [step('draft', { type: 'draft_communication', startedAt: at(3), finishedAt: at(31), createdAt: at(3) })],
    [approval('draft', { status: 'approved', decidedAt: at(30), decidedByUserId: 'u-1' })],
    [
      'run.triggered',
      'step.started:draft',
      'approval.requested:draft',
      'approval.approved:draft',
      'step.completed:draft',
      'run.completed',
    ],
  ],
  [
    'a rejected approval rejects the run; cancelled later steps are not repeated',
    run({ status: 'rejected', reason: 'off brand', finishedAt: at(30) }),
    [
      step('draft', {
        type: 'draft_communication',
        status: 'rejected',
        startedAt: at(3),
        finishedAt: at(30),
        createdAt: at(3),
      }),
      step('alert', { status: 'cancelled', startedAt: null, finishedAt: at(30), createdAt: at(30) }),
    ],
    [approval('draft', { status: 'rejected', decidedAt: at(30), decidedByApiKeyId: 'k-1', reason: 'off brand' })],
    ['run.triggered', 'step.started:draft', 'approval.requested:draft', 'approval.rejected:draft', 'run.rejected'],
  ],
  [
    'an expired approval rejects the run with reason timeout',
    run({ status: 'rejected', reason: 'timeout', finishedAt: at(86_401) }),
    [
      step('draft', {
        type: 'draft_communication',
        status: 'rejected',
        startedAt: at(3),
        finishedAt: at(86_401),
        createdAt: at(3),
      }),
    ],
    [approval('draft', { status: 'expired', decidedAt: at(86_401), reason: 'timeout' })],
    ['run.triggered', 'step.started:draft', 'approval.requested:draft', 'approval.expired:draft', 'run.rejected'],
  ],
  [
    'an approval without a step row is still told',
    run({ status: 'awaiting_approval', finishedAt: null }),
    [],
    [approval('draft')],
    ['run.triggered', 'approval.requested:draft'],
  ],
  [
    'a retried run (queued again) has no end yet',
    run({ status: 'queued', attempt: 2, finishedAt: null }),
    [
      step('task'),
      step('ping', { status: 'pending', attempts: 0, startedAt: at(3), finishedAt: null, createdAt: at(3) }),
    ],
    [],
    ['run.triggered', 'step.started:task', 'step.completed:task', 'step.started:ping'],
  ],
  [
    'a terminal run without finishedAt ends after everything else',
    run({ status: 'cancelled', reason: 'workflow deleted', finishedAt: null }),
    [step('task', { startedAt: at(1), finishedAt: at(2) })],
    [],
    ['run.triggered', 'step.started:task', 'step.completed:task', 'run.cancelled'],
  ],
];

describe('buildRunTimeline', () => {
  it.each(CASES)('%s', (_name, runRow, steps, approvals, expected) => {
    const timeline = buildRunTimeline(runRow, steps, approvals);
    expect(timeline.map((entry) => (entry.stepId ? `${entry.kind}:${entry.stepId}` : entry.kind))).toEqual(expected);
    const times = timeline.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  /** Each row: a run, steps and approvals → one entry's kind and the message it must carry. */
  const MESSAGES: [string, TimelineRun, TimelineStep[], TimelineApproval[], string, string | RegExp][] = [
    ['trigger names the event type', run(), [], [], 'run.triggered', 'Triggered by client.stage_changed'],
    ['trigger without an event', run({ triggerEvent: null }), [], [], 'run.triggered', 'Run triggered'],
    [
      'trigger of a retried run',
      run({ attempt: 3 }),
      [],
      [],
      'run.triggered',
      'Triggered by client.stage_changed (now on attempt 3)',
    ],
    [
      'waiting names the due time',
      run(),
      [step('ping', { type: 'send_notification', scheduledFor: at(3600) })],
      [],
      'step.waiting',
      `Waiting until ${at(3600).toISOString()} before send_notification`,
    ],
    [
      'branch names the path taken',
      run(),
      [step('health', { type: 'branch', output: { branch: 'then' } })],
      [],
      'step.completed',
      'Condition evaluated: took the then path',
    ],
    [
      'failure names the attempts and error',
      run(),
      [step('ping', { status: 'failed', attempts: 3, error: { code: 'http_500', message: 'Slack answered 500' } })],
      [],
      'step.failed',
      'Failed create_task after 3 attempts: Slack answered 500',
    ],
    [
      'skip names the reason',
      run(),
      [step('task', { status: 'skipped', output: { reason: 'condition not met' } })],
      [],
      'step.skipped',
      'Skipped create_task: condition not met',
    ],
    [
      'requested names the action and expiry',
      run(),
      [],
      [approval('draft')],
      'approval.requested',
      `Approval requested for draft_communication (expires ${at(86_400).toISOString()})`,
    ],
    [
      'approved names the user',
      run(),
      [],
      [approval('draft', { status: 'approved', decidedAt: at(9), decidedByUserId: 'u-1' })],
      'approval.approved',
      'Approved by user u-1',
    ],
    [
      'rejected names the key and reason',
      run(),
      [],
      [approval('draft', { status: 'rejected', decidedAt: at(9), decidedByApiKeyId: 'k-1', reason: 'off brand' })],
      'approval.rejected',
      'Rejected by API key k-1: off brand',
    ],
    [
      'expired names the deadline',
      run(),
      [],
      [approval('draft', { status: 'expired', decidedAt: at(86_401) })],
      'approval.expired',
      `Expired: no decision by ${at(86_400).toISOString()}`,
    ],
    [
      'run failure names the error',
      run({ status: 'failed', error: { code: 'permission_denied' } }),
      [],
      [],
      'run.failed',
      'Run failed: permission_denied',
    ],
    [
      'rejection names the reason',
      run({ status: 'rejected', reason: 'timeout' }),
      [],
      [],
      'run.rejected',
      'Run rejected: timeout',
    ],
    [
      'cancellation names the reason',
      run({ status: 'cancelled', reason: 'workflow disabled' }),
      [],
      [],
      'run.cancelled',
      'Run cancelled: workflow disabled',
    ],
    [
      'skip of the run names the reason',
      run({ status: 'skipped', reason: 'loop detected' }),
      [],
      [],
      'run.skipped',
      'Run skipped: loop detected',
    ],
  ];

  it.each(MESSAGES)('message: %s', (_name, runRow, steps, approvals, kind, message) => {
    const entry = buildRunTimeline(runRow, steps, approvals).find((candidate) => candidate.kind === kind);
    expect(entry?.message).toEqual(message);
  });

  it('stamps entries with ISO times and the step id only on step and approval entries', () => {
    const timeline = buildRunTimeline(
      run(),
      [step('task')],
      [approval('task', { status: 'approved', decidedAt: at(1) })],
    );
    for (const entry of timeline) {
      expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect('stepId' in entry).toBe(!entry.kind.startsWith('run.'));
    }
  });
});

describe('describeError', () => {
  it.each([
    [null, null],
    [{ code: 'x', message: 'Readable' }, 'Readable'],
    [{ code: 'permission_denied' }, 'permission_denied'],
    [{ status: 500 }, '{"status":500}'],
  ])('%j → %j', (error, expected) => {
    expect(describeError(error as Record<string, unknown> | null)).toBe(expected);
  });
});
