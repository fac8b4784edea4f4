import { DataSource } from 'typeorm';
import { buildDataSourceOptions, loadWorkflowCounts } from '@automations/persistence';
import { createTestDatabase, TestDatabase } from '@automations/testing';
import type { ClientSnapshot } from '../context/client-snapshot';
import { createRun, CreateRunInput, RunCreation } from './run-creator';

type WorkflowState = 'active' | 'inactive' | 'deleted' | 'another agency';
/** One call of createRun, as the matcher, the scheduler or the loop breaker would make it. */
interface Call {
  dedupeWindowSeconds?: number;
  tickKey?: string;
  skipReason?: string;
  clientDeleted?: boolean;
  /** Another client of the same workflow. */
  otherClient?: boolean;
}

/** The decisions createRun takes (dedupe, skip, inactive workflow), against a real Postgres. */
describe('createRun', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let agencyId: string;
  let otherAgencyId: string;
  let counter = 0;

  const insertAgency = async (name: string): Promise<string> =>
    (await dataSource.query(`INSERT INTO agencies (name, timezone) VALUES ($1, 'UTC') RETURNING id`, [name]))[0].id;
  const insertClient = async (): Promise<string> =>
    (
      await dataSource.query(
        `INSERT INTO clients (agency_id, name, stage, health) VALUES ($1, $2, 'onboarding', 'green') RETURNING id`,
        [agencyId, `Client ${++counter}`],
      )
    )[0].id;
  async function insertWorkflow(state: WorkflowState, version = 1): Promise<string> {
    const [{ id }] = await dataSource.query(
      `INSERT INTO workflows (agency_id, name, is_active, triggers, steps, version, deleted_at) VALUES ($1, $2, $3, '[]', '[]', $4, $5) RETURNING id`,
      [
        state === 'another agency' ? otherAgencyId : agencyId,
        `Workflow ${++counter}`,
        state !== 'inactive',
        version,
        state === 'deleted' ? new Date() : null,
      ],
    );
    return id;
  }
  const snapshotOf = (clientId: string, deleted = false): ClientSnapshot => ({
    client: {
      id: clientId,
      name: 'Acme',
      stage: 'onboarding',
      health: 'green',
      assigneeId: null,
      lastActivityAt: '2026-03-01T00:00:00.000Z',
      deletedAt: deleted ? '2026-03-02T00:00:00.000Z' : null,
      assignee: null,
    },
    metrics: {},
    agency: { id: agencyId, name: 'Bright', timezone: 'UTC' },
    takenAt: '2026-03-02T00:00:00.000Z',
  });
  const input = (workflowId: string, clientId: string, call: Call): CreateRunInput => ({
    agencyId,
    workflowId,
    snapshot: snapshotOf(clientId, call.clientDeleted),
    trigger: {
      eventId: null,
      type: 'client.stage_changed',
      data: { to: 'onboarding' },
      occurredAt: '2026-03-02T00:00:00.000Z',
    },
    dedupeWindowSeconds: call.dedupeWindowSeconds ?? 300,
    ...(call.tickKey !== undefined ? { tickKey: call.tickKey } : {}),
    ...(call.skipReason !== undefined ? { skipReason: call.skipReason } : {}),
  });
  const create = (workflowId: string, clientId: string, call: Call): Promise<RunCreation> =>
    dataSource.transaction((manager) => createRun(manager, input(workflowId, clientId, call)));
  const runRows = (workflowId: string): Promise<{ id: string; status: string }[]> =>
    dataSource.query(`SELECT id, status FROM workflow_runs WHERE workflow_id = $1`, [workflowId]);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ ...buildDataSourceOptions({ url: database.url, poolSize: 4 }), logging: false });
    await dataSource.initialize();
    agencyId = await insertAgency('Bright');
    otherAgencyId = await insertAgency('Other');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Each row: the runs created before (each must start or skip), then the call and its outcome (`deduplicated` names the first earlier run). */
  it.each<[string, Call[], Call, RunCreation['outcome'], string | null]>([
    ['a first event starts a run', [], {}, 'started', null],
    ['a second event inside the window is deduplicated onto the first run', [{}], {}, 'deduplicated', null],
    [
      'dedupe is per workflow and client: another client starts its own run',
      [{}],
      { otherClient: true },
      'started',
      null,
    ],
    [
      'a window of 0 turns time-window dedupe off',
      [{ dedupeWindowSeconds: 0 }],
      { dedupeWindowSeconds: 0 },
      'started',
      null,
    ],
    ['a skipped run does not count for dedupe', [{ skipReason: 'loop prevented' }], {}, 'started', null],
    [
      'a skip reason records a skipped run, without dedupe',
      [{}],
      { skipReason: 'loop prevented' },
      'skipped',
      'loop prevented',
    ],
    ['a deleted client makes a skipped run', [], { clientDeleted: true }, 'skipped', 'client deleted'],
    [
      'a deleted client wins over a given skip reason',
      [],
      { clientDeleted: true, skipReason: 'loop prevented' },
      'skipped',
      'client deleted',
    ],
    [
      'the same scheduled tick is deduplicated, even with a window of 0',
      [{ tickKey: 'tick-1', dedupeWindowSeconds: 0 }],
      { tickKey: 'tick-1', dedupeWindowSeconds: 0 },
      'deduplicated',
      null,
    ],
    [
      'another tick starts a run, even inside the window',
      [{ tickKey: 'tick-1' }],
      { tickKey: 'tick-2' },
      'started',
      null,
    ],
    [
      'a tick dedupes on its tick only: an event-triggered run inside the window does not stop it',
      [{}],
      { tickKey: 'tick-1' },
      'started',
      null,
    ],
    ["an event inside the window is deduplicated onto a tick's run", [{ tickKey: 'tick-1' }], {}, 'deduplicated', null],
  ])('%s', async (_name, earlier, call, outcome, reason) => {
    const workflowId = await insertWorkflow('active');
    const clientId = await insertClient();
    const earlierRuns: string[] = [];
    for (const before of earlier) {
      const created = await create(workflowId, clientId, before);
      expect(['started', 'skipped']).toContain(created.outcome);
      earlierRuns.push((created as { runId: string }).runId);
    }
    const result = await create(workflowId, call.otherClient ? await insertClient() : clientId, call);
    expect(result.outcome).toBe(outcome);
    expect('reason' in result ? result.reason : null).toBe(reason);
    const rows = await runRows(workflowId);
    if (outcome === 'deduplicated') {
      expect(result).toEqual({ outcome, runId: earlierRuns[0] });
      expect(rows).toHaveLength(earlier.length);
    } else {
      expect(rows).toHaveLength(earlier.length + 1);
      expect(rows.find((row) => row.id === (result as { runId: string }).runId)?.status).toBe(
        outcome === 'skipped' ? 'skipped' : 'queued',
      );
    }
  });

  it.each<[string, WorkflowState, Call, string]>([
    ['an inactive workflow takes no run', 'inactive', {}, 'workflow not active'],
    [
      'an inactive workflow takes no run without dedupe either (window 0)',
      'inactive',
      { dedupeWindowSeconds: 0 },
      'workflow not active',
    ],
    ['an inactive workflow takes no skipped run', 'inactive', { skipReason: 'loop prevented' }, 'workflow not active'],
    ['a deleted workflow takes no run', 'deleted', {}, 'workflow deleted'],
    ['a deleted workflow takes no skipped run', 'deleted', { skipReason: 'loop prevented' }, 'workflow deleted'],
    ["another agency's workflow is not active for this agency", 'another agency', {}, 'workflow not active'],
    [
      "another agency's workflow is not active for this agency (window 0)",
      'another agency',
      { dedupeWindowSeconds: 0 },
      'workflow not active',
    ],
  ])('%s', async (_name, state, call, reason) => {
    const workflowId = await insertWorkflow(state);
    const result = await create(workflowId, await insertClient(), call);
    expect(result).toEqual({ outcome: 'inactive', reason });
    expect(await runRows(workflowId)).toEqual([]);
  });

  it('a test-mode run of the pair does not deduplicate a live event', async () => {
    const workflowId = await insertWorkflow('active');
    const clientId = await insertClient();
    await dataSource.query(
      `INSERT INTO workflow_runs (agency_id, workflow_id, workflow_version, client_id, mode, status) VALUES ($1, $2, 1, $3, 'test', 'completed')`,
      [agencyId, workflowId, clientId],
    );
    expect((await create(workflowId, clientId, {})).outcome).toBe('started');
  });

  it("records the workflow's current version, the trigger with its tick, the snapshot and the counters; a skipped run is finished at once", async () => {
    const workflowId = await insertWorkflow('active', 3);
    const clientId = await insertClient();
    const started = await create(workflowId, clientId, { tickKey: 'tick-1' });
    const skipped = await create(workflowId, clientId, { skipReason: 'loop prevented' });
    const rows: Record<string, unknown>[] = await dataSource.query(
      `SELECT id, workflow_version, mode, status, reason, attempt, trigger_event, client_snapshot, finished_at IS NOT NULL AS finished, next_attempt_at IS NOT NULL AS due
         FROM workflow_runs WHERE workflow_id = $1`,
      [workflowId],
    );
    const row = (runId: string) => rows.find((candidate) => candidate.id === runId);
    expect(row((started as { runId: string }).runId)).toMatchObject({
      workflow_version: 3,
      mode: 'live',
      status: 'queued',
      reason: null,
      attempt: 1,
      trigger_event: { eventId: null, type: 'client.stage_changed', data: { to: 'onboarding' }, tickKey: 'tick-1' },
      client_snapshot: { client: { id: clientId, name: 'Acme' } },
      finished: false,
      due: true,
    });
    expect(row((skipped as { runId: string }).runId)).toMatchObject({
      workflow_version: 3,
      status: 'skipped',
      reason: 'loop prevented',
      finished: true,
      due: false,
    });
    expect((await loadWorkflowCounts(dataSource.manager, agencyId, [workflowId])).get(workflowId)).toMatchObject({
      runCount: 2,
      skipCount: 1,
      successCount: 0,
      failureCount: 0,
    });
  });

  it('makes exactly one run when two events of the same pair arrive at once', async () => {
    const workflowId = await insertWorkflow('active');
    const clientId = await insertClient();
    const results = await Promise.all([create(workflowId, clientId, {}), create(workflowId, clientId, {})]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['deduplicated', 'started']);
    const rows = await runRows(workflowId);
    expect(rows).toHaveLength(1);
    expect(results.map((result) => (result as { runId: string }).runId)).toEqual([rows[0].id, rows[0].id]);
  });
});
