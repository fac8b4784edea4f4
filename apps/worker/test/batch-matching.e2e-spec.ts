import { AlertEntity, WorkflowRunEntity } from '@automations/persistence';
import { eventually } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';
import { startWorkerProcess } from './support/worker-process';

/**
 * Issue 15: events are matched in batches (one transaction for many events). Each event still gets exactly one
 * verdict per candidate and at most one run, a bad event never fails its batch-mates, a disable that lands mid-batch
 * makes no run, and a worker killed mid-batch loses and doubles nothing.
 */
describe('batched matching', () => {
  let stack: TestStack;
  let agency: TestAgency;
  let f: ReturnType<typeof engineFixtures>;

  beforeAll(async () => {
    stack = await startTestStack({ RUN_LEASE_SECONDS: '2', DEDUPE_WINDOW_SECONDS: '60' });
    agency = await stack.createAgency('Batch Agency');
    f = engineFixtures(stack, agency);
  });
  afterAll(() => stack.close());

  const db = () => stack.api.dataSource;

  async function clients(prefix: string, count: number): Promise<{ id: string }[]> {
    return Promise.all(Array.from({ length: count }, (_, i) => f.createClient(`${prefix} ${i}`)));
  }

  /** Posts the events in one batch request (the engine may be stopped) and answers their ids in order. */
  async function postStageEvents(clientIds: string[], toStage: string): Promise<string[]> {
    await f.allowStages([toStage]);
    const response = await f
      .http()
      .post('/api/v1/events')
      .set(bearer(f.token))
      .send({ events: clientIds.map((clientId) => ({ type: 'client.stage_changed', clientId, data: { toStage } })) })
      .expect(202);
    return response.body.ids;
  }

  const runsOf = (workflowId: string) =>
    db()
      .getRepository(WorkflowRunEntity)
      .find({ where: { workflowId }, order: { createdAt: 'ASC' } });

  it('events waiting together are matched together: one run per client, a repeat inside the window merges into the run its batch-mate started', async () => {
    await stack.stopEngine();
    const workflow = await f.createWorkflow({
      name: 'Batch kickoff',
      triggers: [stageTrigger('bm-go')],
      steps: [alertStep('kickoff')],
    });
    const group = await clients('Batch', 30);
    const ids = group.map((client) => client.id);
    // The first 10 clients move twice: their second event falls inside the 60 s dedupe window.
    const eventIds = await postStageEvents([...ids, ...ids.slice(0, 10)], 'bm-go');
    await stack.startEngine();

    const verdicts = await Promise.all(
      eventIds.map(async (id) =>
        (await stack.waitForEventProcessed(id, 30_000)).find((v) => v.workflowId === workflow.id),
      ),
    );
    expect(verdicts.slice(0, 30).every((v) => v?.outcome === 'started')).toBe(true);
    verdicts.slice(30).forEach((repeat, i) => {
      expect(repeat?.outcome).toBe('deduplicated');
      expect(repeat?.runId).toBe(verdicts[i]?.runId);
    });
    const runs = await runsOf(workflow.id);
    expect(runs).toHaveLength(30);
    expect(new Set(runs.map((run) => run.clientId))).toEqual(new Set(ids));
    await Promise.all(runs.map((run) => stack.waitForRun(run.id, ['completed'], 30_000)));
    expect(
      await db()
        .getRepository(AlertEntity)
        .count({ where: { workflowId: workflow.id } }),
    ).toBe(30);
    // Runs made by one batch share their transaction's start time: fewer distinct times than runs means batches happened.
    expect(new Set(runs.map((run) => run.startedAt?.getTime())).size).toBeLessThan(30);
  }, 90_000);

  it('a run that cannot be written fails only its own event: the batch-mates get their runs, and the event is matched once the fault is gone', async () => {
    await stack.stopEngine();
    const workflow = await f.createWorkflow({
      name: 'Batch with a poison',
      triggers: [stageTrigger('bm-poison')],
      steps: [alertStep('poisoned')],
    });
    const group = await clients('Poison', 10);
    const poison = group[4].id;
    await db().query(`CREATE OR REPLACE FUNCTION refuse_poison_run() RETURNS trigger AS $$
      BEGIN IF NEW.client_id = '${poison}' THEN RAISE EXCEPTION 'poisoned client'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db().query(
      `CREATE TRIGGER refuse_poison_run BEFORE INSERT ON workflow_runs FOR EACH ROW EXECUTE FUNCTION refuse_poison_run()`,
    );
    try {
      const eventIds = await postStageEvents(
        group.map((client) => client.id),
        'bm-poison',
      );
      await stack.startEngine();
      const others = eventIds.filter((_, i) => i !== 4);
      for (const id of others)
        expect((await stack.waitForEventProcessed(id, 30_000)).find((v) => v.workflowId === workflow.id)?.outcome).toBe(
          'started',
        );
      const [poisoned] = await db().query(`SELECT processed_at FROM events WHERE id = $1`, [eventIds[4]]);
      expect(poisoned.processed_at).toBeNull();
      expect((await runsOf(workflow.id)).map((run) => run.clientId).sort()).toEqual(
        group
          .map((client) => client.id)
          .filter((id) => id !== poison)
          .sort(),
      );
    } finally {
      await db().query(`DROP TRIGGER refuse_poison_run ON workflow_runs`);
    }
    // Nothing lost: the job's retry (or the reconciler) matches it now, once.
    await eventually(async () => (await runsOf(workflow.id)).some((run) => run.clientId === poison) || undefined, {
      timeoutMs: 45_000,
      what: "the poisoned client's run after the fault is gone",
    });
    const runs = await runsOf(workflow.id);
    expect(runs).toHaveLength(10);
    await Promise.all(runs.map((run) => stack.waitForRun(run.id, ['completed'], 30_000)));
  }, 120_000);

  it('a workflow disabled while its batch waits makes no run: the run insert re-checks the workflow', async () => {
    const workflow = await f.createWorkflow({
      name: 'Disabled mid-batch',
      triggers: [stageTrigger('bm-off')],
      steps: [alertStep('never')],
    });
    const group = await clients('Straddle', 5);
    // Hold the clients' run-series locks: a batch stops there after it has read the workflow as active.
    const holder = db().createQueryRunner();
    await holder.connect();
    const series = group.map((client) => `run:${workflow.id}:${client.id}`);
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext(name)) FROM unnest($1::text[]) AS name`, [series]);
      const eventIds = await postStageEvents(
        group.map((client) => client.id),
        'bm-off',
      );
      await eventually(
        async () =>
          (
            await db().query(
              `SELECT count(*)::int AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
            )
          )[0].waiting > 0 || undefined,
        { timeoutMs: 20_000, what: 'the batch to wait on the series lock' },
      );
      await f
        .http()
        .patch(`/api/v1/workflows/${workflow.id}/toggle`)
        .set(bearer(f.token))
        .send({ isActive: false })
        .expect(200);
      await holder.query(`SELECT pg_advisory_unlock_all()`);
      // The batch gives up on finding fewer runs written than planned; the one-event matcher then either sees the workflow
      // inactive or, with its index refreshed by the toggle, no longer counts it among the candidates.
      for (const id of eventIds) {
        const verdict = (await stack.waitForEventProcessed(id, 30_000)).find((v) => v.workflowId === workflow.id);
        if (verdict) expect(verdict).toMatchObject({ outcome: 'not_fired', reason: 'workflow not active' });
      }
      expect(await runsOf(workflow.id)).toHaveLength(0);
    } finally {
      await holder.release();
    }
  }, 90_000);

  it('SIGKILL of a worker in the middle of batches: every event is matched once and every client gets exactly one run', async () => {
    await stack.stopEngine();
    const workflow = await f.createWorkflow({
      name: 'Killed mid-batch',
      triggers: [stageTrigger('bm-kill')],
      steps: [alertStep('survivor')],
    });
    const group = await clients('Kill batch', 150);
    const eventIds = await postStageEvents(
      group.map((client) => client.id),
      'bm-kill',
    );
    const child = await startWorkerProcess(stack, { WORKER_CONCURRENCY: '40', DB_POOL_SIZE: '10' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await eventually(async () => ((await runsOf(workflow.id)).length >= 10 ? true : undefined), {
      timeoutMs: 30_000,
      what: 'the child worker to be matching',
    });
    child.kill('SIGKILL');
    await exited;
    expect((await runsOf(workflow.id)).length).toBeLessThan(150);

    await stack.startEngine();
    // The killed worker's jobs come back when BullMQ finds them stalled (their 30 s lock ran out), or by the reconciler.
    for (const id of eventIds) await stack.waitForEventProcessed(id, 120_000);
    const runs = await runsOf(workflow.id);
    expect(runs).toHaveLength(150);
    expect(new Set(runs.map((run) => run.clientId)).size).toBe(150);
    await Promise.all(runs.map((run) => stack.waitForRun(run.id, ['completed'], 60_000)));
    const [alerts] = await db().query(
      `SELECT count(*)::int AS total, count(DISTINCT run_id)::int AS runs FROM alerts WHERE workflow_id = $1`,
      [workflow.id],
    );
    expect(alerts).toEqual({ total: 150, runs: 150 });
  }, 240_000);
});
