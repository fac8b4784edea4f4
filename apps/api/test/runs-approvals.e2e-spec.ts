import { WorkflowRunEntity } from '@automations/persistence';
import { queuedRunJobs, RunSeeder } from './support/run.fixture';
import {
  approvalFirstWorkflow,
  EXPIRED,
  NOT_PENDING,
  RunsApi,
  startRunsApi,
  stopRunsApi,
} from './support/runs-api.fixture';
import { bearer, TestAgency, TestApi } from './support/test-api';

/** Approving and rejecting a run parked on an approval, the approvals queue, expiry and races. Runs are seeded in the states the engine leaves them; decisions go through the API (RunControl). */
describe('runs API: approvals (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let seed: RunSeeder;
  let approvalFirstId: string;
  let clientId: string;
  let http: RunsApi['http'];
  let get: RunsApi['get'];
  let post: RunsApi['post'];
  let runRow: RunsApi['runRow'];
  let stepRows: RunsApi['stepRows'];
  let approvalRow: RunsApi['approvalRow'];
  let auditOf: RunsApi['auditOf'];
  let createWorkflow: RunsApi['createWorkflow'];

  beforeAll(async () => {
    ({
      api,
      alpha,
      seed,
      approvalFirstId,
      clientId,
      http,
      get,
      post,
      runRow,
      stepRows,
      approvalRow,
      auditOf,
      createWorkflow,
    } = await startRunsApi());
  });
  afterAll(() => stopRunsApi(api));

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
      expect(response.body.approvals[0]).toMatchObject({
        status: 'approved',
        decidedBy: { type: 'user', id: alpha.adminUserId },
      });
      expect(response.body.steps.find((step: { stepId: string }) => step.stepId === 'draft')).toMatchObject({
        status: 'pending',
      });
      expect(response.body.timeline.map((entry: { kind: string }) => entry.kind)).toContain('approval.approved');

      expect(await approvalRow(approval.id)).toMatchObject({ status: 'approved', decidedByUserId: alpha.adminUserId });
      expect((await stepRows(run.id)).draft.status).toBe('pending');
      expect((await runRow(run.id)).status).toBe('queued');
      expect(await queuedRunJobs(api)).toContain(run.id);
      expect(await auditOf(run.id, 'run.approved')).toEqual([
        expect.objectContaining({ actorType: 'user', actorId: alpha.adminUserId }),
      ]);

      const pendingIds = (await get('/workflows/approvals?status=pending').expect(200)).body.items.map(
        (candidate: { id: string }) => candidate.id,
      );
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
        const { approval } = await local.awaitingApproval(workflowId, client, 'draft', 'draft_communication', {
          createdAt: new Date(base + offset * 1000),
        });
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
      await post(`/workflows/runs/${await runOf(newest)}/reject`, agency.tokens.admin, { reason: 'second' }).expect(
        200,
      );
      const rejected = await get('/workflows/approvals?status=rejected', agency.tokens.viewer).expect(200);
      expect(rejected.body.items.map((item: { id: string; reason: string }) => [item.id, item.reason])).toEqual([
        [newest, 'second'],
        [oldest, 'first'],
      ]);
      expect((await get('/workflows/approvals?status=expired', agency.tokens.viewer).expect(200)).body.total).toBe(0);

      // A run that left awaiting_approval by another path keeps no place in the queue, even if its approval row stayed pending.
      const stale = await local.awaitingApproval(workflowId, client, 'draft', 'draft_communication');
      await api.dataSource
        .getRepository(WorkflowRunEntity)
        .update({ id: stale.run.id }, { status: 'cancelled', reason: 'workflow disabled', finishedAt: new Date() });
      const remaining = await get('/workflows/approvals', agency.tokens.viewer).expect(200);
      expect(remaining.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id: middle })] });

      // Disabling the workflow cancels the last parked run: the queue is empty.
      await http()
        .patch(`/api/v1/workflows/${workflowId}/toggle`)
        .set(bearer(agency.tokens.manager))
        .send({ isActive: false })
        .expect(200);
      expect((await get('/workflows/approvals', agency.tokens.viewer).expect(200)).body.total).toBe(0);
    });

    it('answers 409 expired when the approval is past its expiry: the run is rejected with reason timeout, exactly once', async () => {
      const { run, approval } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication', {
        expiresAt: new Date(Date.now() - 1000),
      });

      const response = await post(`/workflows/runs/${run.id}/approve`, alpha.tokens.admin).expect(409);
      expect(response.body).toEqual({ statusCode: 409, error: 'Conflict', message: EXPIRED });
      expect(await approvalRow(approval.id)).toMatchObject({
        status: 'expired',
        reason: 'timeout',
        decidedByUserId: null,
      });
      expect(await runRow(run.id)).toMatchObject({ status: 'rejected', reason: 'timeout' });
      expect(await queuedRunJobs(api)).not.toContain(run.id);

      const again = await post(`/workflows/runs/${run.id}/approve`, alpha.tokens.admin).expect(409);
      expect(again.body.message).toBe(NOT_PENDING);
      expect(await auditOf(run.id, 'run.expired')).toHaveLength(1);
      expect(await auditOf(run.id, 'run.approved')).toHaveLength(0);

      const detail = await get(`/workflows/runs/${run.id}`).expect(200);
      expect(detail.body.approvals[0]).toMatchObject({ status: 'expired', decidedBy: null, reason: 'timeout' });
      expect(detail.body.timeline.slice(-2).map((entry: { kind: string }) => entry.kind)).toEqual([
        'approval.expired',
        'run.rejected',
      ]);
      expect(detail.body.timeline.at(-1).message).toBe('Run rejected: timeout');
    });

    it('has exactly one outcome when two admins approve an expired approval at once', async () => {
      const { run } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication', {
        expiresAt: new Date(Date.now() - 1000),
      });
      const answers = await Promise.all([
        post(`/workflows/runs/${run.id}/approve`, alpha.tokens.admin),
        post(`/workflows/runs/${run.id}/approve`, alpha.apiKey),
      ]);
      expect(answers.map((answer) => answer.status)).toEqual([409, 409]);
      expect(answers.map((answer) => answer.body.message).sort()).toEqual([NOT_PENDING, EXPIRED].sort());
      expect(await auditOf(run.id, 'run.expired')).toHaveLength(1);
      expect(await runRow(run.id)).toMatchObject({ status: 'rejected', reason: 'timeout' });
    });

    it('has exactly one outcome when an approve races a reject', async () => {
      const { run } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication');
      const answers = await Promise.all([
        post(`/workflows/runs/${run.id}/approve`, alpha.tokens.admin),
        post(`/workflows/runs/${run.id}/reject`, alpha.apiKey, { reason: 'race' }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const status = (await runRow(run.id)).status;
      expect(['queued', 'rejected']).toContain(status);
      expect((await auditOf(run.id, 'run.approved')).length + (await auditOf(run.id, 'run.rejected')).length).toBe(1);
    });
  });

  describe('reject', () => {
    it('rejects with a reason: approval and step rejected, later steps cancelled, run rejected, audited with the actor', async () => {
      const { run, approval } = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication');
      const response = await post(`/workflows/runs/${run.id}/reject`, alpha.tokens.admin, {
        reason: 'Tone is off',
      }).expect(200);
      expect(response.body).toMatchObject({ id: run.id, status: 'rejected', reason: 'Tone is off' });
      expect(response.body.steps.map((step: { stepId: string; status: string }) => [step.stepId, step.status])).toEqual(
        [
          ['draft', 'rejected'],
          ['task', 'cancelled'],
          ['alert', 'cancelled'],
        ],
      );
      expect(response.body.approvals[0]).toMatchObject({
        status: 'rejected',
        reason: 'Tone is off',
        decidedBy: { type: 'user', id: alpha.adminUserId },
      });
      expect(response.body.timeline.slice(-2)).toEqual([
        expect.objectContaining({
          kind: 'approval.rejected',
          stepId: 'draft',
          message: `Rejected by user ${alpha.adminUserId}: Tone is off`,
        }),
        expect.objectContaining({ kind: 'run.rejected', message: 'Run rejected: Tone is off' }),
      ]);
      expect(await approvalRow(approval.id)).toMatchObject({ status: 'rejected', reason: 'Tone is off' });
      expect(await runRow(run.id)).toMatchObject({ status: 'rejected', reason: 'Tone is off' });
      expect(await queuedRunJobs(api)).not.toContain(run.id);

      const audit = await get(`/audit?eventType=run.rejected&workflowId=${approvalFirstId}`).expect(200);
      const entry = audit.body.items.find((item: { details: { runId: string } }) => item.details.runId === run.id);
      expect(entry).toMatchObject({
        actorType: 'user',
        actorId: alpha.adminUserId,
        clientId,
        details: { runId: run.id, stepId: 'draft', reason: 'Tone is off' },
      });

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
});
