import { RetentionPurge } from '@automations/engine';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';

/**
 * RUN_RETENTION_DAYS (PRODUCT.md §7): runs finished longer ago lose their context (client snapshot,
 * trigger data, step input/output, approvals' rendered config); recent and unfinished runs keep it;
 * counters and the audit trail stay as they were.
 */
describe('retention purge', () => {
  let stack: TestStack;
  let agency: TestAgency;
  let f: ReturnType<typeof engineFixtures>;
  const old: string[] = [];
  const recent: string[] = [];
  let approvedOld: string;
  let waitingOld: string;
  let workflowIds: string[];

  const runRow = async (id: string) =>
    (
      await stack.api.dataSource.query(
        `SELECT status, client_snapshot, trigger_event, trigger_event_id, error, finished_at FROM workflow_runs WHERE id = $1`,
        [id],
      )
    )[0] as {
      status: string;
      client_snapshot: Record<string, unknown> | null;
      trigger_event: Record<string, unknown> | null;
      trigger_event_id: string | null;
      error: Record<string, unknown> | null;
    };
  const stepRows = async (id: string) =>
    (await stack.api.dataSource.query(
      `SELECT step_id, status, attempts, input, output, error, started_at, finished_at FROM run_steps WHERE run_id = $1 ORDER BY step_id`,
      [id],
    )) as {
      step_id: string;
      status: string;
      attempts: number;
      input: unknown;
      output: unknown;
      error: Record<string, unknown> | null;
    }[];
  const counters = () =>
    stack.api.dataSource.query(
      `SELECT workflow_id AS id, sum(run_count)::int AS run_count, sum(success_count)::int AS success_count, sum(failure_count)::int AS failure_count,
            sum(skip_count)::int AS skip_count, max(last_run_at) AS last_run_at
       FROM workflow_counters WHERE workflow_id = ANY($1) GROUP BY workflow_id ORDER BY workflow_id`,
      [workflowIds],
    );
  const audit = () =>
    stack.api.dataSource.query(`SELECT * FROM audit_events WHERE agency_id = $1 ORDER BY id`, [agency.agencyId]);

  beforeAll(async () => {
    stack = await startTestStack({ DEDUPE_WINDOW_SECONDS: '0' });
    agency = await stack.createAgency('Retention Agency');
    f = engineFixtures(stack, agency);

    const plain = await f.createWorkflow({
      name: 'Two alerts',
      triggers: [stageTrigger('won')],
      steps: [alertStep('first', 'Won {{client.name}}'), alertStep('second')],
    });
    const guarded = await f.createWorkflow({
      name: 'Guarded',
      triggers: [stageTrigger('review')],
      steps: [{ ...alertStep('guarded', 'Review {{client.name}}'), requiresApproval: true }],
    });
    const delayed = await f.createWorkflow({
      name: 'Later',
      triggers: [stageTrigger('later')],
      steps: [{ ...alertStep('wait'), delayMinutes: 600 }],
    });
    workflowIds = [plain.id, guarded.id, delayed.id];

    for (let i = 0; i < 5; i += 1) {
      const client = await f.createClient(`Plain ${i}`);
      const runId = await f.startedRun(await f.moveStage(client.id, 'won'), plain.id);
      (i < 3 ? old : recent).push(runId);
    }
    const reviewed = await f.createClient('Reviewed Client');
    approvedOld = await f.startedRun(await f.moveStage(reviewed.id, 'review'), guarded.id);
    await stack.waitForRun(approvedOld, ['awaiting_approval']);
    await f
      .http()
      .post(`/api/v1/workflows/runs/${approvedOld}/approve`)
      .set(bearer(agency.tokens.admin))
      .expect((r) => expect(r.status).toBeLessThan(300));
    old.push(approvedOld);
    waitingOld = await f.startedRun(
      await f.moveStage((await f.createClient('Waiting Client')).id, 'later'),
      delayed.id,
    );

    await Promise.all([...old, ...recent].map((id) => stack.waitForRun(id, ['completed'])));
    await stack.waitForRun(waitingOld, ['waiting']);
    // Age them: finished 100 days ago (the waiting one started then, but it has not finished).
    await stack.api.dataSource.query(
      `UPDATE workflow_runs SET started_at = now() - interval '100 days', finished_at = now() - interval '100 days' WHERE id = ANY($1)`,
      [old],
    );
    await stack.api.dataSource.query(
      `UPDATE workflow_runs SET started_at = now() - interval '100 days' WHERE id = $1`,
      [waitingOld],
    );
    // A failure's remote details are payload too (its code and message stay).
    await stack.api.dataSource.query(
      `UPDATE run_steps SET error = '{"code":"remote_error","message":"Slack said no","transient":false,"details":{"response":"payload"}}' WHERE run_id = $1 AND step_id = 'second'`,
      [old[0]],
    );
  });
  afterAll(() => stack.close());

  it('purges the context of old finished runs in batches, and nothing else', async () => {
    const before = {
      counters: await counters(),
      audit: await audit(),
      recent: await Promise.all(recent.map(async (id) => ({ run: await runRow(id), steps: await stepRows(id) }))),
      waiting: await runRow(waitingOld),
    };
    const oldStepsBefore = await stepRows(old[0]);
    const [approvalBefore] = await stack.api.dataSource.query(`SELECT * FROM approvals WHERE run_id = $1`, [
      approvedOld,
    ]);
    expect(approvalBefore.rendered_config).toMatchObject({ title: 'Review Reviewed Client' });

    const report = await new RetentionPurge(stack.workerDataSource, { retentionDays: 90, batchSize: 2 }).purge(
      new Date(),
    );
    expect(report).toMatchObject({ runs: old.length, steps: 3 * 2 + 1, approvals: 1, more: false });

    for (const id of old) {
      const run = await runRow(id);
      expect(run.status).toBe('completed');
      expect(run.client_snapshot).toBeNull();
      expect(run.trigger_event).not.toHaveProperty('data');
      expect(run.trigger_event).toMatchObject({
        type: 'client.stage_changed',
        eventId: run.trigger_event_id,
        occurredAt: expect.any(String),
      });
      for (const step of await stepRows(id))
        expect(step).toMatchObject({ status: 'completed', attempts: 1, input: null, output: null });
    }
    const oldStepsAfter = await stepRows(old[0]);
    expect(oldStepsAfter.map(({ input: _i, output: _o, error: _e, ...rest }) => rest)).toEqual(
      oldStepsBefore.map(({ input: _i, output: _o, error: _e, ...rest }) => rest),
    );
    expect(oldStepsAfter.find((step) => step.step_id === 'second')!.error).toEqual({
      code: 'remote_error',
      message: 'Slack said no',
      transient: false,
    });

    const [approvalAfter] = await stack.api.dataSource.query(`SELECT * FROM approvals WHERE run_id = $1`, [
      approvedOld,
    ]);
    expect(approvalAfter).toEqual({ ...approvalBefore, rendered_config: {} });

    // Recent runs, an unfinished old run, counters and the audit trail: exactly as they were.
    expect(await Promise.all(recent.map(async (id) => ({ run: await runRow(id), steps: await stepRows(id) })))).toEqual(
      before.recent,
    );
    expect(await runRow(waitingOld)).toEqual(before.waiting);
    expect(before.waiting.client_snapshot).not.toBeNull();
    expect(await counters()).toEqual(before.counters);
    expect(await audit()).toEqual(before.audit);
    // The alerts the runs created are records of their own, not run context.
    const [{ count }] = await stack.api.dataSource.query(
      `SELECT count(*)::int AS count FROM alerts WHERE run_id = ANY($1)`,
      [old],
    );
    expect(count).toBe(3 * 2 + 1);
  });

  it('a purged run still reads through the API', async () => {
    const detail = await f.http().get(`/api/v1/workflows/runs/${old[0]}`).set(bearer(agency.tokens.viewer)).expect(200);
    expect(detail.body).toMatchObject({
      id: old[0],
      status: 'completed',
      clientSnapshot: null,
      triggerEvent: { type: 'client.stage_changed' },
    });
    expect(detail.body.steps.map((step: { status: string; input: unknown }) => [step.status, step.input])).toEqual([
      ['completed', null],
      ['completed', null],
    ]);
    await f.http().get(`/api/v1/workflows/${workflowIds[0]}/runs`).set(bearer(agency.tokens.viewer)).expect(200);
  });

  it('is idempotent, can be disabled, and runs one purger at a time', async () => {
    const purge = new RetentionPurge(stack.workerDataSource, { retentionDays: 90 });
    expect(await purge.purge(new Date())).toMatchObject({ runs: 0, steps: 0, approvals: 0 });
    expect(await new RetentionPurge(stack.workerDataSource, { retentionDays: 0 }).purge(new Date())).toBeNull();

    const holder = stack.api.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(774202621)`);
      expect(await purge.purge(new Date())).toBeNull();
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(774202621)`);
      await holder.release();
    }
    expect(await purge.purge(new Date())).not.toBeNull();
  });
});
