import {
  AlertEntity,
  ApprovalEntity,
  ClientEntity,
  emittedErrors,
  TaskEntity,
  WorkflowRunEntity,
} from '@automations/persistence';
import { eventually } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';

/** The seed spec's Edge Cases table, one test per row, on the real stack. */
describe('edge cases', () => {
  let stack: TestStack;
  let agency: TestAgency;
  let f: ReturnType<typeof engineFixtures>;

  beforeAll(async () => {
    stack = await startTestStack();
    agency = await stack.createAgency('Edge Agency');
    f = engineFixtures(stack, agency);
  });
  afterAll(() => stack.close());

  const runs = () => stack.api.dataSource.getRepository(WorkflowRunEntity);

  it('Trigger fires for deleted client: logged as skipped, skip counter incremented, no error', async () => {
    const workflow = await f.createWorkflow({
      name: 'Deleted client',
      triggers: [{ type: 'new_message', config: { platform: 'any' } }],
      steps: [alertStep('a')],
    });
    const client = await f.createClient('Gone Client');
    await f.http().delete(`/api/v1/clients/${client.id}`).set(bearer(f.token)).expect(204);
    const eventId = await f.postEvent({
      type: 'message.received',
      clientId: client.id,
      data: { platform: 'slack', from: 'x@y.z', body: 'hello' },
    });
    const [verdict] = (await stack.waitForEventProcessed(eventId)).filter((v) => v.workflowId === workflow.id);
    expect(verdict).toMatchObject({ outcome: 'skipped', reason: 'client deleted' });
    expect(await runs().findOneByOrFail({ id: verdict.runId! })).toMatchObject({
      status: 'skipped',
      reason: 'client deleted',
      error: null,
    });
    const detail = await f.http().get(`/api/v1/workflows/${workflow.id}`).set(bearer(f.token)).expect(200);
    expect(detail.body).toMatchObject({ runCount: 1, skipCount: 1, failureCount: 0 });
    expect(await stack.api.dataSource.getRepository(AlertEntity).count({ where: { clientId: client.id } })).toBe(0);
  });

  it('Action fails mid-chain: halts, logs the failure point, retry resumes from the failed step', async () => {
    const assignee = agency.userIds.viewer;
    const workflow = await f.createWorkflow({
      name: 'Fails mid-chain',
      triggers: [stageTrigger('fail-mid')],
      steps: [
        { id: 'task', type: 'create_task', config: { title: 'Before', priority: 'low' } },
        { id: 'assign', type: 'update_client', config: { assigneeId: assignee } },
        alertStep('after'),
      ],
    });
    await f
      .http()
      .patch(`/api/v1/users/${assignee}`)
      .set(bearer(agency.tokens.admin))
      .send({ active: false })
      .expect(200);
    const client = await f.createClient('Midchain Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'fail-mid'), workflow.id);
    const failed = await stack.waitForRun(runId, ['failed']);
    expect(failed.error).toMatchObject({ stepId: 'assign', code: 'permission_denied' });
    const steps = Object.fromEntries((await stack.steps(runId)).map((s) => [s.stepId, s.status]));
    expect(steps).toEqual({ task: 'completed', assign: 'failed' });

    await f
      .http()
      .patch(`/api/v1/users/${assignee}`)
      .set(bearer(agency.tokens.admin))
      .send({ active: true })
      .expect(200);
    await f
      .http()
      .post(`/api/v1/workflows/runs/${runId}/retry`)
      .set(bearer(agency.tokens.manager))
      .expect((r) => expect(r.status).toBeLessThan(300));
    const done = await stack.waitForRun(runId, ['completed']);
    expect(done.attempt).toBe(2);
    expect(await stack.api.dataSource.getRepository(TaskEntity).count({ where: { runId } })).toBe(1);
    expect((await stack.api.dataSource.getRepository(ClientEntity).findOneByOrFail({ id: client.id })).assigneeId).toBe(
      assignee,
    );
    const detail = await f.http().get(`/api/v1/workflows/${workflow.id}`).set(bearer(f.token)).expect(200);
    expect(detail.body).toMatchObject({ successCount: 1, failureCount: 0 });
  });

  it('Permissions at execution: a workflow last saved by a user who lost the manager role fails as permission_denied', async () => {
    const editor = await f
      .http()
      .post('/api/v1/users')
      .set(bearer(agency.tokens.admin))
      .send({ email: 'editor@edge.test', name: 'Ed Itor', role: 'manager', password: 'long enough password' })
      .expect(201);
    const token = (
      await f
        .http()
        .post('/api/v1/auth/login')
        .send({ email: 'editor@edge.test', password: 'long enough password' })
        .expect(200)
    ).body.accessToken;
    const workflow = (
      await f
        .http()
        .post('/api/v1/workflows')
        .set(bearer(token))
        .send({ name: 'Edited by a manager', triggers: [stageTrigger('perm-check')], steps: [alertStep('x')] })
        .expect(201)
    ).body;
    await f
      .http()
      .patch(`/api/v1/users/${editor.body.id}`)
      .set(bearer(agency.tokens.admin))
      .send({ role: 'viewer' })
      .expect(200);
    const client = await f.createClient('Permission Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'perm-check'), workflow.id);
    const failed = await stack.waitForRun(runId, ['failed']);
    expect(failed.error).toMatchObject({ code: 'permission_denied', stepId: 'x' });
    expect(await stack.api.dataSource.getRepository(AlertEntity).count({ where: { runId } })).toBe(0);
  });

  it('Delayed action for disabled automation: cancelled with the reason', async () => {
    const workflow = await f.createWorkflow({
      name: 'Delayed then disabled',
      triggers: [stageTrigger('delay-off')],
      steps: [alertStep('first'), { ...alertStep('later'), delayMinutes: 60 }],
    });
    const client = await f.createClient('Delay Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'delay-off'), workflow.id);
    const waiting = await stack.waitForRun(runId, ['waiting']);
    expect(waiting.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
    // The wake-up job is queued after the commit that made the run `waiting` (Postgres decides, Redis delivers): wait for it.
    await eventually(
      async () =>
        (await stack.engine.queues.runs.getJobs(['delayed'])).some(
          (job) => job.data.runId === runId && job.opts.delay! > 59 * 60_000,
        ),
      { what: 'the run’s delayed wake-up job' },
    );

    await f
      .http()
      .patch(`/api/v1/workflows/${workflow.id}/toggle`)
      .set(bearer(f.token))
      .send({ isActive: false })
      .expect(200);
    expect(await runs().findOneByOrFail({ id: runId })).toMatchObject({
      status: 'cancelled',
      reason: 'workflow disabled',
    });
    // Even when its wake-up comes, a cancelled run stays cancelled.
    await stack.api.dataSource.query(`UPDATE run_steps SET scheduled_for = now() WHERE run_id = $1`, [runId]);
    await stack.engine.executor.advance(runId);
    expect(await runs().findOneByOrFail({ id: runId })).toMatchObject({ status: 'cancelled' });
    expect(await stack.api.dataSource.getRepository(AlertEntity).count({ where: { runId } })).toBe(1);
  });

  it('Delayed action: the run waits, then resumes when due and finishes the chain', async () => {
    const workflow = await f.createWorkflow({
      name: 'Delayed',
      triggers: [stageTrigger('delay-on')],
      steps: [alertStep('now'), { ...alertStep('in-a-minute'), delayMinutes: 1 }],
    });
    const client = await f.createClient('Patient Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'delay-on'), workflow.id);
    await stack.waitForRun(runId, ['waiting']);
    expect((await stack.steps(runId)).find((s) => s.stepId === 'in-a-minute')).toMatchObject({ status: 'waiting' });
    // Fast-forward the clock of this run: the reconciler finds it due and resumes it.
    await stack.api.dataSource.query(
      `UPDATE workflow_runs SET next_attempt_at = now() - interval '10 seconds' WHERE id = $1`,
      [runId],
    );
    await stack.api.dataSource.query(
      `UPDATE run_steps SET scheduled_for = now() - interval '10 seconds' WHERE run_id = $1 AND step_id = 'in-a-minute'`,
      [runId],
    );
    await stack.waitForRun(runId, ['completed']);
    expect(await stack.api.dataSource.getRepository(AlertEntity).count({ where: { runId } })).toBe(2);
  });

  it('Approval timeout exceeds 24 hours: auto-rejected, admins notified, timeout logged', async () => {
    const workflow = await f.createWorkflow({
      name: 'Needs approval',
      triggers: [stageTrigger('approve-me')],
      steps: [{ ...alertStep('guarded'), requiresApproval: true }, alertStep('after')],
    });
    const client = await f.createClient('Approval Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'approve-me'), workflow.id);
    await stack.waitForRun(runId, ['awaiting_approval']);
    const approval = await stack.api.dataSource.getRepository(ApprovalEntity).findOneByOrFail({ runId });
    expect(approval.renderedConfig).toMatchObject({ title: 'guarded for Approval Client' });
    expect(approval.expiresAt.getTime() - approval.createdAt.getTime()).toBeGreaterThanOrEqual(1440 * 60_000 - 5000);

    await stack.api.dataSource.query(`UPDATE approvals SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      approval.id,
    ]);
    await stack.engine.maintain();
    const rejected = await stack.waitForRun(runId, ['rejected']);
    expect(rejected.reason).toBe('timeout');
    expect(await stack.api.dataSource.getRepository(ApprovalEntity).findOneByOrFail({ id: approval.id })).toMatchObject(
      { status: 'expired' },
    );
    expect(Object.fromEntries((await stack.steps(runId)).map((s) => [s.stepId, s.status]))).toEqual({
      guarded: 'rejected',
      after: 'cancelled',
    });
    const notices = await stack.api.dataSource.query(
      `SELECT subject FROM notifications WHERE run_id = $1 AND channel = 'in_app' ORDER BY created_at`,
      [runId],
    );
    expect(notices.map((n: { subject: string }) => n.subject)).toEqual(['Approval required', 'Approval expired']);
    const audit = await f
      .http()
      .get(`/api/v1/audit?workflowId=${workflow.id}&eventType=run.expired`)
      .set(bearer(f.token))
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({ actorType: 'system' });
    expect(await stack.api.dataSource.getRepository(AlertEntity).count({ where: { runId } })).toBe(0);
  });

  it('Approval granted: the step runs and the run continues', async () => {
    const workflow = await f.createWorkflow({
      name: 'Approved path',
      requiresApproval: false,
      triggers: [stageTrigger('approve-ok')],
      steps: [{ ...alertStep('guarded'), requiresApproval: true }, alertStep('after')],
    });
    const client = await f.createClient('Approved Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'approve-ok'), workflow.id);
    await stack.waitForRun(runId, ['awaiting_approval']);
    await f
      .http()
      .post(`/api/v1/workflows/runs/${runId}/approve`)
      .set(bearer(agency.tokens.admin))
      .expect((r) => expect(r.status).toBeLessThan(300));
    await stack.waitForRun(runId, ['completed']);
    expect(await stack.api.dataSource.getRepository(AlertEntity).count({ where: { runId } })).toBe(2);
  });

  it('Multiple triggers fire simultaneously: deduplicated by client and automation, one run', async () => {
    const workflow = await f.createWorkflow({
      name: 'Dedupe',
      triggers: [{ type: 'new_message', config: { platform: 'any' } }],
      steps: [alertStep('once')],
    });
    const client = await f.createClient('Chatty Client');
    const ids = (
      await f
        .http()
        .post('/api/v1/events')
        .set(bearer(f.token))
        .send({
          events: Array.from({ length: 5 }, (_, i) => ({
            type: 'message.received',
            clientId: client.id,
            data: { platform: 'gmail', from: 'a@b.c', body: `msg ${i}` },
          })),
        })
        .expect(202)
    ).body.ids as string[];
    const verdicts = (await Promise.all(ids.map((id) => stack.waitForEventProcessed(id))))
      .flat()
      .filter((v) => v.workflowId === workflow.id);
    expect(verdicts.filter((v) => v.outcome === 'started')).toHaveLength(1);
    expect(verdicts.filter((v) => v.outcome === 'deduplicated')).toHaveLength(4);
    await stack.waitForRun(verdicts.find((v) => v.outcome === 'started')!.runId!, ['completed']);
    expect(await runs().count({ where: { workflowId: workflow.id } })).toBe(1);
    expect(await stack.api.dataSource.getRepository(AlertEntity).count({ where: { workflowId: workflow.id } })).toBe(1);
  });

  it('Large action chain (50+ actions): warned at creation, executed in chunks, every step exactly once', async () => {
    const steps = Array.from({ length: 60 }, (_, i) => alertStep(`s${i}`));
    const workflow = await f.createWorkflow({ name: 'Long chain', triggers: [stageTrigger('long')], steps });
    const client = await f.createClient('Long Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'long'), workflow.id);
    await stack.waitForRun(runId, ['completed'], 20_000);
    expect(await stack.api.dataSource.getRepository(AlertEntity).count({ where: { runId } })).toBe(60);
    expect((await stack.steps(runId)).every((s) => s.status === 'completed' && s.attempts === 1)).toBe(true);
  });

  it('Client data changes during execution: templates and conditions use the snapshot from trigger time', async () => {
    const workflow = await f.createWorkflow({
      name: 'Snapshot',
      triggers: [stageTrigger('snap')],
      steps: [
        {
          id: 'wait',
          type: 'add_alert',
          delayMinutes: 1,
          config: { title: 'Hello {{client.name}} ({{client.health}})', severity: 'info' },
        },
        {
          id: 'if-red',
          type: 'branch',
          condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
          then: [alertStep('was-red')],
          else: [alertStep('was-not-red')],
        },
      ],
    });
    const client = await f.createClient('Snap Original', { health: 'red' });
    const runId = await f.startedRun(await f.moveStage(client.id, 'snap'), workflow.id);
    await stack.waitForRun(runId, ['waiting']);
    await f
      .http()
      .patch(`/api/v1/clients/${client.id}`)
      .set(bearer(f.token))
      .send({ name: 'Snap Renamed', health: 'green' })
      .expect(200);
    await stack.api.dataSource.query(`UPDATE workflow_runs SET next_attempt_at = now() WHERE id = $1`, [runId]);
    await stack.api.dataSource.query(`UPDATE run_steps SET scheduled_for = now() WHERE run_id = $1`, [runId]);
    await stack.engine.executor.advance(runId);
    await stack.waitForRun(runId, ['completed']);
    const alerts = await stack.api.dataSource
      .getRepository(AlertEntity)
      .find({ where: { runId }, order: { createdAt: 'ASC' } });
    expect(alerts.map((a) => a.title)).toEqual(['Hello Snap Original (red)', 'was-red for Snap Original']);
  });

  it('Automation deleted with pending runs: pending executions cancelled, history preserved', async () => {
    const workflow = await f.createWorkflow({
      name: 'Deleted with pending',
      triggers: [stageTrigger('del-pending')],
      steps: [{ ...alertStep('guarded'), requiresApproval: true }],
    });
    const client = await f.createClient('Pending Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'del-pending'), workflow.id);
    await stack.waitForRun(runId, ['awaiting_approval']);
    await f.http().delete(`/api/v1/workflows/${workflow.id}`).set(bearer(f.token)).expect(204);
    expect(await runs().findOneByOrFail({ id: runId })).toMatchObject({
      status: 'cancelled',
      reason: 'workflow deleted',
    });
    const history = await f.http().get(`/api/v1/workflows/runs/${runId}`).set(bearer(f.token)).expect(200);
    expect(history.body.status).toBe('cancelled');
    await f.http().post(`/api/v1/workflows/runs/${runId}/approve`).set(bearer(agency.tokens.admin)).expect(409);
  });

  it('Database connection lost during execution: steps retry, the run completes, every effect exactly once', async () => {
    const steps = [
      { id: 'task', type: 'create_task', config: { title: 'Once', priority: 'low' } },
      ...Array.from({ length: 40 }, (_, i) => alertStep(`a${i}`)),
    ];
    const workflow = await f.createWorkflow({ name: 'Lost connection', triggers: [stageTrigger('db-lost')], steps });
    const client = await f.createClient('Conn Client');
    const runId = await f.startedRun(await f.moveStage(client.id, 'db-lost'), workflow.id);
    const logged: { source: unknown; message: string }[] = [];
    emittedErrors.useLogger({ warn: (record, message) => logged.push({ source: record.source, message }) });
    // Kill the worker's Postgres connections three times while the chain runs.
    let killed = 0;
    const completedSteps = async () => (await stack.steps(runId)).filter((s) => s.status === 'completed').length;
    for (let round = 0; round < 3; round += 1) {
      const before = await completedSteps();
      await eventually(async () => (await completedSteps()) > before || before === steps.length || undefined, {
        timeoutMs: 60_000,
        what: `progress before kill ${round + 1}`,
      });
      const [{ n }] = await stack.api.dataSource.query(
        `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1`,
        [stack.workerApplicationName],
      );
      killed += n;
    }
    await stack.waitForRun(runId, ['completed'], 60_000);
    expect(killed).toBeGreaterThan(0);
    expect(await stack.api.dataSource.getRepository(TaskEntity).count({ where: { runId } })).toBe(1);
    const alerts = await stack.api.dataSource.query(
      `SELECT step_id, count(*)::int AS n FROM alerts WHERE run_id = $1 GROUP BY step_id`,
      [runId],
    );
    expect(alerts).toHaveLength(40);
    expect(alerts.every((row: { n: number }) => row.n === 1)).toBe(true);
    // Nothing crashed (an unhandled `error` of a pg client would have failed this file), and the kills were logged.
    expect(logged.some((line) => String(line.source).startsWith('postgres') && /terminat/i.test(line.message))).toBe(
      true,
    );
  }, 240_000);
});
