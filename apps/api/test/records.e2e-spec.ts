import { createClient } from './support/client.fixture';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';

/** Records are written by the engine's actions; here they are seeded straight into the database. */
describe('records: tasks, tickets, alerts, drafts, notifications (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;
  let clientA: string;
  let clientB: string;
  let run1: { workflowId: string; runId: string };
  let run2: { workflowId: string; runId: string };

  const sql = <T = { id: string }>(text: string, params: unknown[]) =>
    api.dataSource.query(text, params) as Promise<T[]>;

  async function seedRun(agencyId: string, clientId: string) {
    const [workflow] = await sql(
      `INSERT INTO workflows (agency_id, name, triggers, steps) VALUES ($1, 'Kickoff', '[]', '[]') RETURNING id`,
      [agencyId],
    );
    const [run] = await sql(
      `INSERT INTO workflow_runs (agency_id, workflow_id, workflow_version, client_id, status) VALUES ($1, $2, 1, $3, 'completed') RETURNING id`,
      [agencyId, workflow.id, clientId],
    );
    return { workflowId: workflow.id, runId: run.id };
  }

  /** One row of each record type for (client, run), created at `at`. */
  async function seedRecords(
    agencyId: string,
    clientId: string,
    run: { workflowId: string; runId: string } | null,
    at: string,
    tag: string,
  ) {
    const origin = [agencyId, clientId, run?.runId ?? null, run?.workflowId ?? null, run ? `step-${tag}` : null, at];
    await sql(
      `INSERT INTO tasks (agency_id, client_id, run_id, workflow_id, step_id, created_at, title, description, priority, due_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'Agree on goals', 'high', '2026-03-04T09:30:00Z', 'open')`,
      [...origin, `Task ${tag}`],
    );
    await sql(
      `INSERT INTO tickets (agency_id, client_id, run_id, workflow_id, step_id, created_at, title, priority, category)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'medium', 'billing')`,
      [...origin, `Ticket ${tag}`],
    );
    await sql(
      `INSERT INTO alerts (agency_id, client_id, run_id, workflow_id, step_id, created_at, title, severity)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'critical')`,
      [...origin, `Alert ${tag}`],
    );
    await sql(
      `INSERT INTO communication_drafts (agency_id, client_id, run_id, workflow_id, step_id, created_at, platform, tone, content, generator)
       VALUES ($1, $2, $3, $4, $5, $6, 'email', 'friendly', $7, 'template')`,
      [...origin, `Draft ${tag}`],
    );
    await sql(
      `INSERT INTO notifications (agency_id, client_id, run_id, workflow_id, step_id, created_at, channel, recipients, message, status, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'slack', '["C0123ABCD"]', $7, 'sent', $6)`,
      [...origin, `Notification ${tag}`],
    );
  }

  beforeAll(async () => {
    ({ api, alpha, beta } = await startTestApiWithTwoAgencies());
    clientA = (await createClient(api, alpha.tokens.manager)).id;
    const clientA2 = (await createClient(api, alpha.tokens.manager)).id;
    clientB = (await createClient(api, beta.tokens.manager)).id;
    run1 = await seedRun(alpha.agencyId, clientA);
    run2 = await seedRun(alpha.agencyId, clientA2);
    await seedRecords(alpha.agencyId, clientA, run1, '2026-03-01T10:00:00Z', 'old');
    await seedRecords(alpha.agencyId, clientA, null, '2026-03-02T10:00:00Z', 'manual');
    await seedRecords(alpha.agencyId, clientA2, run2, '2026-03-03T10:00:00Z', 'new');
    await seedRecords(beta.agencyId, clientB, await seedRun(beta.agencyId, clientB), '2026-03-04T10:00:00Z', 'theirs');
  });

  afterAll(async () => {
    await api.close();
  });

  const list = async (path: string, query: Record<string, string> = {}, token = alpha.tokens.viewer) =>
    (await api.http().get(`/api/v1/${path}`).query(query).set(bearer(token)).expect(200)).body;

  const resources = [
    ['tasks', 'title', 'Task'],
    ['tickets', 'title', 'Ticket'],
    ['alerts', 'title', 'Alert'],
    ['drafts', 'content', 'Draft'],
    ['notifications', 'message', 'Notification'],
  ] as const;

  describe.each(resources)('GET /%s', (path, labelField, label) => {
    const labels = (page: { items: Record<string, unknown>[] }) => page.items.map((item) => item[labelField]);

    it('lists the agency’s records newest first, paginated', async () => {
      const page = await list(path);
      expect(page).toMatchObject({ total: 3, page: 1, pageSize: 50 });
      expect(labels(page)).toEqual([`${label} new`, `${label} manual`, `${label} old`]);
      const item = page.items[0];
      expect(item).toMatchObject({
        id: expect.any(String),
        runId: run2.runId,
        workflowId: run2.workflowId,
        stepId: 'step-new',
        createdAt: '2026-03-03T10:00:00.000Z',
      });
      expect(item).not.toHaveProperty('agencyId');
      const second = await list(path, { page: '2', pageSize: '2' });
      expect(labels(second)).toEqual([`${label} old`]);
    });

    it('filters by clientId, runId and workflowId', async () => {
      expect(labels(await list(path, { clientId: clientA }))).toEqual([`${label} manual`, `${label} old`]);
      expect(labels(await list(path, { runId: run1.runId }))).toEqual([`${label} old`]);
      expect(labels(await list(path, { workflowId: run2.workflowId }))).toEqual([`${label} new`]);
      expect(labels(await list(path, { clientId: clientA, runId: run2.runId }))).toEqual([]);
    });

    it('rejects malformed filters naming them', async () => {
      for (const field of ['clientId', 'runId', 'workflowId']) {
        const response = await api
          .http()
          .get(`/api/v1/${path}`)
          .query({ [field]: 'nope' })
          .set(bearer(alpha.tokens.viewer))
          .expect(400);
        expect(response.body.details.map((detail: { path: string }) => detail.path)).toEqual([field]);
      }
      await api.http().get(`/api/v1/${path}`).query({ status: 'open' }).set(bearer(alpha.tokens.viewer)).expect(400);
    });

    it('shows nothing of another agency, even when filtering by its ids', async () => {
      expect(labels(await list(path, {}, beta.tokens.viewer))).toEqual([`${label} theirs`]);
      expect((await list(path, { clientId: clientA }, beta.apiKey)).total).toBe(0);
      expect((await list(path, { runId: run1.runId }, beta.tokens.admin)).total).toBe(0);
    });

    it('needs a credential', async () => {
      await api.http().get(`/api/v1/${path}`).expect(401);
    });
  });

  it('returns typed fields of each record', async () => {
    const [task] = (await list('tasks', { runId: run1.runId })).items;
    expect(task).toEqual({
      id: expect.any(String),
      runId: run1.runId,
      workflowId: run1.workflowId,
      stepId: 'step-old',
      createdAt: '2026-03-01T10:00:00.000Z',
      clientId: clientA,
      title: 'Task old',
      description: 'Agree on goals',
      priority: 'high',
      dueAt: '2026-03-04T09:30:00.000Z',
      assigneeId: null,
      status: 'open',
    });
    const [ticket] = (await list('tickets', { runId: run1.runId })).items;
    expect(ticket).toMatchObject({ category: 'billing', priority: 'medium', status: 'open', description: null });
    const [alert] = (await list('alerts', { runId: run1.runId })).items;
    expect(alert).toMatchObject({
      kind: 'automation',
      severity: 'critical',
      message: null,
      resolvedAt: null,
      clientId: clientA,
    });
    const [draft] = (await list('drafts', { runId: run1.runId })).items;
    expect(draft).toMatchObject({
      platform: 'email',
      tone: 'friendly',
      generator: 'template',
      status: 'pending_review',
    });
    const [notification] = (await list('notifications', { runId: run1.runId })).items;
    expect(notification).toMatchObject({
      channel: 'slack',
      recipients: ['C0123ABCD'],
      status: 'sent',
      sentAt: '2026-03-01T10:00:00.000Z',
      readAt: null,
      error: null,
      userId: null,
      subject: null,
    });
  });
});
