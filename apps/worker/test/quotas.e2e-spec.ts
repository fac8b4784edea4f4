import { AgencyRunQuota, createAgencyRunQuota, type RunAdmission } from '@automations/engine';
import { RunStepEntity, WorkflowRunEntity } from '@automations/persistence';
import { eventually } from '@automations/testing';
import { In } from 'typeorm';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';

type Decision = { runId: string; agencyId: string; at: number; admitted: boolean; retryAt?: number };

/**
 * Per-agency quota (PRODUCT.md §5): runs over `maxRunsPerMinute` are deferred — `queued` with the time
 * they may start — never dropped, never started early. The quota window is shortened to 2 s here
 * (`windowMs`); in production it is 60 s.
 */
describe('agency run quota', () => {
  const WINDOW_MS = 2000;
  const QUOTA = 5;
  const RUNS = 12;
  /** `acquire` takes a run up to 50 ms before its due time; timestamps come from two clocks (Node, Postgres). */
  const CLOCK_SLACK_MS = 100;
  /** Retries land at the window end plus up to 5 % jitter (100 ms): admissions of one window are that close together. */
  const WINDOW_SLACK_MS = 300;

  let stack: TestStack;
  let throttled: TestAgency;
  let other: TestAgency;
  let quota: AgencyRunQuota;
  const decisions: Decision[] = [];

  beforeAll(async () => {
    stack = await startTestStack({ DEDUPE_WINDOW_SECONDS: '0' });
    throttled = await stack.createAgency('Throttled Agency');
    other = await stack.createAgency('Unthrottled Agency');
    quota = createAgencyRunQuota({
      redisUrl: stack.api.config.redisUrl,
      dataSource: stack.workerDataSource,
      prefix: stack.api.config.queuePrefix,
      windowMs: WINDOW_MS,
    });
    // Until EngineWorker builds the quota itself from config, the test puts it (with a recorder) into the running executor.
    const recorder: RunAdmission = {
      async admit(run) {
        const decision = await quota.admit(run);
        decisions.push({
          runId: run.id,
          agencyId: run.agencyId,
          at: Date.now(),
          admitted: decision.admitted,
          ...(decision.admitted ? {} : { retryAt: decision.retryAt.getTime() }),
        });
        return decision;
      },
    };
    (stack.engine.executor as unknown as { admission: RunAdmission }).admission = recorder;
  });
  afterAll(async () => {
    await quota.close();
    await stack.close();
  });

  async function fireRuns(agency: TestAgency, count: number): Promise<string[]> {
    const f = engineFixtures(stack, agency);
    const workflow = await f.createWorkflow({
      name: `Alert on high tickets (${agency.agencyId.slice(0, 8)})`,
      triggers: [{ type: 'ticket_created', config: { priority: 'high' } }],
      steps: [alertStep('alert')],
    });
    const clients: string[] = [];
    for (let i = 0; i < count; i += 1) clients.push((await f.createClient(`Client ${i + 1}`)).id);
    const events = clients.map((clientId) => ({
      type: 'ticket.created',
      clientId,
      data: { category: 'ops', priority: 'high' },
    }));
    const accepted = await stack.api
      .http()
      .post('/api/v1/events')
      .set(bearer(agency.tokens.admin))
      .send({ events })
      .expect(202);
    const runIds: string[] = [];
    for (const eventId of accepted.body.ids as string[]) runIds.push(await f.startedRun(eventId, workflow.id));
    return runIds;
  }

  it(`runs more than the quota all complete, none lost, none early, at most ${QUOTA} started per window`, async () => {
    await stack.api
      .http()
      .patch('/api/v1/agency')
      .set(bearer(throttled.tokens.admin))
      .send({ settings: { maxRunsPerMinute: QUOTA } })
      .expect(200);

    const runIds = await fireRuns(throttled, RUNS);
    expect(new Set(runIds).size).toBe(RUNS);

    // Runs over the quota wait visibly: queued, with the time they will start.
    const deferred = await eventually(
      async () => {
        const rows = await stack.api.dataSource
          .getRepository(WorkflowRunEntity)
          .find({ where: { id: In(runIds), status: 'queued' } });
        const waiting = rows.filter((run) => run.nextAttemptAt && run.nextAttemptAt.getTime() > Date.now());
        return waiting.length >= QUOTA ? waiting : undefined;
      },
      { timeoutMs: 5000, what: 'runs over the quota to be parked with a start time' },
    );
    for (const run of deferred)
      expect(run.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now() + 2 * WINDOW_MS + 1000);

    const runs = await Promise.all(
      runIds.map((id) => stack.waitForRun(id, ['completed', 'failed', 'cancelled'], 30_000)),
    );
    expect(runs.map((run) => run.status)).toEqual(Array(RUNS).fill('completed'));

    // None lost, none doubled: exactly one alert per run.
    const alerts: { run_id: string; count: number }[] = await stack.api.dataSource.query(
      `SELECT run_id, count(*)::int AS count FROM alerts WHERE run_id = ANY($1) GROUP BY run_id`,
      [runIds],
    );
    expect(alerts).toHaveLength(RUNS);
    expect(alerts.every((row) => row.count === 1)).toBe(true);

    // Every run was admitted exactly once; the quota did refuse some.
    const mine = decisions.filter((decision) => runIds.includes(decision.runId));
    const admissions = mine.filter((decision) => decision.admitted);
    expect(admissions.map((decision) => decision.runId).sort()).toEqual([...runIds].sort());
    expect(mine.filter((decision) => !decision.admitted).length).toBeGreaterThanOrEqual(RUNS - QUOTA);

    // None early: no run was admitted before the time it was given, and its first step started after its admission.
    const steps = await stack.api.dataSource.getRepository(RunStepEntity).find({ where: { runId: In(runIds) } });
    for (const runId of runIds) {
      const admittedAt = admissions.find((decision) => decision.runId === runId)!.at;
      for (const refusal of mine.filter((decision) => decision.runId === runId && !decision.admitted)) {
        expect(refusal.at).toBeLessThan(admittedAt);
        expect(admittedAt).toBeGreaterThanOrEqual(refusal.retryAt! - CLOCK_SLACK_MS);
      }
      const first = steps.find((step) => step.runId === runId)!;
      expect(first.startedAt!.getTime()).toBeGreaterThanOrEqual(admittedAt - CLOCK_SLACK_MS);
    }

    // At most QUOTA starts per window: any QUOTA + 1 consecutive starts span (about) a window or more.
    const spans = (times: number[]) => {
      const sorted = [...times].sort((a, b) => a - b);
      return sorted.slice(QUOTA).map((time, i) => time - sorted[i]);
    };
    for (const span of spans(admissions.map((decision) => decision.at)))
      expect(span).toBeGreaterThanOrEqual(WINDOW_MS - WINDOW_SLACK_MS);
    for (const span of spans(steps.map((step) => step.startedAt!.getTime())))
      expect(span).toBeGreaterThanOrEqual(WINDOW_MS - WINDOW_SLACK_MS);
    // … and the backlog is not held back longer than needed: 12 runs at 5 per window take three windows.
    const firstStart = Math.min(...steps.map((step) => step.startedAt!.getTime()));
    const lastStart = Math.max(...steps.map((step) => step.startedAt!.getTime()));
    expect(lastStart - firstStart).toBeLessThan(Math.ceil(RUNS / QUOTA) * WINDOW_MS + 1500);
  });

  it('quotas are per agency: another agency’s runs start at once', async () => {
    const runIds = await fireRuns(other, 3);
    const runs = await Promise.all(runIds.map((id) => stack.waitForRun(id, ['completed', 'failed', 'cancelled'])));
    expect(runs.map((run) => run.status)).toEqual(['completed', 'completed', 'completed']);
    const mine = decisions.filter((decision) => runIds.includes(decision.runId));
    expect(mine.map((decision) => decision.admitted)).toEqual([true, true, true]);
  });

  it('fails closed when Redis cannot be asked: the run is deferred a little, neither admitted blind nor dropped', async () => {
    const unreachable = createAgencyRunQuota({
      redisUrl: 'redis://127.0.0.1:1',
      dataSource: stack.workerDataSource,
      prefix: stack.api.config.queuePrefix,
      unavailableDeferMs: 3000,
      redisTimeoutMs: 500,
    });
    try {
      const before = Date.now();
      const decision = await unreachable.admit({ id: 'probe', agencyId: throttled.agencyId });
      expect(decision.admitted).toBe(false);
      const retryAt = (decision as { retryAt: Date }).retryAt.getTime();
      expect(retryAt).toBeGreaterThanOrEqual(before + 3000);
      expect(retryAt).toBeLessThanOrEqual(Date.now() + 3000);
    } finally {
      await unreachable.close();
    }
  });

  it('a lowered quota applies after the settings cache expires, and the window count carries over', async () => {
    expect(await quota.maxRunsPerMinute(throttled.agencyId)).toBe(QUOTA);
    await stack.api
      .http()
      .patch('/api/v1/agency')
      .set(bearer(throttled.tokens.admin))
      .send({ settings: { maxRunsPerMinute: 2 } })
      .expect(200);
    quota.invalidate(throttled.agencyId);
    expect(await quota.maxRunsPerMinute(throttled.agencyId)).toBe(2);
    const probe = { id: 'probe', agencyId: throttled.agencyId };
    // Start a fresh window, then: two admitted, the third refused with a start time inside the next window.
    await eventually(async () => (await quota.admit(probe)).admitted, {
      timeoutMs: 3 * WINDOW_MS,
      what: 'a fresh window',
    });
    expect((await quota.admit(probe)).admitted).toBe(true);
    const refused = await quota.admit(probe);
    expect(refused.admitted).toBe(false);
    const retryIn = (refused as { retryAt: Date }).retryAt.getTime() - Date.now();
    expect(retryIn).toBeGreaterThan(0);
    expect(retryIn).toBeLessThanOrEqual(WINDOW_MS + WINDOW_MS / 20 + 50);
  });
});
