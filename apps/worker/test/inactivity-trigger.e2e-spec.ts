import { INACTIVITY_SCAN_LOCK_KEY, InactivityScanner } from '@automations/engine';
import { AlertEntity, WorkflowRunEntity } from '@automations/persistence';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

describe('inactivity trigger: periodic scan, once per inactive period', () => {
  let stack: TestStack;
  let f: ReturnType<typeof engineFixtures>;
  let scanner: InactivityScanner;

  beforeAll(async () => {
    // The scans are driven by the tests: keep any periodic scan of the engine out of the way.
    stack = await startTestStack({ INACTIVITY_SCAN_SECONDS: '3600' });
    scanner = new InactivityScanner(stack.workerDataSource, {
      dedupeWindowSeconds: stack.api.config.dedupeWindowSeconds,
      pageSize: 2,
    });
  });
  // A workflow watches every client of its agency: each test gets its own agency.
  beforeEach(async () => {
    f = engineFixtures(stack, await stack.createAgency(`Inactivity ${expect.getState().currentTestName?.slice(-20)}`));
  });
  afterAll(() => stack.close());

  const runs = () => stack.api.dataSource.getRepository(WorkflowRunEntity);
  const inactivityWorkflow = (name: string, days: number, partner?: object) =>
    f.createWorkflow({
      name,
      triggers: [{ type: 'inactivity', config: { days } }, ...(partner ? [partner] : [])],
      steps: [alertStep('a')],
    });
  /** One scan (of every workflow in the database); its runs are enqueued and finish; returns those of `workflowId`. */
  const scanFor = async (workflowId: string) => {
    const runIds = await scanner.scan();
    await stack.engine.queues.enqueueRuns(runIds);
    const done = await Promise.all(runIds.map((id) => stack.waitForRun(id, ['completed'])));
    return done.filter((run) => run.workflowId === workflowId);
  };

  it('fires once for a client idle beyond `days`, not for one under the threshold or deleted; a second scan fires nothing', async () => {
    const workflow = await inactivityWorkflow('Ten quiet days', 7);
    const idleSince = daysAgo(10);
    const idle = await f.createClient('Idle Ida', { lastActivityAt: idleSince });
    await f.createClient('Recent Rita', { lastActivityAt: daysAgo(6.9) });
    await f.createClient('Fresh Fred');
    const gone = await f.createClient('Gone Gina', { lastActivityAt: daysAgo(30) });
    await f.http().delete(`/api/v1/clients/${gone.id}`).set(bearer(f.token)).expect(204);

    const [run, ...others] = await scanFor(workflow.id);
    expect(others).toEqual([]);
    expect(run).toMatchObject({ clientId: idle.id, status: 'completed', triggerEventId: null, mode: 'live' });
    expect(run.triggerEvent).toEqual({
      eventId: null,
      type: 'client.inactive',
      data: { days: 7, lastActivityAt: idleSince, inactiveDays: 10 },
      occurredAt: expect.any(String),
    });
    expect(await stack.api.dataSource.getRepository(AlertEntity).count({ where: { clientId: idle.id } })).toBe(1);

    expect(await scanFor(workflow.id)).toEqual([]);
    expect(await runs().count({ where: { workflowId: workflow.id } })).toBe(1);
  });

  it('a new activity opens a new inactive period: after renewed idleness it fires again, once', async () => {
    const workflow = await inactivityWorkflow('Come back', 5);
    const client = await f.createClient('Returning Rob', { lastActivityAt: daysAgo(8) });
    expect((await scanFor(workflow.id)).map((run) => run.clientId)).toEqual([client.id]);

    await f.postEvent({ type: 'client.activity', clientId: client.id, data: { kind: 'call' } });
    const moved = await f.http().get(`/api/v1/clients/${client.id}`).set(bearer(f.token)).expect(200);
    expect(Date.now() - Date.parse(moved.body.lastActivityAt)).toBeLessThan(60_000);
    expect(await scanFor(workflow.id)).toEqual([]);

    // Days pass without activity (the first run moves back with them, out of the dedupe window):
    // the period of the new lastActivityAt is still open.
    await stack.api.dataSource.query(`UPDATE clients SET last_activity_at = now() - interval '6 days' WHERE id = $1`, [
      client.id,
    ]);
    await stack.api.dataSource.query(
      `UPDATE workflow_runs SET created_at = created_at - interval '7 days', started_at = started_at - interval '7 days' WHERE workflow_id = $1`,
      [workflow.id],
    );
    const [again, ...more] = await scanFor(workflow.id);
    expect(more).toEqual([]);
    expect(again.clientId).toBe(client.id);
    const [{ iso }] = await stack.api.dataSource.query(
      `SELECT to_char(last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS iso FROM clients WHERE id = $1`,
      [client.id],
    );
    expect(again.triggerEvent).toMatchObject({
      type: 'client.inactive',
      data: { days: 5, lastActivityAt: iso, inactiveDays: 6 },
    });

    expect(await scanFor(workflow.id)).toEqual([]);
    expect(await runs().count({ where: { workflowId: workflow.id, clientId: client.id } })).toBe(2);
  });

  it('checks the AND partner’s state form: a stage partner that does not hold means no run', async () => {
    const workflow = await inactivityWorkflow('Quiet VIPs', 5, stageTrigger('inact-vip'));
    const vip = await f.createClient('Quiet Vip', { stage: 'inact-vip', lastActivityAt: daysAgo(8) });
    const lead = await f.createClient('Quiet Lead', { stage: 'inact-lead', lastActivityAt: daysAgo(8) });

    expect((await scanFor(workflow.id)).map((run) => run.clientId)).toEqual([vip.id]);
    expect(await runs().count({ where: { workflowId: workflow.id, clientId: lead.id } })).toBe(0);
  });

  it('a KPI partner: no run while it does not hold, and no second run when the partner’s own event already fired for this idle period', async () => {
    const workflow = await inactivityWorkflow('Quiet and cheap', 5, {
      type: 'kpi_threshold',
      config: { metric: 'spend', operator: 'below', value: 100 },
    });
    const crossed = await f.createClient('Crossed Carl', { lastActivityAt: daysAgo(8) });
    const high = await f.createClient('High Hank', { lastActivityAt: daysAgo(8) });
    const none = await f.createClient('Metricless Mo', { lastActivityAt: daysAgo(8) });

    // kpi.updated crossing below 100 while idle: the KPI trigger fires, inactivity holds as its partner.
    const eventRun = await f.startedRun(await f.postMetric(crossed.id, 'spend', 50), workflow.id);
    await stack.waitForRun(eventRun, ['completed']);
    // Out of the dedupe window: only "already fired in this period" can hold the scan back.
    await stack.api.dataSource.query(
      `UPDATE workflow_runs SET created_at = created_at - interval '1 hour', started_at = started_at - interval '1 hour' WHERE id = $1`,
      [eventRun],
    );
    await f.postMetric(high.id, 'spend', 500);

    expect(await scanFor(workflow.id)).toEqual([]);
    expect(await runs().count({ where: { workflowId: workflow.id, clientId: crossed.id } })).toBe(1);
    expect(await runs().count({ where: { workflowId: workflow.id, clientId: high.id } })).toBe(0);
    expect(await runs().count({ where: { workflowId: workflow.id, clientId: none.id } })).toBe(0);
  });

  it('a disabled workflow scans no one', async () => {
    const workflow = await inactivityWorkflow('Switched off', 3);
    await f
      .http()
      .patch(`/api/v1/workflows/${workflow.id}/toggle`)
      .set(bearer(f.token))
      .send({ isActive: false })
      .expect(200);
    await f.createClient('Ignored Ivy', { lastActivityAt: daysAgo(20) });
    expect(await scanFor(workflow.id)).toEqual([]);
  });

  it('one scanner at a time: a scan returns [] while another holds the lock, and concurrent scans make one run per period', async () => {
    const workflow = await inactivityWorkflow('Exclusive', 2);
    const client = await f.createClient('Locked Lou', { lastActivityAt: daysAgo(3) });

    const holder = stack.api.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock($1)`, [INACTIVITY_SCAN_LOCK_KEY]);
      expect(await scanner.scan()).toEqual([]);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock($1)`, [INACTIVITY_SCAN_LOCK_KEY]);
      await holder.release();
    }

    const other = new InactivityScanner(stack.workerDataSource, { dedupeWindowSeconds: 0 });
    const results = await Promise.all([scanner.scan(), other.scan(), scanner.scan()]);
    await stack.engine.queues.enqueueRuns(results.flat());
    await Promise.all(results.flat().map((id) => stack.waitForRun(id, ['completed'])));
    const made = await runs().find({ where: { workflowId: workflow.id } });
    expect(made.map((run) => run.clientId)).toEqual([client.id]);
  });

  it('pages through many candidates in one scan', async () => {
    const workflow = await inactivityWorkflow('Crowd', 1);
    const clients = await Promise.all(
      [2, 3, 4, 5, 6].map((days) => f.createClient(`Crowd ${days}`, { lastActivityAt: daysAgo(days) })),
    );
    const made = await scanFor(workflow.id);
    expect(made.map((run) => run.clientId).sort()).toEqual(clients.map((client) => client.id).sort());
  });
});
