import type { RunStatus } from '@automations/domain';
import { AuditEventEntity, WorkflowRunEntity } from '@automations/persistence';
import { queuedRunJobs, RunSeeder } from './support/run.fixture';
import { RunsApi, startRunsApi, stopRunsApi } from './support/runs-api.fixture';
import { TestAgency, TestApi } from './support/test-api';
import { onboardingWorkflow } from './support/workflow-fixtures';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const RETRY = '/workflows/runs/bulk-retry';
const CANCEL = '/workflows/runs/bulk-cancel';

/**
 * Bulk retry and bulk cancel (PRODUCT §8.5). Runs are seeded in the states the engine leaves them; the actions go
 * through the API (RunControl), and each test works on runs of its own client so filters only see its runs.
 */
describe('runs API: bulk retry and bulk cancel (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;
  let seed: RunSeeder;
  let betaSeed: RunSeeder;
  let approvalFirstId: string;
  let betaWorkflowId: string;
  let betaClientId: string;
  let post: RunsApi['post'];
  let runRow: RunsApi['runRow'];
  let stepRows: RunsApi['stepRows'];
  let approvalRow: RunsApi['approvalRow'];
  let auditOf: RunsApi['auditOf'];

  beforeAll(async () => {
    let createWorkflow: RunsApi['createWorkflow'];
    ({ api, alpha, beta, seed, approvalFirstId, post, runRow, stepRows, approvalRow, auditOf, createWorkflow } =
      await startRunsApi());
    betaSeed = new RunSeeder(api, beta.agencyId);
    betaWorkflowId = (await createWorkflow(beta, onboardingWorkflow())).id;
    betaClientId = (await betaSeed.client('Beta Client')).id;
  });
  afterAll(() => stopRunsApi(api));

  const newClient = async (name: string) => (await seed.client(name)).id;

  /** A failed run whose first step completed and whose second step failed, as the engine leaves it. */
  const failedRun = async (clientId: string, startedAt = new Date()) => {
    const run = await seed.run({
      workflowId: approvalFirstId,
      clientId,
      status: 'failed',
      startedAt,
      error: { code: 'http_503', message: 'unavailable' },
    });
    await seed.step(run.id, { stepId: 'draft', type: 'draft_communication', status: 'completed', startedAt });
    await seed.step(run.id, {
      stepId: 'task',
      type: 'create_task',
      status: 'failed',
      attempts: 3,
      error: { code: 'http_503', message: 'unavailable' },
      startedAt,
      finishedAt: startedAt,
    });
    return run;
  };

  const betaRun = (status: RunStatus) =>
    betaSeed.run({ workflowId: betaWorkflowId, clientId: betaClientId, status, startedAt: new Date() });

  /** `count` runs inserted at once, all started at the same instant (the filter's keyset must break the tie by id). */
  const manyRuns = async (clientId: string, status: RunStatus, count: number): Promise<string[]> => {
    const startedAt = new Date();
    const rows = Array.from({ length: count }, () => ({
      agencyId: alpha.agencyId,
      workflowId: approvalFirstId,
      workflowVersion: 1,
      clientId,
      mode: 'live' as const,
      status,
      attempt: 1,
      leaseToken: '0',
      triggerEvent: { type: 'client.stage_changed', data: {}, occurredAt: startedAt.toISOString() },
      clientSnapshot: { client: { id: clientId, name: 'Snapshot', stage: 'onboarding', health: 'green' } },
      startedAt,
      finishedAt: status === 'failed' ? startedAt : null,
    }));
    const inserted = await api.dataSource.getRepository(WorkflowRunEntity).insert(rows);
    return inserted.identifiers.map((identifier) => identifier.id as string);
  };

  const auditCount = async (eventType: string, runIds: string[]) => {
    const ids = new Set(runIds);
    const events = await api.dataSource.getRepository(AuditEventEntity).findBy({ eventType });
    return events.filter((event) => ids.has(event.details.runId as string)).length;
  };

  const statusesOf = async (runIds: string[]) => Promise.all(runIds.map(async (id) => (await runRow(id)).status));

  describe('bulk retry', () => {
    it('retries the failed runs named, each from its failed step; others are skipped with a reason; a repeat does nothing more', async () => {
      const clientId = await newClient('Retry By Ids');
      const first = await failedRun(clientId);
      const second = await failedRun(clientId);
      const completed = await seed.run({ workflowId: approvalFirstId, clientId, status: 'completed' });
      const foreign = await betaRun('failed');

      const runIds = [first.id, completed.id, second.id, foreign.id, UNKNOWN];
      const response = await post(RETRY, alpha.tokens.manager, { runIds }).expect(200);
      expect(response.body).toEqual({
        matched: 5,
        done: 2,
        skipped: [
          { runId: completed.id, reason: 'not_failed' },
          { runId: foreign.id, reason: 'not_found' },
          { runId: UNKNOWN, reason: 'not_found' },
        ],
      });

      const jobs = await queuedRunJobs(api);
      for (const run of [first, second]) {
        expect(await runRow(run.id)).toMatchObject({ status: 'queued', attempt: 2, error: null, finishedAt: null });
        const steps = await stepRows(run.id);
        expect(steps.draft).toMatchObject({ status: 'completed' });
        expect(steps.task).toMatchObject({ status: 'pending', attempts: 0, error: null });
        expect(jobs).toContain(run.id);
        expect(await auditOf(run.id, 'run.retried')).toEqual([
          expect.objectContaining({
            actorType: 'user',
            actorId: alpha.userIds.manager,
            details: { runId: run.id, attempt: 2, fromSteps: ['task'] },
          }),
        ]);
      }
      expect(await runRow(completed.id)).toMatchObject({ status: 'completed', attempt: 1 });
      expect(await runRow(foreign.id)).toMatchObject({ status: 'failed', attempt: 1 });
      expect(await auditOf(foreign.id, 'run.retried')).toEqual([]);

      const again = await post(RETRY, alpha.tokens.manager, { runIds }).expect(200);
      expect(again.body).toEqual({
        matched: 5,
        done: 0,
        skipped: [
          { runId: first.id, reason: 'not_failed' },
          { runId: completed.id, reason: 'not_failed' },
          { runId: second.id, reason: 'not_failed' },
          { runId: foreign.id, reason: 'not_found' },
          { runId: UNKNOWN, reason: 'not_found' },
        ],
      });
      expect(await auditCount('run.retried', [first.id, second.id])).toBe(2);
      expect(await runRow(first.id)).toMatchObject({ status: 'queued', attempt: 2 });
    });

    it('retries the failed runs a filter selects (client and time window), and nothing outside it', async () => {
      const clientId = await newClient('Retry By Filter');
      const otherClientId = await newClient('Retry Elsewhere');
      const old = await failedRun(clientId, new Date('2026-01-01T00:00:00Z'));
      const inWindow = [
        await failedRun(clientId, new Date('2026-02-01T00:00:00Z')),
        await failedRun(clientId, new Date('2026-02-02T00:00:00Z')),
      ];
      const otherClient = await failedRun(otherClientId, new Date('2026-02-01T00:00:00Z'));
      const completed = await seed.run({
        workflowId: approvalFirstId,
        clientId,
        status: 'completed',
        startedAt: new Date('2026-02-01T00:00:00Z'),
      });
      const filter = {
        clientId,
        workflowId: approvalFirstId,
        from: '2026-01-15T00:00:00Z',
        to: '2026-02-28T00:00:00Z',
      };

      const response = await post(RETRY, alpha.tokens.manager, { filter }).expect(200);
      expect(response.body).toEqual({ matched: 2, done: 2, skipped: [] });
      expect(await statusesOf(inWindow.map((run) => run.id))).toEqual(['queued', 'queued']);
      expect(await statusesOf([old.id, otherClient.id, completed.id])).toEqual(['failed', 'failed', 'completed']);
      expect(
        await auditCount(
          'run.retried',
          inWindow.map((run) => run.id),
        ),
      ).toBe(2);

      const again = await post(RETRY, alpha.tokens.manager, { filter: { ...filter, status: 'failed' } }).expect(200);
      expect(again.body).toEqual({ matched: 0, done: 0, skipped: [] });
    });

    it("leaves another agency's failed runs alone when retrying by filter", async () => {
      const foreign = await betaRun('failed');
      const clientId = await newClient('Retry Tenancy');
      const own = await failedRun(clientId);
      const response = await post(RETRY, alpha.tokens.manager, { filter: { clientId } }).expect(200);
      expect(response.body).toEqual({ matched: 1, done: 1, skipped: [] });
      expect(await runRow(own.id)).toMatchObject({ status: 'queued' });
      expect(await runRow(foreign.id)).toMatchObject({ status: 'failed', attempt: 1 });
    });
  });

  describe('bulk cancel', () => {
    it('cancels queued, waiting and awaiting-approval runs (their approval rejected); running and finished ones are skipped; a repeat does nothing more', async () => {
      const clientId = await newClient('Cancel By Ids');
      const queued = await seed.run({ workflowId: approvalFirstId, clientId, status: 'queued' });
      const waiting = await seed.run({
        workflowId: approvalFirstId,
        clientId,
        status: 'waiting',
        nextAttemptAt: new Date(Date.now() + 3_600_000),
      });
      const parked = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication');
      const running = await seed.run({ workflowId: approvalFirstId, clientId, status: 'running' });
      const completed = await seed.run({ workflowId: approvalFirstId, clientId, status: 'completed' });
      const foreign = await betaRun('queued');

      const runIds = [queued.id, waiting.id, parked.run.id, running.id, completed.id, foreign.id];
      const response = await post(CANCEL, alpha.tokens.manager, { runIds }).expect(200);
      expect(response.body).toEqual({
        matched: 6,
        done: 3,
        skipped: [
          { runId: running.id, reason: 'running' },
          { runId: completed.id, reason: 'already_finished' },
          { runId: foreign.id, reason: 'not_found' },
        ],
      });

      for (const run of [queued, waiting, parked.run]) {
        expect(await runRow(run.id)).toMatchObject({
          status: 'cancelled',
          reason: 'cancelled by a user',
          nextAttemptAt: null,
          finishedAt: expect.any(Date),
        });
        expect(await auditOf(run.id, 'run.cancelled')).toEqual([
          expect.objectContaining({
            actorType: 'user',
            actorId: alpha.userIds.manager,
            workflowId: approvalFirstId,
            clientId,
            details: { runId: run.id, reason: 'cancelled by a user', fromStatus: run.status },
          }),
        ]);
      }
      expect(await approvalRow(parked.approval.id)).toMatchObject({
        status: 'rejected',
        reason: 'cancelled by a user',
        decidedAt: expect.any(Date),
      });
      expect(await statusesOf([running.id, completed.id])).toEqual(['running', 'completed']);
      expect(await runRow(foreign.id)).toMatchObject({ status: 'queued' });
      expect(await auditOf(foreign.id, 'run.cancelled')).toEqual([]);

      const again = await post(CANCEL, alpha.tokens.manager, { runIds }).expect(200);
      expect(again.body).toEqual({
        matched: 6,
        done: 0,
        skipped: [
          { runId: queued.id, reason: 'already_finished' },
          { runId: waiting.id, reason: 'already_finished' },
          { runId: parked.run.id, reason: 'already_finished' },
          { runId: running.id, reason: 'running' },
          { runId: completed.id, reason: 'already_finished' },
          { runId: foreign.id, reason: 'not_found' },
        ],
      });
      expect(await auditCount('run.cancelled', [queued.id, waiting.id, parked.run.id])).toBe(3);
    });

    it('cancels the runs a filter selects: one status, or every pending status when left out', async () => {
      const clientId = await newClient('Cancel By Filter');
      const queued = await seed.run({ workflowId: approvalFirstId, clientId, status: 'queued' });
      const waiting = await seed.run({ workflowId: approvalFirstId, clientId, status: 'waiting' });
      const parked = await seed.awaitingApproval(approvalFirstId, clientId, 'draft', 'draft_communication');
      const completed = await seed.run({ workflowId: approvalFirstId, clientId, status: 'completed' });

      const waitingOnly = await post(CANCEL, alpha.tokens.manager, { filter: { clientId, status: 'waiting' } }).expect(
        200,
      );
      expect(waitingOnly.body).toEqual({ matched: 1, done: 1, skipped: [] });
      expect(await statusesOf([queued.id, waiting.id, parked.run.id])).toEqual([
        'queued',
        'cancelled',
        'awaiting_approval',
      ]);

      const rest = await post(CANCEL, alpha.tokens.manager, { filter: { clientId } }).expect(200);
      expect(rest.body).toEqual({ matched: 2, done: 2, skipped: [] });
      expect(await statusesOf([queued.id, parked.run.id, completed.id])).toEqual([
        'cancelled',
        'cancelled',
        'completed',
      ]);
      expect(await approvalRow(parked.approval.id)).toMatchObject({ status: 'rejected' });

      const again = await post(CANCEL, alpha.tokens.manager, { filter: { clientId } }).expect(200);
      expect(again.body).toEqual({ matched: 0, done: 0, skipped: [] });
    });

    it("never touches another agency's runs, by ids or by an empty filter", async () => {
      const foreign = await betaRun('waiting');
      const byIds = await post(CANCEL, alpha.tokens.admin, { runIds: [foreign.id] }).expect(200);
      expect(byIds.body).toEqual({ matched: 1, done: 0, skipped: [{ runId: foreign.id, reason: 'not_found' }] });

      const clientId = await newClient('Cancel Tenancy');
      const own = await seed.run({ workflowId: approvalFirstId, clientId, status: 'waiting' });
      await post(CANCEL, alpha.tokens.admin, { filter: { workflowId: betaWorkflowId } })
        .expect(200)
        .expect(({ body }) => expect(body).toEqual({ matched: 0, done: 0, skipped: [] }));
      await post(CANCEL, alpha.tokens.admin, { filter: { status: 'waiting' } }).expect(200);
      expect(await runRow(own.id)).toMatchObject({ status: 'cancelled' });
      expect(await runRow(foreign.id)).toMatchObject({ status: 'waiting' });
      expect(await auditOf(foreign.id, 'run.cancelled')).toEqual([]);
    });
  });

  describe('chunks', () => {
    it('cancels 250 runs started at the same instant by filter (keyset pages of 100), each once', async () => {
      const clientId = await newClient('Cancel Many');
      const runIds = await manyRuns(clientId, 'queued', 250);
      const response = await post(CANCEL, alpha.tokens.manager, { filter: { clientId } }).expect(200);
      expect(response.body).toEqual({ matched: 250, done: 250, skipped: [] });
      expect(new Set(await statusesOf(runIds))).toEqual(new Set(['cancelled']));
      expect(await auditCount('run.cancelled', runIds)).toBe(250);
    });

    it('retries 250 failed runs named by id (chunks of 100), each once', async () => {
      const clientId = await newClient('Retry Many');
      const runIds = await manyRuns(clientId, 'failed', 250);
      const response = await post(RETRY, alpha.tokens.manager, { runIds }).expect(200);
      expect(response.body).toEqual({ matched: 250, done: 250, skipped: [] });
      expect(new Set(await statusesOf(runIds))).toEqual(new Set(['queued']));
      expect(await auditCount('run.retried', runIds)).toBe(250);
      const again = await post(RETRY, alpha.tokens.manager, { runIds }).expect(200);
      expect(again.body).toMatchObject({ matched: 250, done: 0 });
      expect(again.body.skipped).toHaveLength(250);
    });
  });

  describe('roles and input', () => {
    it.each([RETRY, CANCEL])('%s: a viewer gets 403 and nothing changes', async (path) => {
      const clientId = await newClient(`Viewer ${path}`);
      const failed = await failedRun(clientId);
      const queued = await seed.run({ workflowId: approvalFirstId, clientId, status: 'queued' });
      await post(path, alpha.tokens.viewer, { runIds: [failed.id, queued.id] }).expect(403);
      await post(path, alpha.tokens.viewer, { filter: { clientId } }).expect(403);
      expect(await statusesOf([failed.id, queued.id])).toEqual(['failed', 'queued']);
    });

    const ids = (count: number) =>
      Array.from({ length: count }, (_, index) => `00000000-0000-4000-8000-${index.toString().padStart(12, '0')}`);

    it('takes 1,000 ids (10 chunks): unknown ones are skipped as not found', async () => {
      const response = await post(CANCEL, alpha.tokens.manager, { runIds: ids(1000) }).expect(200);
      expect(response.body).toMatchObject({ matched: 1000, done: 0 });
      expect(response.body.skipped).toHaveLength(1000);
      expect(response.body.skipped[999]).toEqual({ runId: ids(1000)[999], reason: 'not_found' });
    });

    it.each<[string, string, string, unknown]>([
      ['1,001 ids', RETRY, 'runIds', { runIds: ids(1001) }],
      ['no ids', CANCEL, 'runIds', { runIds: [] }],
      ['an id twice', RETRY, 'runIds', { runIds: [UNKNOWN, UNKNOWN] }],
      ['a non-UUID id, by its index', CANCEL, 'runIds[1]', { runIds: [UNKNOWN, 'run-2'] }],
      ['a number for an id', RETRY, 'runIds[1]', { runIds: [UNKNOWN, 7] }],
      ['runIds not an array', RETRY, 'runIds', { runIds: UNKNOWN }],
      ['both runIds and filter', CANCEL, '', { runIds: [UNKNOWN], filter: {} }],
      ['neither', RETRY, '', {}],
      ['an unknown field', RETRY, 'force', { runIds: [UNKNOWN], force: true }],
      ['an unknown filter field', CANCEL, 'filter.workflow', { filter: { workflow: UNKNOWN } }],
      ['a filter that is not an object', CANCEL, 'filter', { filter: 'failed' }],
      ['a non-UUID workflowId', RETRY, 'filter.workflowId', { filter: { workflowId: 'abc' } }],
      ['an unknown status', CANCEL, 'filter.status', { filter: { status: 'paused' } }],
      ['retry of queued runs', RETRY, 'filter.status', { filter: { status: 'queued' } }],
      ['cancel of failed runs', CANCEL, 'filter.status', { filter: { status: 'failed' } }],
      ['a bad from', RETRY, 'filter.from', { filter: { from: 'yesterday' } }],
      ['from after to', CANCEL, 'filter.to', { filter: { from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' } }],
    ])('%s (%s): 400 at %p', async (_name, path, field, body) => {
      const response = await post(path, alpha.tokens.manager, body as object).expect(400);
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(field);
    });
  });
});
