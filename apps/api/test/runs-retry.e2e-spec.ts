import { queuedRunJobs, RunSeeder } from './support/run.fixture';
import { RunsApi, startRunsApi, stopRunsApi } from './support/runs-api.fixture';
import { TestAgency, TestApi } from './support/test-api';

/** Retrying a failed run from its failed step. Runs are seeded in the states the engine leaves them; the retry goes through the API (RunControl). */
describe('runs API: retry (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let seed: RunSeeder;
  let approvalFirstId: string;
  let clientId: string;
  let post: RunsApi['post'];
  let runRow: RunsApi['runRow'];
  let stepRows: RunsApi['stepRows'];
  let auditOf: RunsApi['auditOf'];

  beforeAll(async () => {
    ({ api, alpha, seed, approvalFirstId, clientId, post, runRow, stepRows, auditOf } = await startRunsApi());
  });
  afterAll(() => stopRunsApi(api));

  describe('retry', () => {
    it('resumes a failed run from its failed step: queued, attempt + 1, failed step pending, completed steps untouched, a job enqueued', async () => {
      const run = await seed.run({
        workflowId: approvalFirstId,
        clientId,
        status: 'failed',
        error: { code: 'validation', message: 'boom' },
      });
      const draft = await seed.step(run.id, {
        stepId: 'draft',
        type: 'draft_communication',
        status: 'completed',
        output: { draftId: 'd-9' },
        startedAt: run.startedAt,
        finishedAt: run.startedAt,
      });
      await seed.step(run.id, {
        stepId: 'task',
        type: 'create_task',
        status: 'failed',
        attempts: 3,
        error: { code: 'http_503', message: 'unavailable' },
        startedAt: run.startedAt,
        finishedAt: run.startedAt,
      });

      const response = await post(`/workflows/runs/${run.id}/retry`, alpha.tokens.manager).expect(202);
      expect(response.body).toMatchObject({
        id: run.id,
        status: 'queued',
        attempt: 2,
        error: null,
        finishedAt: null,
        durationMs: null,
      });
      expect(response.body.steps.map((step: { stepId: string; status: string }) => [step.stepId, step.status])).toEqual(
        [
          ['draft', 'completed'],
          ['task', 'pending'],
        ],
      );

      const steps = await stepRows(run.id);
      expect(steps.draft).toMatchObject({
        status: 'completed',
        attempts: draft.attempts,
        output: { draftId: 'd-9' },
        finishedAt: draft.finishedAt,
      });
      expect(steps.task).toMatchObject({ status: 'pending', attempts: 0, error: null, finishedAt: null });
      expect(await runRow(run.id)).toMatchObject({ status: 'queued', attempt: 2, error: null });
      expect(await queuedRunJobs(api)).toContain(run.id);
      expect(await auditOf(run.id, 'run.retried')).toEqual([
        expect.objectContaining({ actorType: 'user', actorId: alpha.userIds.manager }),
      ]);

      const again = await post(`/workflows/runs/${run.id}/retry`, alpha.tokens.manager).expect(409);
      expect(again.body.message).toBe('Only failed runs can be retried (this run is queued)');
    });

    it('answers 409 for a completed run and 404 for an unknown one', async () => {
      const run = await seed.run({ workflowId: approvalFirstId, clientId, status: 'completed' });
      const response = await post(`/workflows/runs/${run.id}/retry`, alpha.tokens.manager).expect(409);
      expect(response.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'Only failed runs can be retried (this run is completed)',
      });
      expect(await runRow(run.id)).toMatchObject({ status: 'completed', attempt: 1 });
      await post('/workflows/runs/00000000-0000-4000-8000-000000000000/retry', alpha.tokens.manager).expect(404);
    });
  });
});
