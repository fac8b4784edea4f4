import { queuedRunJobs, RunSeeder } from './support/run.fixture';
import { RunsApi, startRunsApi, stopRunsApi } from './support/runs-api.fixture';
import { TestAgency, TestApi } from './support/test-api';

/** The run routes as an HTTP surface: where they are, who may call them (roles, tenancy by 404) and which input they refuse. */
describe('runs API: routes, roles and validation (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;
  let seed: RunSeeder;
  let onboardingId: string;
  let approvalFirstId: string;
  let clientId: string;
  let http: RunsApi['http'];
  let get: RunsApi['get'];
  let post: RunsApi['post'];
  let runRow: RunsApi['runRow'];
  let stepRows: RunsApi['stepRows'];
  let approvalRow: RunsApi['approvalRow'];

  beforeAll(async () => {
    ({
      api,
      alpha,
      beta,
      seed,
      onboardingId,
      approvalFirstId,
      clientId,
      http,
      get,
      post,
      runRow,
      stepRows,
      approvalRow,
    } = await startRunsApi());
  });
  afterAll(() => stopRunsApi(api));

  describe('routes', () => {
    it('serves /workflows/runs and /workflows/approvals (static segments win over the workflows :id route)', async () => {
      const runs = await get('/workflows/runs').expect(200);
      expect(runs.body).toMatchObject({ page: 1, pageSize: 50 });
      expect(Array.isArray(runs.body.items)).toBe(true);
      const approvals = await get('/workflows/approvals').expect(200);
      expect(approvals.body).toMatchObject({ page: 1, pageSize: 50 });
      // The workflows controller still owns /workflows/{id}, and its 400 names `id`, ours `runId`.
      await get(`/workflows/${onboardingId}`).expect(200);
      expect((await get('/workflows/runs/nope').expect(400)).body.details).toEqual([
        { path: 'runId', message: 'must be a UUID' },
      ]);
      expect((await get('/workflows/nope').expect(400)).body.details).toEqual([
        { path: 'id', message: 'must be a UUID' },
      ]);
    });

    it('publishes the routes in the OpenAPI document', async () => {
      const spec = (await http().get('/api/openapi.json').expect(200)).body;
      for (const path of [
        '/api/v1/workflows/runs',
        '/api/v1/workflows/approvals',
        '/api/v1/workflows/runs/{runId}',
        '/api/v1/workflows/runs/{runId}/retry',
        '/api/v1/workflows/{id}/runs',
      ]) {
        expect(spec.paths[path]).toBeDefined();
      }
      expect(spec.paths['/api/v1/workflows/runs/{runId}/retry'].post.responses['202']).toBeDefined();
      expect(spec.components.schemas.RunDetailDto.properties.timeline).toBeDefined();
    });
  });

  describe('roles and tenancy', () => {
    it('lets viewers read, managers retry, and only admins approve or reject', async () => {
      const failed = await seed.run({ workflowId: approvalFirstId, clientId, status: 'failed' });
      const { run: parked, approval } = await seed.awaitingApproval(
        approvalFirstId,
        clientId,
        'draft',
        'draft_communication',
      );

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

    it('answers 404 to another agency for every run route and changes nothing', async () => {
      const failed = await seed.run({ workflowId: approvalFirstId, clientId, status: 'failed' });
      await seed.step(failed.id, { stepId: 'draft', type: 'draft_communication', status: 'failed' });
      const { run: parked, approval } = await seed.awaitingApproval(
        approvalFirstId,
        clientId,
        'draft',
        'draft_communication',
      );
      const expiredParked = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication', {
        expiresAt: new Date(Date.now() - 1000),
      });

      for (const runId of [failed.id, parked.id, expiredParked.run.id]) {
        await get(`/workflows/runs/${runId}`, beta.tokens.admin).expect(404);
        await post(`/workflows/runs/${runId}/retry`, beta.tokens.admin).expect(404);
        await post(`/workflows/runs/${runId}/approve`, beta.tokens.admin).expect(404);
        await post(`/workflows/runs/${runId}/reject`, beta.apiKey, { reason: 'not yours' }).expect(404);
      }
      await get(`/workflows/${approvalFirstId}/runs`, beta.tokens.admin).expect(404);
      const betaRuns = await get('/workflows/runs', beta.tokens.admin).expect(200);
      expect(betaRuns.body.total).toBe(0);
      expect(
        (await get(`/workflows/runs?workflowId=${approvalFirstId}`, beta.tokens.admin).expect(200)).body.total,
      ).toBe(0);
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
      [
        'reject reason over 500 characters',
        () => post(`/workflows/runs/${UUID}/reject`, alpha.tokens.admin, { reason: 'x'.repeat(501) }),
        'reason',
      ],
      [
        'reject reason not a string',
        () => post(`/workflows/runs/${UUID}/reject`, alpha.tokens.admin, { reason: 5 }),
        'reason',
      ],
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
