import { DataSource, type EntityManager } from 'typeorm';
import { buildDataSourceOptions, loadWorkflowCounts } from '@automations/persistence';
import { createTestDatabase, TestDatabase } from '@automations/testing';
import { leaseRun, type LeasedRun } from './run-lease';
import { RunStateWriter } from './run-state-writer';
import { StaleLeaseError } from './stale-lease.error';

type Write = (writer: RunStateWriter, manager: EntityManager, run: LeasedRun) => Promise<void>;

/** The fenced writes against a real Postgres: each lands while the lease is this worker's, none after a takeover. */
describe('RunStateWriter', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let writer: RunStateWriter;
  let agencyId: string;
  let clientId: string;
  let workflowId: string;

  /** A run leased by this worker (as RunExecutor.advance leases it). */
  async function leasedRun(): Promise<LeasedRun> {
    const [{ id }] = await dataSource.query(
      `INSERT INTO workflow_runs (agency_id, workflow_id, workflow_version, client_id, mode, status, trigger_event, client_snapshot,
                                  attempt, lease_token, started_at, next_attempt_at)
       VALUES ($1, $2, 1, $3, 'live', 'queued', '{}', '{}', 1, 0, now(), now()) RETURNING id`,
      [agencyId, workflowId, clientId],
    );
    return (await leaseRun(dataSource, id, 'worker-a', 30))!;
  }
  const takeOver = (run: LeasedRun) =>
    dataSource.query(`UPDATE workflow_runs SET lease_token = lease_token + 1, lease_owner = 'worker-b' WHERE id = $1`, [
      run.id,
    ]);
  const stateOf = async (run: LeasedRun) => {
    const [row] = await dataSource.query(
      `SELECT status, lease_owner, (SELECT count(*)::int FROM audit_events a WHERE a.details->>'runId' = r.id::text) AS audits
         FROM workflow_runs r WHERE id = $1`,
      [run.id],
    );
    return row as { status: string; lease_owner: string | null; audits: number };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ ...buildDataSourceOptions({ url: database.url, poolSize: 4 }), logging: false });
    await dataSource.initialize();
    writer = new RunStateWriter(dataSource, 30_000);
    [{ id: agencyId }] = await dataSource.query(
      `INSERT INTO agencies (name, timezone) VALUES ('Bright', 'UTC') RETURNING id`,
    );
    [{ id: clientId }] = await dataSource.query(
      `INSERT INTO clients (agency_id, name, stage, health) VALUES ($1, 'Acme', 'onboarding', 'green') RETURNING id`,
      [agencyId],
    );
    [{ id: workflowId }] = await dataSource.query(
      `INSERT INTO workflows (agency_id, name, is_active, triggers, steps, version) VALUES ($1, 'Welcome', true, '[]', '[]', 1) RETURNING id`,
      [agencyId],
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** Each row: the write, then the run's status, lease owner and audit lines after it (with the lease held). */
  it.each<[string, Write, string, string | null, number]>([
    ['fence keeps the run running under this worker', (w, m, r) => w.fence(m, r), 'running', 'worker-a', 0],
    [
      'fence and lock client keeps the run running under this worker',
      (w, m, r) => w.fenceAndLockClient(m, r),
      'running',
      'worker-a',
      0,
    ],
    [
      'park gives the run back',
      (w, m, r) => w.park(m, r, 'waiting', new Date(Date.now() + 60_000)),
      'waiting',
      null,
      0,
    ],
    [
      'finish completed ends the run with an audit line',
      (w, m, r) => w.finish(m, r, 'completed', {}),
      'completed',
      null,
      1,
    ],
    [
      'finish failed ends the run with an audit line',
      (w, m, r) => w.finish(m, r, 'failed', { error: { stepId: 's1', code: 'internal_error' } }),
      'failed',
      null,
      1,
    ],
  ])(
    '%s; after a takeover it throws StaleLeaseError and writes nothing',
    async (_name, write, status, owner, audits) => {
      const held = await leasedRun();
      await dataSource.transaction((manager) => write(writer, manager, held));
      expect(await stateOf(held)).toEqual({ status, lease_owner: owner, audits });

      const lost = await leasedRun();
      await takeOver(lost);
      await expect(dataSource.transaction((manager) => write(writer, manager, lost))).rejects.toBeInstanceOf(
        StaleLeaseError,
      );
      expect(await stateOf(lost)).toEqual({ status: 'running', lease_owner: 'worker-b', audits: 0 });
    },
  );

  it("counts finished runs in the workflow's counters, not cancelled ones", async () => {
    const before = (await loadWorkflowCounts(dataSource.manager, agencyId, [workflowId])).get(workflowId)!;
    for (const outcome of ['completed', 'failed', 'cancelled'] as const) {
      const run = await leasedRun();
      await dataSource.transaction((manager) => writer.finish(manager, run, outcome, {}));
    }
    const after = (await loadWorkflowCounts(dataSource.manager, agencyId, [workflowId])).get(workflowId)!;
    expect(after.successCount - before.successCount).toBe(1);
    expect(after.failureCount - before.failureCount).toBe(1);
  });

  it("writes inside the caller's transaction: rolled back with it", async () => {
    const run = await leasedRun();
    await expect(
      dataSource.transaction(async (manager) => {
        await writer.finish(manager, run, 'completed', {});
        throw new Error('the caller gives up');
      }),
    ).rejects.toThrow('the caller gives up');
    expect(await stateOf(run)).toEqual({ status: 'running', lease_owner: 'worker-a', audits: 0 });
  });

  it('parks with step rows in one transaction of its own', async () => {
    const run = await leasedRun();
    const now = new Date();
    await writer.parkWithSteps(run, 'queued', now, [
      {
        agencyId,
        runId: run.id,
        stepId: 's1',
        type: 'create_task',
        status: 'pending',
        attempts: 1,
        input: null,
        output: null,
        error: { code: 'database_unavailable' },
        scheduledFor: now,
        startedAt: null,
        finishedAt: null,
      },
    ]);
    expect(await stateOf(run)).toMatchObject({ status: 'queued', lease_owner: null });
    const steps = await dataSource.query(`SELECT step_id, status, attempts FROM run_steps WHERE run_id = $1`, [run.id]);
    expect(steps).toEqual([{ step_id: 's1', status: 'pending', attempts: 1 }]);
  });

  describe("a commit that ends in one statement: step rows, settled events and the run's end", () => {
    const stepOf = (runId: string, stepId: string) => ({
      agencyId,
      runId,
      stepId,
      type: 'create_ticket',
      status: 'completed' as const,
      attempts: 1,
      input: {},
      output: { ticketId: 't' },
      error: null,
      scheduledFor: null,
      startedAt: new Date(),
      finishedAt: new Date(),
    });
    async function emittedEvent(): Promise<string> {
      const [{ id }] = await dataSource.query(
        `INSERT INTO events (agency_id, client_id, type, data, occurred_at, source) VALUES ($1, $2, 'ticket.created', '{}', now(), 'action') RETURNING id`,
        [agencyId, clientId],
      );
      return id;
    }
    const eventState = async (id: string) =>
      (
        await dataSource.query(`SELECT processed_at IS NOT NULL AS processed, processing FROM events WHERE id = $1`, [
          id,
        ])
      )[0];
    const stepIds = async (runId: string) =>
      (await dataSource.query(`SELECT step_id FROM run_steps WHERE run_id = $1 ORDER BY step_id`, [runId])).map(
        (row: { step_id: string }) => row.step_id,
      );
    const verdicts = [{ workflowId: 'w', workflowName: 'Other', outcome: 'not_fired', reason: 'no trigger fires' }];

    it.each([
      ['finish', true],
      ['writeSteps', false],
    ])('%s writes the step rows and settles the events while the lease is held', async (method, ends) => {
      const run = await leasedRun();
      const event = await emittedEvent();
      await dataSource.transaction((manager) =>
        method === 'finish'
          ? writer.finish(
              manager,
              run,
              'completed',
              {},
              [stepOf(run.id, 's1'), stepOf(run.id, 's2')],
              [{ id: event, processing: verdicts }],
            )
          : writer.writeSteps(
              manager,
              [stepOf(run.id, 's1'), stepOf(run.id, 's2')],
              [{ id: event, processing: verdicts }],
            ),
      );
      expect(await stepIds(run.id)).toEqual(['s1', 's2']);
      expect(await eventState(event)).toEqual({ processed: true, processing: verdicts });
      expect((await stateOf(run)).status).toBe(ends ? 'completed' : 'running');
    });

    it('after a takeover, finish writes neither the step rows nor the settled events', async () => {
      const run = await leasedRun();
      const event = await emittedEvent();
      await takeOver(run);
      await expect(
        dataSource.transaction((manager) =>
          writer.finish(manager, run, 'completed', {}, [stepOf(run.id, 's1')], [{ id: event, processing: verdicts }]),
        ),
      ).rejects.toBeInstanceOf(StaleLeaseError);
      expect(await stepIds(run.id)).toEqual([]);
      expect(await eventState(event)).toEqual({ processed: false, processing: null });
    });
  });
});
