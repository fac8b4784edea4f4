import Redis from 'ioredis';
import { ApprovalEntity, AuditEventEntity, TaskEntity, WorkflowRunEntity } from '@automations/persistence';
import { eventually } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';
import { startWorkerProcess } from './support/worker-process';

/** Crashes, lost Redis data and races: nothing lost, nothing duplicated, one outcome. */
describe('fault injection', () => {
  let stack: TestStack;
  let agency: TestAgency;
  let f: ReturnType<typeof engineFixtures>;

  beforeAll(async () => {
    stack = await startTestStack({ RUN_LEASE_SECONDS: '2' });
    agency = await stack.createAgency('Fault Agency');
    f = engineFixtures(stack, agency);
  });
  afterAll(() => stack.close());

  it('SIGKILL of a worker in the middle of a chain: another worker finishes it, every task exists exactly once', async () => {
    await stack.stopEngine();
    const steps = Array.from({ length: 150 }, (_, i) => ({
      id: `t${i}`,
      type: 'create_task',
      config: { title: `Task ${i} for {{client.name}}`, priority: 'low' },
    }));
    const workflow = await f.createWorkflow({ name: 'Killed mid-chain', triggers: [stageTrigger('kill')], steps });
    const client = await f.createClient('Kill Client');
    const child = await startWorkerProcess(stack);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const runId = await f.startedRun(await f.moveStage(client.id, 'kill'), workflow.id);
    const tasks = stack.api.dataSource.getRepository(TaskEntity);
    await eventually(async () => (await tasks.count({ where: { runId } })) >= 10 || undefined, {
      timeoutMs: 20_000,
      what: 'the child worker to be mid-chain',
    });
    child.kill('SIGKILL');
    await exited;
    const atKill = await tasks.count({ where: { runId } });
    expect(atKill).toBeLessThan(150);

    await stack.startEngine();
    await stack.waitForRun(runId, ['completed'], 30_000);
    expect(await tasks.count({ where: { runId } })).toBe(150);
    const perStep = await stack.api.dataSource.query(
      `SELECT count(DISTINCT step_id)::int AS distinct_steps FROM tasks WHERE run_id = $1`,
      [runId],
    );
    expect(perStep[0].distinct_steps).toBe(150);
    expect((await stack.steps(runId)).every((s) => s.status === 'completed')).toBe(true);
  }, 90_000);

  it('SIGTERM: the worker finishes its in-flight job, hands the run back, and exits; another worker completes it', async () => {
    await stack.stopEngine();
    const steps = Array.from({ length: 150 }, (_, i) => ({
      id: `g${i}`,
      type: 'create_task',
      config: { title: `Graceful ${i}`, priority: 'low' },
    }));
    const workflow = await f.createWorkflow({ name: 'Graceful stop', triggers: [stageTrigger('sigterm')], steps });
    const client = await f.createClient('Graceful Client');
    const child = await startWorkerProcess(stack);
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const runId = await f.startedRun(await f.moveStage(client.id, 'sigterm'), workflow.id);
    const tasks = stack.api.dataSource.getRepository(TaskEntity);
    await eventually(async () => (await tasks.count({ where: { runId } })) >= 5 || undefined, {
      timeoutMs: 20_000,
      what: 'the child worker to be mid-chain',
    });
    child.kill('SIGTERM');
    const exit = await exited;
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    const handedBack = await stack.api.dataSource.getRepository(WorkflowRunEntity).findOneByOrFail({ id: runId });
    expect(['queued', 'completed']).toContain(handedBack.status);
    expect(handedBack.leaseOwner).toBeNull();

    await stack.startEngine();
    await stack.waitForRun(runId, ['completed'], 30_000);
    expect(await tasks.count({ where: { runId } })).toBe(150);
  }, 90_000);

  it('Redis loses everything (the prefix is wiped): the reconciler rebuilds the work from Postgres alone', async () => {
    await stack.stopEngine();
    const workflow = await f.createWorkflow({
      name: 'Survives a flush',
      triggers: [stageTrigger('flush')],
      steps: [alertStep('a'), alertStep('b')],
    });
    const client = await f.createClient('Flush Client');
    const eventId = await f.moveStage(client.id, 'flush');
    const redis = new Redis(stack.api.config.redisUrl);
    const keys = await redis.keys(`${stack.api.config.queuePrefix}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    await redis.quit();

    await stack.startEngine();
    const runId = await f.startedRun(eventId, workflow.id);
    await stack.waitForRun(runId, ['completed'], 20_000);
    const alerts = await stack.api.dataSource.query(`SELECT count(*)::int AS n FROM alerts WHERE run_id = $1`, [runId]);
    expect(alerts[0].n).toBe(2);
  }, 60_000);

  it('an approve racing the expiry has exactly one outcome per run', async () => {
    const workflow = await f.createWorkflow({
      name: 'Race',
      triggers: [stageTrigger('race')],
      steps: [{ ...alertStep('guarded'), requiresApproval: true }],
    });
    const runIds: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const client = await f.createClient(`Race ${i}`);
      runIds.push(await f.startedRun(await f.moveStage(client.id, 'race'), workflow.id));
    }
    for (const runId of runIds) await stack.waitForRun(runId, ['awaiting_approval']);
    // Not yet expired for the approve, already due for the sweeps (which look 2 s ahead): both try at once.
    await stack.api.dataSource.query(
      `UPDATE approvals SET expires_at = now() + interval '1 second' WHERE run_id = ANY($1)`,
      [runIds],
    );
    const sweepAt = new Date(Date.now() + 2000);
    const answers = await Promise.all([
      ...runIds.map((runId) =>
        f.http().post(`/api/v1/workflows/runs/${runId}/approve`).set(bearer(agency.tokens.admin)),
      ),
      stack.engine.control.expireDueApprovals(sweepAt),
      stack.engine.control.expireDueApprovals(sweepAt),
    ]);
    expect(answers.length).toBe(8);
    for (const runId of runIds) {
      const run = await stack.waitForRun(runId, ['completed', 'rejected']);
      const approval = await stack.api.dataSource.getRepository(ApprovalEntity).findOneByOrFail({ runId });
      const audits = await stack.api.dataSource
        .getRepository(AuditEventEntity)
        .find({ where: { workflowId: workflow.id } });
      const decisions = audits.filter(
        (a) =>
          (a.details as { runId?: string }).runId === runId && ['run.approved', 'run.expired'].includes(a.eventType),
      );
      expect(decisions).toHaveLength(1);
      if (approval.status === 'approved') expect(run.status).toBe('completed');
      else expect([approval.status, run.status, run.reason]).toEqual(['expired', 'rejected', 'timeout']);
    }
  });

  it('terminal states are never overwritten: advancing or reconciling a finished run changes nothing', async () => {
    const workflow = await f.createWorkflow({
      name: 'Terminal',
      triggers: [stageTrigger('terminal')],
      steps: [alertStep('only')],
    });
    const client = await f.createClient('Terminal Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'terminal'), workflow.id);
    const done = await stack.waitForRun(runId, ['completed']);
    await stack.engine.executor.advance(runId);
    await stack.engine.executor.advance(runId);
    await stack.engine.reconciler.reconcile();
    const after = await stack.api.dataSource.getRepository(WorkflowRunEntity).findOneByOrFail({ id: runId });
    expect(after).toMatchObject({ status: 'completed', leaseToken: done.leaseToken, finishedAt: done.finishedAt });
    await f.http().post(`/api/v1/workflows/runs/${runId}/retry`).set(bearer(agency.tokens.manager)).expect(409);
  });
});
