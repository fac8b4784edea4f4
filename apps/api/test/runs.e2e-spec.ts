import { ApprovalEntity, AuditEventEntity, RunStepEntity, WorkflowRunEntity } from '@automations/persistence';
import { dropRunQueue, queuedRunJobs, RunSeeder } from './support/run.fixture';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';
import { minimalWorkflow, onboardingWorkflow } from './support/workflow-fixtures';

const EXPIRED = 'The approval expired; the run was rejected (timeout)';
const NOT_PENDING = 'This run has no pending approval';

/** A workflow whose approval step comes first, so a rejection has later steps to cancel. */
const approvalFirstWorkflow = () =>
  minimalWorkflow('Approval first', [
    { id: 'draft', type: 'draft_communication', requiresApproval: true, config: { platform: 'email', tone: 'friendly', template: 'Hello {{client.name}}' } },
    { id: 'task', type: 'create_task', config: { title: 'Follow up {{client.name}}', priority: 'medium' } },
    { id: 'alert', type: 'add_alert', config: { title: 'Drafted for {{client.name}}', severity: 'info' } },
  ]);

/** Runs, steps and approvals are seeded in the states the engine leaves them; decisions go through the API (RunControl). */
describe('runs and approvals API (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;
  let seed: RunSeeder;
  let onboardingId: string;
  let onboardingV1Steps: unknown[];
  let approvalFirstId: string;
  let clientId: string;

  const http = () => api.http();
  const get = (path: string, token = alpha.tokens.viewer) => http().get(`/api/v1${path}`).set(bearer(token));
  const post = (path: string, token: string, body?: object) => {
    const request = http().post(`/api/v1${path}`).set(bearer(token));
    return body === undefined ? request : request.send(body);
  };
  const runRow = (id: string) => api.dataSource.getRepository(WorkflowRunEntity).findOneByOrFail({ id });
  const stepRows = async (runId: string) => {
    const rows = await api.dataSource.getRepository(RunStepEntity).findBy({ runId });
    return Object.fromEntries(rows.map((row) => [row.stepId, row]));
  };
  const approvalRow = (id: string) => api.dataSource.getRepository(ApprovalEntity).findOneByOrFail({ id });
  const auditOf = async (runId: string, eventType: string) =>
    (await api.dataSource.getRepository(AuditEventEntity).findBy({ eventType })).filter((event) => event.details.runId === runId);

  async function createWorkflow(agency: TestAgency, body: Record<string, unknown>): Promise<{ id: string; steps: unknown[] }> {
    const response = await post('/workflows', agency.tokens.manager, body).expect(201);
    return response.body;
  }

  beforeAll(async () => {
    ({ api, alpha, beta } = await startTestApiWithTwoAgencies(['Alpha Runs', 'Beta Runs']));
    seed = new RunSeeder(api, alpha.agencyId);
    const onboarding = await createWorkflow(alpha, onboardingWorkflow());
    onboardingId = onboarding.id;
    onboardingV1Steps = onboarding.steps;
    approvalFirstId = (await createWorkflow(alpha, approvalFirstWorkflow())).id;
    clientId = (await seed.client('Acme Dental')).id;
  });
  afterAll(async () => {
    await api.close();
    await dropRunQueue(api);
  });

  describe('routes', () => {
    it('serves /workflows/runs and /workflows/approvals (static segments win over the workflows :id route)', async () => {
      const runs = await get('/workflows/runs').expect(200);
      expect(runs.body).toMatchObject({ page: 1, pageSize: 50 });
      expect(Array.isArray(runs.body.items)).toBe(true);
      const approvals = await get('/workflows/approvals').expect(200);
      expect(approvals.body).toMatchObject({ page: 1, pageSize: 50 });
      // The workflows controller still owns /workflows/{id}, and its 400 names `id`, ours `runId`.
      await get(`/workflows/${onboardingId}`).expect(200);
      expect((await get('/workflows/runs/nope').expect(400)).body.details).toEqual([{ path: 'runId', message: 'must be a UUID' }]);
      expect((await get('/workflows/nope').expect(400)).body.details).toEqual([{ path: 'id', message: 'must be a UUID' }]);
    });

    it('publishes the routes in the OpenAPI document', async () => {
      const spec = (await http().get('/api/openapi.json').expect(200)).body;
      for (const path of ['/api/v1/workflows/runs', '/api/v1/workflows/approvals', '/api/v1/workflows/runs/{runId}', '/api/v1/workflows/runs/{runId}/retry', '/api/v1/workflows/{id}/runs']) {
        expect(spec.paths[path]).toBeDefined();
      }
      expect(spec.paths['/api/v1/workflows/runs/{runId}/retry'].post.responses['202']).toBeDefined();
      expect(spec.components.schemas.RunDetailDto.properties.timeline).toBeDefined();
    });
  });

  describe('lists', () => {
    let agency: TestAgency;
    let ids: Record<string, string>;
    let workflows: Record<'first' | 'second', string>;
    let clients: Record<'a' | 'b', string>;

    const day = (n: number) => new Date(Date.UTC(2026, 2, n, 10, 0, 0));
    const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => Object.keys(ids).find((key) => ids[key] === item.id) ?? item.id);

    beforeAll(async () => {
      agency = await api.createAgency('Listing');
      const listing = new RunSeeder(api, agency.agencyId);
      workflows = { first: (await createWorkflow(agency, minimalWorkflow('First'))).id, second: (await createWorkflow(agency, minimalWorkflow('Second'))).id };
      clients = { a: (await listing.client('Client A')).id, b: (await listing.client('Client B')).id };
      const rows: [string, 'first' | 'second', 'a' | 'b', WorkflowRunEntity['status'], number][] = [
        ['r1', 'first', 'a', 'completed', 1],
        ['r2', 'first', 'b', 'failed', 3],
        ['r3', 'first', 'a', 'completed', 5],
        ['r4', 'first', 'b', 'queued', 7],
        ['r5', 'second', 'a', 'completed', 4],
      ];
      ids = {};
      for (const [key, workflow, client, status, startDay] of rows) {
        ids[key] = (await listing.run({ workflowId: workflows[workflow], clientId: clients[client], status, startedAt: day(startDay) })).id;
      }
    });

    it('lists the runs of one workflow, newest first, with names and durations joined in', async () => {
      const response = await get(`/workflows/${workflows.first}/runs`, agency.tokens.viewer).expect(200);
      expect(response.body).toMatchObject({ total: 4, page: 1, pageSize: 50 });
      expect(idsOf(response.body)).toEqual(['r4', 'r3', 'r2', 'r1']);
      expect(response.body.items[1]).toEqual({
        id: ids.r3,
        workflowId: workflows.first,
        workflowName: 'First',
        workflowVersion: 1,
        clientId: clients.a,
        clientName: 'Client A',
        mode: 'live',
        status: 'completed',
        reason: null,
        attempt: 1,
        error: null,
        startedAt: day(5).toISOString(),
        finishedAt: new Date(day(5).getTime() + 1000).toISOString(),
        durationMs: 1000,
      });
      expect(response.body.items[0]).toMatchObject({ status: 'queued', finishedAt: null, durationMs: null });
    });

    it.each([
      ['status', 'status=completed', ['r3', 'r1']],
      ['client', 'clientId=B', ['r4', 'r2']],
      ['from/to inclusive on startedAt', `from=${encodeURIComponent(day(3).toISOString())}&to=${encodeURIComponent(day(5).toISOString())}`, ['r3', 'r2']],
      ['from only', `from=${encodeURIComponent(day(5).toISOString())}`, ['r4', 'r3']],
      ['to only, with an offset', `to=${encodeURIComponent('2026-03-03T11:00:00+01:00')}`, ['r2', 'r1']],
      ['status and client together', 'status=failed&clientId=B', ['r2']],
      ['nothing matches', 'status=rejected', []],
    ])('filters one workflow by %s', async (_name, query, expected) => {
      const response = await get(`/workflows/${workflows.first}/runs?${query.replace('clientId=B', `clientId=${clients.b}`)}`, agency.tokens.viewer).expect(200);
      expect(idsOf(response.body)).toEqual(expected);
      expect(response.body.total).toBe(expected.length);
    });

    it('paginates with the total of all matches', async () => {
      const page2 = await get(`/workflows/${workflows.first}/runs?page=2&pageSize=3`, agency.tokens.viewer).expect(200);
      expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(idsOf(page2.body)).toEqual(['r1']);
      const beyond = await get(`/workflows/${workflows.first}/runs?page=9&pageSize=3`, agency.tokens.viewer).expect(200);
      expect(beyond.body).toMatchObject({ total: 4, items: [] });
    });

    it('lists across workflows with the same filters plus workflowId', async () => {
      expect(idsOf((await get('/workflows/runs', agency.tokens.viewer).expect(200)).body)).toEqual(['r4', 'r3', 'r5', 'r2', 'r1']);
      expect(idsOf((await get(`/workflows/runs?workflowId=${workflows.second}`, agency.tokens.viewer).expect(200)).body)).toEqual(['r5']);
      expect(idsOf((await get(`/workflows/runs?status=completed&clientId=${clients.a}`, agency.tokens.viewer).expect(200)).body)).toEqual(['r3', 'r5', 'r1']);
      const second = await get(`/workflows/runs?workflowId=${workflows.second}`, agency.tokens.viewer).expect(200);
      expect(second.body.items[0]).toMatchObject({ workflowName: 'Second', clientName: 'Client A' });
    });

    it('keeps the runs of a deleted workflow readable; unknown and foreign workflows are 404', async () => {
      await http().delete(`/api/v1/workflows/${workflows.second}`).set(bearer(agency.tokens.manager)).expect(204);
      expect(idsOf((await get(`/workflows/${workflows.second}/runs`, agency.tokens.viewer).expect(200)).body)).toEqual(['r5']);
      expect(idsOf((await get(`/workflows/runs?workflowId=${workflows.second}`, agency.tokens.viewer).expect(200)).body)).toEqual(['r5']);
      await get(`/workflows/${workflows.second}/runs`, beta.tokens.admin).expect(404);
      await get('/workflows/00000000-0000-4000-8000-000000000000/runs', agency.tokens.viewer).expect(404);
    });
  });

  describe('detail', () => {
    it('shows the run with its steps in definition order, the recorded definition after an edit, approvals and a chronological timeline', async () => {
      const t0 = new Date(Date.UTC(2026, 2, 2, 9, 0, 0));
      const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
      const run = await seed.run({ workflowId: onboardingId, clientId, status: 'completed', startedAt: t0, finishedAt: at(10) });
      // Inserted out of order, with createdAt out of order too: only the definition decides the order.
      await seed.step(run.id, { stepId: 'draft', type: 'draft_communication', status: 'completed', startedAt: at(7), finishedAt: at(9), createdAt: at(0), input: { platform: 'email' }, output: { draftId: 'd-1' } });
      await seed.step(run.id, { stepId: 'ping', type: 'send_notification', status: 'completed', scheduledFor: at(5), startedAt: at(5), finishedAt: at(6), createdAt: at(3) });
      await seed.step(run.id, { stepId: 'health', type: 'branch', status: 'completed', output: { branch: 'else' }, startedAt: at(3), finishedAt: at(3), createdAt: at(3) });
      await seed.step(run.id, { stepId: 'task', type: 'create_task', status: 'completed', attempts: 2, startedAt: at(1), finishedAt: at(2), createdAt: at(9), output: { taskId: 't-1' } });
      const approval = await seed.approval(run.id, { stepId: 'draft', actionType: 'draft_communication', status: 'approved', createdAt: at(7), expiresAt: at(86_407), decidedAt: at(8), decidedByUserId: alpha.adminUserId });

      // The workflow moves on to version 2; the run keeps showing what it executed (version 1).
      await http()
        .patch(`/api/v1/workflows/${onboardingId}`)
        .set(bearer(alpha.tokens.manager))
        .send({ steps: [{ id: 'only', type: 'add_alert', config: { title: 'v2', severity: 'info' } }] })
        .expect(200);

      const { body } = await get(`/workflows/runs/${run.id}`).expect(200);
      expect(body).toMatchObject({
        id: run.id,
        workflowId: onboardingId,
        workflowName: 'Onboarding kickoff',
        workflowVersion: 1,
        clientId,
        clientName: 'Acme Dental',
        status: 'completed',
        durationMs: 10_000,
        triggerEvent: { type: 'client.stage_changed', data: { from: 'lead', to: 'onboarding' } },
        clientSnapshot: { client: { name: 'Snapshot name' }, metrics: { roas: 1.5 } },
      });
      expect(body.definition.steps).toEqual(onboardingV1Steps);
      expect(body.definition.name).toBe('Onboarding kickoff');
      expect(body.steps.map((step: { stepId: string }) => step.stepId)).toEqual(['task', 'health', 'ping', 'draft']);
      expect(body.steps[0]).toEqual({
        stepId: 'task',
        type: 'create_task',
        status: 'completed',
        attempts: 2,
        input: null,
        output: { taskId: 't-1' },
        error: null,
        scheduledFor: null,
        startedAt: at(1).toISOString(),
        finishedAt: at(2).toISOString(),
        durationMs: 1000,
      });
      expect(body.steps[2]).toMatchObject({ stepId: 'ping', scheduledFor: at(5).toISOString() });
      expect(body.approvals).toEqual([
        {
          id: approval.id,
          stepId: 'draft',
          actionType: 'draft_communication',
          renderedConfig: { platform: 'email', tone: 'friendly', template: 'Welcome' },
          status: 'approved',
          expiresAt: at(86_407).toISOString(),
          createdAt: at(7).toISOString(),
          decidedAt: at(8).toISOString(),
          decidedBy: { type: 'user', id: alpha.adminUserId },
          reason: null,
          // Seeded without a draft (as approvals before drafts were written first): nothing to show or edit.
          draft: null,
          edits: null,
        },
      ]);
      expect(body.timeline.map((entry: { kind: string; stepId?: string }) => (entry.stepId ? `${entry.kind}:${entry.stepId}` : entry.kind))).toEqual([
        'run.triggered',
        'step.started:task',
        'step.completed:task',
        'step.started:health',
        'step.completed:health',
        'step.waiting:ping',
        'step.started:ping',
        'step.completed:ping',
        'step.started:draft',
        'approval.requested:draft',
        'approval.approved:draft',
        'step.completed:draft',
        'run.completed',
      ]);
      const times = body.timeline.map((entry: { at: string }) => Date.parse(entry.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(body.timeline.find((entry: { kind: string }) => entry.kind === 'step.waiting').message).toContain(at(5).toISOString());
      expect(body.timeline.find((entry: { kind: string }) => entry.kind === 'step.completed').message).toBe('Completed create_task');
      expect(body.timeline.find((entry: { stepId?: string; kind: string }) => entry.stepId === 'health' && entry.kind === 'step.completed').message).toBe('Condition evaluated: took the else path');
    });

    it('answers 404 for an unknown run', async () => {
      const response = await get('/workflows/runs/00000000-0000-4000-8000-000000000000').expect(404);
      expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Run not found' });
    });
  });

  describe('approve', () => {
    it('lists the pending approval in the queue, then approves it: step pending again, run queued, a job enqueued', async () => {
      const { run, approval } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication');

      const queue = await get('/workflows/approvals').expect(200);
      const item = queue.body.items.find((candidate: { id: string }) => candidate.id === approval.id);
      expect(item).toEqual({
        id: approval.id,
        runId: run.id,
        workflowId: approvalFirstId,
        workflowName: 'Approval first',
        clientId,
        clientName: 'Acme Dental',
        stepId: 'draft',
        actionType: 'draft_communication',
        renderedConfig: { platform: 'email', tone: 'friendly', template: 'Welcome' },
        status: 'pending',
        expiresAt: approval.expiresAt.toISOString(),
        createdAt: approval.createdAt.toISOString(),
        decidedAt: null,
        decidedBy: null,
        reason: null,
        draft: null,
        edits: null,
      });

      const response = await post(`/workflows/runs/${run.id}/approve`, alpha.tokens.admin).expect(200);
      expect(response.body).toMatchObject({ id: run.id, status: 'queued' });
      expect(response.body.approvals[0]).toMatchObject({ status: 'approved', decidedBy: { type: 'user', id: alpha.adminUserId } });
      expect(response.body.steps.find((step: { stepId: string }) => step.stepId === 'draft')).toMatchObject({ status: 'pending' });
      expect(response.body.timeline.map((entry: { kind: string }) => entry.kind)).toContain('approval.approved');

      expect(await approvalRow(approval.id)).toMatchObject({ status: 'approved', decidedByUserId: alpha.adminUserId });
      expect((await stepRows(run.id)).draft.status).toBe('pending');
      expect((await runRow(run.id)).status).toBe('queued');
      expect(await queuedRunJobs(api)).toContain(run.id);
      expect(await auditOf(run.id, 'run.approved')).toEqual([expect.objectContaining({ actorType: 'user', actorId: alpha.adminUserId })]);

      const pendingIds = (await get('/workflows/approvals?status=pending').expect(200)).body.items.map((candidate: { id: string }) => candidate.id);
      expect(pendingIds).not.toContain(approval.id);
      const approved = await get('/workflows/approvals?status=approved').expect(200);
      expect(approved.body.items.map((candidate: { id: string }) => candidate.id)).toContain(approval.id);

      const again = await post(`/workflows/runs/${run.id}/approve`, alpha.tokens.admin).expect(409);
      expect(again.body.message).toBe(NOT_PENDING);
    });

    it('orders the pending queue oldest first and decided approvals most recently decided first', async () => {
      const agency = await api.createAgency('Queue order');
      const local = new RunSeeder(api, agency.agencyId);
      const workflowId = (await createWorkflow(agency, approvalFirstWorkflow())).id;
      const client = (await local.client('Queue client')).id;
      const base = Date.now() - 3600 * 1000;
      const created: string[] = [];
      for (const offset of [20, 0, 10]) {
        const { approval } = await local.awaitingApproval(workflowId, client, 'draft', 'draft_communication', { createdAt: new Date(base + offset * 1000) });
        created.push(approval.id);
      }
      const [newest, oldest, middle] = created;
      const pending = await get('/workflows/approvals', agency.tokens.viewer).expect(200);
      expect(pending.body.items.map((item: { id: string }) => item.id)).toEqual([oldest, middle, newest]);
      const page2 = await get('/workflows/approvals?page=2&pageSize=2', agency.tokens.viewer).expect(200);
      expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page2.body.items.map((item: { id: string }) => item.id)).toEqual([newest]);

      // Decide the oldest first, then the newest: history shows the latest decision first.
      const runOf = async (approvalId: string) => (await approvalRow(approvalId)).runId;
      await post(`/workflows/runs/${await runOf(oldest)}/reject`, agency.tokens.admin, { reason: 'first' }).expect(200);
      await post(`/workflows/runs/${await runOf(newest)}/reject`, agency.tokens.admin, { reason: 'second' }).expect(200);
      const rejected = await get('/workflows/approvals?status=rejected', agency.tokens.viewer).expect(200);
      expect(rejected.body.items.map((item: { id: string; reason: string }) => [item.id, item.reason])).toEqual([
        [newest, 'second'],
        [oldest, 'first'],
      ]);
      expect((await get('/workflows/approvals?status=expired', agency.tokens.viewer).expect(200)).body.total).toBe(0);

      // A run that left awaiting_approval by another path keeps no place in the queue, even if its approval row stayed pending.
      const stale = await local.awaitingApproval(workflowId, client, 'draft', 'draft_communication');
      await api.dataSource.getRepository(WorkflowRunEntity).update({ id: stale.run.id }, { status: 'cancelled', reason: 'workflow disabled', finishedAt: new Date() });
      const remaining = await get('/workflows/approvals', agency.tokens.viewer).expect(200);
      expect(remaining.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: middle })] });

      // Disabling the workflow cancels the last parked run: the queue is empty.
      await http().patch(`/api/v1/workflows/${workflowId}/toggle`).set(bearer(agency.tokens.manager)).send({ isActive: false }).expect(200);
      expect((await get('/workflows/approvals', agency.tokens.viewer).expect(200)).body.total).toBe(0);
    });

    it('answers 409 expired when the approval is past its expiry: the run is rejected with reason timeout, exactly once', async () => {
      const { run, approval } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication', { expiresAt: new Date(Date.now() - 1000) });

      const response = await post(`/workflows/runs/${run.id}/approve`, alpha.tokens.admin).expect(409);
      expect(response.body).toEqual({ statusCode: 409, error: 'Conflict', message: EXPIRED });
      expect(await approvalRow(approval.id)).toMatchObject({ status: 'expired', reason: 'timeout', decidedByUserId: null });
      expect(await runRow(run.id)).toMatchObject({ status: 'rejected', reason: 'timeout' });
      expect(await queuedRunJobs(api)).not.toContain(run.id);

      const again = await post(`/workflows/runs/${run.id}/approve`, alpha.tokens.admin).expect(409);
      expect(again.body.message).toBe(NOT_PENDING);
      expect(await auditOf(run.id, 'run.expired')).toHaveLength(1);
      expect(await auditOf(run.id, 'run.approved')).toHaveLength(0);

      const detail = await get(`/workflows/runs/${run.id}`).expect(200);
      expect(detail.body.approvals[0]).toMatchObject({ status: 'expired', decidedBy: null, reason: 'timeout' });
      expect(detail.body.timeline.slice(-2).map((entry: { kind: string }) => entry.kind)).toEqual(['approval.expired', 'run.rejected']);
      expect(detail.body.timeline.at(-1).message).toBe('Run rejected: timeout');
    });

    it('has exactly one outcome when two admins approve an expired approval at once', async () => {
      const { run } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication', { expiresAt: new Date(Date.now() - 1000) });
      const answers = await Promise.all([post(`/workflows/runs/${run.id}/approve`, alpha.tokens.admin), post(`/workflows/runs/${run.id}/approve`, alpha.apiKey)]);
      expect(answers.map((answer) => answer.status)).toEqual([409, 409]);
      expect(answers.map((answer) => answer.body.message).sort()).toEqual([NOT_PENDING, EXPIRED].sort());
      expect(await auditOf(run.id, 'run.expired')).toHaveLength(1);
      expect(await runRow(run.id)).toMatchObject({ status: 'rejected', reason: 'timeout' });
    });

    it('has exactly one outcome when an approve races a reject', async () => {
      const { run } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication');
      const answers = await Promise.all([post(`/workflows/runs/${run.id}/approve`, alpha.tokens.admin), post(`/workflows/runs/${run.id}/reject`, alpha.apiKey, { reason: 'race' })]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const status = (await runRow(run.id)).status;
      expect(['queued', 'rejected']).toContain(status);
      expect((await auditOf(run.id, 'run.approved')).length + (await auditOf(run.id, 'run.rejected')).length).toBe(1);
    });
  });

  describe('reject', () => {
    it('rejects with a reason: approval and step rejected, later steps cancelled, run rejected, audited with the actor', async () => {
      const { run, approval } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication');
      const response = await post(`/workflows/runs/${run.id}/reject`, alpha.tokens.admin, { reason: 'Tone is off' }).expect(200);
      expect(response.body).toMatchObject({ id: run.id, status: 'rejected', reason: 'Tone is off' });
      expect(response.body.steps.map((step: { stepId: string; status: string }) => [step.stepId, step.status])).toEqual([
        ['draft', 'rejected'],
        ['task', 'cancelled'],
        ['alert', 'cancelled'],
      ]);
      expect(response.body.approvals[0]).toMatchObject({ status: 'rejected', reason: 'Tone is off', decidedBy: { type: 'user', id: alpha.adminUserId } });
      expect(response.body.timeline.slice(-2)).toEqual([
        expect.objectContaining({ kind: 'approval.rejected', stepId: 'draft', message: `Rejected by user ${alpha.adminUserId}: Tone is off` }),
        expect.objectContaining({ kind: 'run.rejected', message: 'Run rejected: Tone is off' }),
      ]);
      expect(await approvalRow(approval.id)).toMatchObject({ status: 'rejected', reason: 'Tone is off' });
      expect(await runRow(run.id)).toMatchObject({ status: 'rejected', reason: 'Tone is off' });
      expect(await queuedRunJobs(api)).not.toContain(run.id);

      const audit = await get(`/audit?eventType=run.rejected&workflowId=${approvalFirstId}`).expect(200);
      const entry = audit.body.items.find((item: { details: { runId: string } }) => item.details.runId === run.id);
      expect(entry).toMatchObject({ actorType: 'user', actorId: alpha.adminUserId, clientId, details: { runId: run.id, stepId: 'draft', reason: 'Tone is off' } });

      const again = await post(`/workflows/runs/${run.id}/reject`, alpha.tokens.admin, { reason: 'again' }).expect(409);
      expect(again.body.message).toBe(NOT_PENDING);
    });

    it('rejects without a body, recording an API key as the decider', async () => {
      const { run } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication');
      const response = await post(`/workflows/runs/${run.id}/reject`, alpha.apiKey).expect(200);
      expect(response.body.status).toBe('rejected');
      expect(response.body.approvals[0].decidedBy.type).toBe('api_key');
      expect(await auditOf(run.id, 'run.rejected')).toEqual([expect.objectContaining({ actorType: 'api_key' })]);
    });
  });

  describe('retry', () => {
    it('resumes a failed run from its failed step: queued, attempt + 1, failed step pending, completed steps untouched, a job enqueued', async () => {
      const run = await seed.run({ workflowId: approvalFirstId, clientId, status: 'failed', error: { code: 'validation', message: 'boom' } });
      const draft = await seed.step(run.id, { stepId: 'draft', type: 'draft_communication', status: 'completed', output: { draftId: 'd-9' }, startedAt: run.startedAt, finishedAt: run.startedAt });
      await seed.step(run.id, { stepId: 'task', type: 'create_task', status: 'failed', attempts: 3, error: { code: 'http_503', message: 'unavailable' }, startedAt: run.startedAt, finishedAt: run.startedAt });

      const response = await post(`/workflows/runs/${run.id}/retry`, alpha.tokens.manager).expect(202);
      expect(response.body).toMatchObject({ id: run.id, status: 'queued', attempt: 2, error: null, finishedAt: null, durationMs: null });
      expect(response.body.steps.map((step: { stepId: string; status: string }) => [step.stepId, step.status])).toEqual([
        ['draft', 'completed'],
        ['task', 'pending'],
      ]);

      const steps = await stepRows(run.id);
      expect(steps.draft).toMatchObject({ status: 'completed', attempts: draft.attempts, output: { draftId: 'd-9' }, finishedAt: draft.finishedAt });
      expect(steps.task).toMatchObject({ status: 'pending', attempts: 0, error: null, finishedAt: null });
      expect(await runRow(run.id)).toMatchObject({ status: 'queued', attempt: 2, error: null });
      expect(await queuedRunJobs(api)).toContain(run.id);
      expect(await auditOf(run.id, 'run.retried')).toEqual([expect.objectContaining({ actorType: 'user', actorId: alpha.userIds.manager })]);

      const again = await post(`/workflows/runs/${run.id}/retry`, alpha.tokens.manager).expect(409);
      expect(again.body.message).toBe('Only failed runs can be retried (this run is queued)');
    });

    it('answers 409 for a completed run and 404 for an unknown one', async () => {
      const run = await seed.run({ workflowId: approvalFirstId, clientId, status: 'completed' });
      const response = await post(`/workflows/runs/${run.id}/retry`, alpha.tokens.manager).expect(409);
      expect(response.body).toEqual({ statusCode: 409, error: 'Conflict', message: 'Only failed runs can be retried (this run is completed)' });
      expect(await runRow(run.id)).toMatchObject({ status: 'completed', attempt: 1 });
      await post('/workflows/runs/00000000-0000-4000-8000-000000000000/retry', alpha.tokens.manager).expect(404);
    });
  });

  describe('roles and tenancy', () => {
    it('lets viewers read, managers retry, and only admins approve or reject', async () => {
      const failed = await seed.run({ workflowId: approvalFirstId, clientId, status: 'failed' });
      const { run: parked, approval } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication');

      await get(`/workflows/runs/${failed.id}`, alpha.tokens.viewer).expect(200);
      const forbidden = await post(`/workflows/runs/${failed.id}/retry`, alpha.tokens.viewer).expect(403);
      expect(forbidden.body.message).toBe('This operation requires the manager role; you are viewer');
      await post(`/workflows/runs/${parked.id}/approve`, alpha.tokens.manager).expect(403);
      await post(`/workflows/runs/${parked.id}/reject`, alpha.tokens.manager, { reason: 'no' }).expect(403);
      await post(`/workflows/runs/${parked.id}/approve`, alpha.tokens.viewer).expect(403);

      expect(await runRow(failed.id)).toMatchObject({ status: 'failed', attempt: 1 });
      expect(await runRow(parked.id)).toMatchObject({ status: 'awaiting_approval' });
      expect(await approvalRow(approval.id)).toMatchObject({ status: 'pending' });
    });

    it("answers 404 to another agency for every run route and changes nothing", async () => {
      const failed = await seed.run({ workflowId: approvalFirstId, clientId, status: 'failed' });
      await seed.step(failed.id, { stepId: 'draft', type: 'draft_communication', status: 'failed' });
      const { run: parked, approval } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication');
      const expiredParked = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication', { expiresAt: new Date(Date.now() - 1000) });

      for (const runId of [failed.id, parked.id, expiredParked.run.id]) {
        await get(`/workflows/runs/${runId}`, beta.tokens.admin).expect(404);
        await post(`/workflows/runs/${runId}/retry`, beta.tokens.admin).expect(404);
        await post(`/workflows/runs/${runId}/approve`, beta.tokens.admin).expect(404);
        await post(`/workflows/runs/${runId}/reject`, beta.apiKey, { reason: 'not yours' }).expect(404);
      }
      await get(`/workflows/${approvalFirstId}/runs`, beta.tokens.admin).expect(404);
      const betaRuns = await get('/workflows/runs', beta.tokens.admin).expect(200);
      expect(betaRuns.body.total).toBe(0);
      expect((await get(`/workflows/runs?workflowId=${approvalFirstId}`, beta.tokens.admin).expect(200)).body.total).toBe(0);
      expect((await get('/workflows/approvals', beta.tokens.admin).expect(200)).body.total).toBe(0);

      expect(await runRow(failed.id)).toMatchObject({ status: 'failed', attempt: 1 });
      expect((await stepRows(failed.id)).draft.status).toBe('failed');
      expect(await runRow(parked.id)).toMatchObject({ status: 'awaiting_approval' });
      expect(await approvalRow(approval.id)).toMatchObject({ status: 'pending', decidedAt: null });
      // Not even the expiry is applied on another agency's behalf.
      expect(await runRow(expiredParked.run.id)).toMatchObject({ status: 'awaiting_approval' });
      expect(await approvalRow(expiredParked.approval.id)).toMatchObject({ status: 'pending' });
      const queued = await queuedRunJobs(api);
      expect(queued).not.toContain(failed.id);
      expect(queued).not.toContain(parked.id);
    });
  });

  describe('validation', () => {
    const UUID = '00000000-0000-4000-8000-000000000000';
    /** Each row: a request the API must refuse with a 400 naming `path`. */
    const BAD_REQUESTS: [string, () => ReturnType<typeof get>, string][] = [
      ['unknown run status', () => get('/workflows/runs?status=done'), 'status'],
      ['clientId not a UUID', () => get('/workflows/runs?clientId=abc'), 'clientId'],
      ['workflowId not a UUID', () => get('/workflows/runs?workflowId=abc'), 'workflowId'],
      ['from not ISO 8601', () => get('/workflows/runs?from=yesterday'), 'from'],
      ['to not a date', () => get('/workflows/runs?to=2026-13-45'), 'to'],
      ['to before from', () => get('/workflows/runs?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z'), 'to'],
      ['pageSize over 200', () => get('/workflows/runs?pageSize=500'), 'pageSize'],
      ['page 0', () => get('/workflows/runs?page=0'), 'page'],
      ['unknown query field', () => get('/workflows/runs?colour=red'), 'colour'],
      ['workflowId on the per-workflow list', () => get(`/workflows/${UUID}/runs?workflowId=${UUID}`), 'workflowId'],
      ['per-workflow status', () => get(`/workflows/${UUID}/runs?status=finished`), 'status'],
      ['workflow id not a UUID', () => get('/workflows/abc/runs'), 'id'],
      ['run id not a UUID', () => get('/workflows/runs/abc'), 'runId'],
      ['retry run id not a UUID', () => post('/workflows/runs/abc/retry', alpha.tokens.admin), 'runId'],
      ['unknown approval status', () => get('/workflows/approvals?status=maybe'), 'status'],
      ['reject reason over 500 characters', () => post(`/workflows/runs/${UUID}/reject`, alpha.tokens.admin, { reason: 'x'.repeat(501) }), 'reason'],
      ['reject reason not a string', () => post(`/workflows/runs/${UUID}/reject`, alpha.tokens.admin, { reason: 5 }), 'reason'],
      ['reject unknown field', () => post(`/workflows/runs/${UUID}/reject`, alpha.tokens.admin, { why: 'x' }), 'why'],
    ];

    it.each(BAD_REQUESTS)('400 for %s', async (_name, send, path) => {
      const response = await send().expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
      expect(response.body.message).toContain(path);
    });
  });
});
