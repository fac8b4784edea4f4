import { WorkflowRunEntity } from '@automations/persistence';
import { RunSeeder } from './support/run.fixture';
import { RunsApi, startRunsApi, stopRunsApi } from './support/runs-api.fixture';
import { bearer, TestAgency, TestApi } from './support/test-api';
import { minimalWorkflow } from './support/workflow-fixtures';

/** Reading runs: the lists with their filters, and one run's detail with the timeline of what happened. Runs are seeded in the states the engine leaves them. */
describe('runs API: lists and run detail (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;
  let seed: RunSeeder;
  let onboardingId: string;
  let onboardingV1Steps: unknown[];
  let clientId: string;
  let http: RunsApi['http'];
  let get: RunsApi['get'];
  let createWorkflow: RunsApi['createWorkflow'];

  beforeAll(async () => {
    ({ api, alpha, beta, seed, onboardingId, onboardingV1Steps, clientId, http, get, createWorkflow } =
      await startRunsApi());
  });
  afterAll(() => stopRunsApi(api));

  describe('lists', () => {
    let agency: TestAgency;
    let ids: Record<string, string>;
    let workflows: Record<'first' | 'second', string>;
    let clients: Record<'a' | 'b', string>;

    const day = (n: number) => new Date(Date.UTC(2026, 2, n, 10, 0, 0));
    const idsOf = (body: { items: { id: string }[] }) =>
      body.items.map((item) => Object.keys(ids).find((key) => ids[key] === item.id) ?? item.id);

    beforeAll(async () => {
      agency = await api.createAgency('Listing');
      const listing = new RunSeeder(api, agency.agencyId);
      workflows = {
        first: (await createWorkflow(agency, minimalWorkflow('First'))).id,
        second: (await createWorkflow(agency, minimalWorkflow('Second'))).id,
      };
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
        ids[key] = (
          await listing.run({
            workflowId: workflows[workflow],
            clientId: clients[client],
            status,
            startedAt: day(startDay),
          })
        ).id;
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
      [
        'from/to inclusive on startedAt',
        `from=${encodeURIComponent(day(3).toISOString())}&to=${encodeURIComponent(day(5).toISOString())}`,
        ['r3', 'r2'],
      ],
      ['from only', `from=${encodeURIComponent(day(5).toISOString())}`, ['r4', 'r3']],
      ['to only, with an offset', `to=${encodeURIComponent('2026-03-03T11:00:00+01:00')}`, ['r2', 'r1']],
      ['status and client together', 'status=failed&clientId=B', ['r2']],
      ['nothing matches', 'status=rejected', []],
    ])('filters one workflow by %s', async (_name, query, expected) => {
      const response = await get(
        `/workflows/${workflows.first}/runs?${query.replace('clientId=B', `clientId=${clients.b}`)}`,
        agency.tokens.viewer,
      ).expect(200);
      expect(idsOf(response.body)).toEqual(expected);
      expect(response.body.total).toBe(expected.length);
    });

    it('paginates with the total of all matches', async () => {
      const page2 = await get(`/workflows/${workflows.first}/runs?page=2&pageSize=3`, agency.tokens.viewer).expect(200);
      expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(idsOf(page2.body)).toEqual(['r1']);
      const beyond = await get(`/workflows/${workflows.first}/runs?page=9&pageSize=3`, agency.tokens.viewer).expect(
        200,
      );
      expect(beyond.body).toMatchObject({ total: 4, items: [] });
    });

    it('lists across workflows with the same filters plus workflowId', async () => {
      expect(idsOf((await get('/workflows/runs', agency.tokens.viewer).expect(200)).body)).toEqual([
        'r4',
        'r3',
        'r5',
        'r2',
        'r1',
      ]);
      expect(
        idsOf((await get(`/workflows/runs?workflowId=${workflows.second}`, agency.tokens.viewer).expect(200)).body),
      ).toEqual(['r5']);
      expect(
        idsOf(
          (await get(`/workflows/runs?status=completed&clientId=${clients.a}`, agency.tokens.viewer).expect(200)).body,
        ),
      ).toEqual(['r3', 'r5', 'r1']);
      const second = await get(`/workflows/runs?workflowId=${workflows.second}`, agency.tokens.viewer).expect(200);
      expect(second.body.items[0]).toMatchObject({ workflowName: 'Second', clientName: 'Client A' });
    });

    it('keeps the runs of a deleted workflow readable; unknown and foreign workflows are 404', async () => {
      await http().delete(`/api/v1/workflows/${workflows.second}`).set(bearer(agency.tokens.manager)).expect(204);
      expect(idsOf((await get(`/workflows/${workflows.second}/runs`, agency.tokens.viewer).expect(200)).body)).toEqual([
        'r5',
      ]);
      expect(
        idsOf((await get(`/workflows/runs?workflowId=${workflows.second}`, agency.tokens.viewer).expect(200)).body),
      ).toEqual(['r5']);
      await get(`/workflows/${workflows.second}/runs`, beta.tokens.admin).expect(404);
      await get('/workflows/00000000-0000-4000-8000-000000000000/runs', agency.tokens.viewer).expect(404);
    });
  });

  describe('detail', () => {
    it('shows the run with its steps in definition order, the recorded definition after an edit, approvals and a chronological timeline', async () => {
      const t0 = new Date(Date.UTC(2026, 2, 2, 9, 0, 0));
      const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
      const run = await seed.run({
        workflowId: onboardingId,
        clientId,
        status: 'completed',
        startedAt: t0,
        finishedAt: at(10),
      });
      // Inserted out of order, with createdAt out of order too: only the definition decides the order.
      await seed.step(run.id, {
        stepId: 'draft',
        type: 'draft_communication',
        status: 'completed',
        startedAt: at(7),
        finishedAt: at(9),
        createdAt: at(0),
        input: { platform: 'email' },
        output: { draftId: 'd-1' },
      });
      await seed.step(run.id, {
        stepId: 'ping',
        type: 'send_notification',
        status: 'completed',
        scheduledFor: at(5),
        startedAt: at(5),
        finishedAt: at(6),
        createdAt: at(3),
      });
      await seed.step(run.id, {
        stepId: 'health',
        type: 'branch',
        status: 'completed',
        output: { branch: 'else' },
        startedAt: at(3),
        finishedAt: at(3),
        createdAt: at(3),
      });
      await seed.step(run.id, {
        stepId: 'task',
        type: 'create_task',
        status: 'completed',
        attempts: 2,
        startedAt: at(1),
        finishedAt: at(2),
        createdAt: at(9),
        output: { taskId: 't-1' },
      });
      const approval = await seed.approval(run.id, {
        stepId: 'draft',
        actionType: 'draft_communication',
        status: 'approved',
        createdAt: at(7),
        expiresAt: at(86_407),
        decidedAt: at(8),
        decidedByUserId: alpha.adminUserId,
      });

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
      expect(
        body.timeline.map((entry: { kind: string; stepId?: string }) =>
          entry.stepId ? `${entry.kind}:${entry.stepId}` : entry.kind,
        ),
      ).toEqual([
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
      expect(body.timeline.find((entry: { kind: string }) => entry.kind === 'step.waiting').message).toContain(
        at(5).toISOString(),
      );
      expect(body.timeline.find((entry: { kind: string }) => entry.kind === 'step.completed').message).toBe(
        'Completed create_task',
      );
      expect(
        body.timeline.find(
          (entry: { stepId?: string; kind: string }) => entry.stepId === 'health' && entry.kind === 'step.completed',
        ).message,
      ).toBe('Condition evaluated: took the else path');
    });

    it('answers 404 for an unknown run', async () => {
      const response = await get('/workflows/runs/00000000-0000-4000-8000-000000000000').expect(404);
      expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Run not found' });
    });
  });
});
