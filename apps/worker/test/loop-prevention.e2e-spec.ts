import {
  AlertEntity,
  AuditEventEntity,
  EventEntity,
  NotificationEntity,
  TicketEntity,
  WorkflowEntity,
  WorkflowRunEntity,
} from '@automations/persistence';
import { eventually } from '@automations/testing';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';

const MAX_DEPTH = 3;
const MAX_RUNS_PER_HOUR = 4;
const setStage = (id: string, stage: string) => ({ id, type: 'update_client', config: { stage } });
const openTicket = (id: string, category: string) => ({
  id,
  type: 'create_ticket',
  config: { title: `${category} for {{client.name}}`, priority: 'high', category },
});
const onTicket = (category?: string) => ({ type: 'ticket_created', config: category ? { category } : {} });

/** PRODUCT.md §5 "Loops": causation cycles, depth, per-hour breaker; and the save-time warning. One agency per test. */
describe('loop prevention', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({
      LOOP_MAX_DEPTH: String(MAX_DEPTH),
      LOOP_MAX_RUNS_PER_HOUR: String(MAX_RUNS_PER_HOUR),
      DEDUPE_WINDOW_SECONDS: '0',
    });
  });
  afterAll(() => stack.close());

  const db = () => stack.api.dataSource;
  const runsOf = (workflowId: string) =>
    db()
      .getRepository(WorkflowRunEntity)
      .find({ where: { workflowId }, order: { createdAt: 'ASC' } });
  const loopAlerts = (workflowId: string) =>
    db()
      .getRepository(AlertEntity)
      .find({ where: { workflowId, kind: 'loop_detected' } });
  const pausedAudits = (workflowId: string) =>
    db()
      .getRepository(AuditEventEntity)
      .find({ where: { workflowId, eventType: 'workflow.paused' } });

  async function setup(name: string) {
    const agency = await stack.createAgency(name);
    const f = engineFixtures(stack, agency);
    const workflowOf = async (id: string) =>
      (await f.http().get(`/api/v1/workflows/${id}`).set(bearer(f.token)).expect(200)).body;
    /** PATCHes the stage and returns the stored user event (never one an action emitted meanwhile). */
    const moveStage = async (clientId: string, stage: string): Promise<string> => {
      await f.http().patch(`/api/v1/clients/${clientId}`).set(bearer(f.token)).send({ stage }).expect(200);
      const [row] = await db().query(
        `SELECT id FROM events WHERE client_id = $1 AND type = 'client.stage_changed' AND causation IS NULL AND data->>'toStage' = $2 ORDER BY created_at DESC LIMIT 1`,
        [clientId, stage],
      );
      return row.id;
    };
    /** Waits for the event an action emitted (ticket or stage) and returns it. */
    const emitted = (clientId: string, type: string, match: (event: EventEntity) => boolean = () => true) =>
      eventually(
        async () =>
          (
            await db()
              .getRepository(EventEntity)
              .find({ where: { clientId, type, source: 'action' }, order: { createdAt: 'ASC' } })
          ).find(match),
        { what: `${type} emitted for ${clientId}` },
      );
    const verdictOf = async (eventId: string, workflowId: string) =>
      (await stack.waitForEventProcessed(eventId)).find((verdict) => verdict.workflowId === workflowId);
    return { agency, f, workflowOf, moveStage, emitted, verdictOf };
  }

  it('self-loop: the second run is skipped, the workflow paused, one alert, an audit event, and the event says why', async () => {
    const { agency, f, workflowOf, emitted, verdictOf } = await setup('Self Loop Agency');
    const workflow = await f.createWorkflow({
      name: 'Ticket opens a ticket',
      triggers: [onTicket()],
      steps: [openTicket('open', 'ops')],
    });
    const client = await f.createClient('Loopy Client');

    const first = await f.postEvent({
      type: 'ticket.created',
      clientId: client.id,
      data: { category: 'ops', priority: 'high' },
    });
    const firstRun = await stack.waitForRun(await f.startedRun(first, workflow.id), ['completed']);
    const loopEvent = await emitted(client.id, 'ticket.created');
    expect(loopEvent.causation).toEqual({
      rootEventId: first,
      chain: [{ workflowId: workflow.id, clientId: client.id }],
      depth: 1,
    });

    const reason = 'loop detected: the workflow would fire on an event its own run emitted for this client';
    const verdict = await verdictOf(loopEvent.id, workflow.id);
    expect(verdict).toMatchObject({ outcome: 'skipped', reason, runId: expect.any(String) });
    expect(await db().getRepository(WorkflowRunEntity).findOneByOrFail({ id: verdict!.runId! })).toMatchObject({
      status: 'skipped',
      reason,
      triggerEventId: loopEvent.id,
    });

    const detail = await workflowOf(workflow.id);
    expect(detail).toMatchObject({
      isActive: false,
      pausedReason: 'loop_detected',
      runCount: 2,
      skipCount: 1,
      successCount: 1,
    });
    // The pause is a change like any other: version 2, stored as a version row by the system.
    expect(detail.version).toBe(2);
    const versions = (await f.http().get(`/api/v1/workflows/${workflow.id}/versions`).set(bearer(f.token)).expect(200))
      .body.items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({
      version: 2,
      createdBy: null,
      definition: { name: 'Ticket opens a ticket', isActive: false },
    });
    expect(versions[0].definition).toEqual({ ...versions[1].definition, isActive: false });
    const listed = await f.http().get('/api/v1/workflows').set(bearer(f.token)).expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === workflow.id)).toMatchObject({
      isActive: false,
      pausedReason: 'loop_detected',
    });

    const [alert, ...moreAlerts] = await loopAlerts(workflow.id);
    expect(moreAlerts).toEqual([]);
    expect(alert).toMatchObject({
      severity: 'critical',
      clientId: client.id,
      runId: verdict!.runId,
      title: 'Loop detected: "Ticket opens a ticket" paused',
      resolvedAt: null,
    });
    const [audit, ...moreAudits] = await pausedAudits(workflow.id);
    expect(moreAudits).toEqual([]);
    expect(audit).toMatchObject({
      actorType: 'system',
      actorId: null,
      clientId: client.id,
      details: {
        rule: 'cycle',
        eventId: loopEvent.id,
        runId: verdict!.runId,
        pausedReason: 'loop_detected',
        version: 2,
      },
    });
    const notifications = await db()
      .getRepository(NotificationEntity)
      .find({ where: { workflowId: workflow.id, channel: 'in_app' } });
    expect(notifications.map((n) => n.userId)).toEqual([agency.adminUserId]);

    const shown = await f.http().get(`/api/v1/events/${loopEvent.id}`).set(bearer(f.token)).expect(200);
    expect(shown.body.processing).toEqual([
      expect.objectContaining({ workflowId: workflow.id, outcome: 'skipped', reason }),
    ]);
    // The loop went round once: one ticket, made by the first run.
    expect(
      await db()
        .getRepository(TicketEntity)
        .count({ where: { workflowId: workflow.id } }),
    ).toBe(1);
    expect(firstRun.status).toBe('completed');
  });

  it('A → B → A through stage changes: A is skipped and paused on the way back, B keeps running', async () => {
    const { f, workflowOf, moveStage, emitted, verdictOf } = await setup('Ping Pong Agency');
    const a = await f.createWorkflow({
      name: 'Ping to pong',
      triggers: [stageTrigger('ping')],
      steps: [setStage('move', 'pong')],
    });
    const b = await f.createWorkflow({
      name: 'Pong to ping',
      triggers: [stageTrigger('pong')],
      steps: [setStage('move', 'ping')],
    });
    const client = await f.createClient('Ping Pong Client');

    const start = await moveStage(client.id, 'ping');
    await stack.waitForRun(await f.startedRun(start, a.id), ['completed']);
    const pong = await emitted(client.id, 'client.stage_changed', (event) => event.data.toStage === 'pong');
    await stack.waitForRun(await f.startedRun(pong.id, b.id), ['completed']);
    const back = await emitted(client.id, 'client.stage_changed', (event) => event.data.toStage === 'ping');
    expect(back.causation).toMatchObject({
      rootEventId: start,
      depth: 2,
      chain: [{ workflowId: a.id }, { workflowId: b.id }],
    });

    expect(await verdictOf(back.id, a.id)).toMatchObject({
      outcome: 'skipped',
      reason: "loop detected: the workflow already ran for this client 2 links earlier in this event's chain",
    });
    expect(await workflowOf(a.id)).toMatchObject({ isActive: false, pausedReason: 'loop_detected', skipCount: 1 });
    expect(await workflowOf(b.id)).toMatchObject({ isActive: true, pausedReason: null, skipCount: 0 });
    expect(await loopAlerts(a.id)).toHaveLength(1);
    expect(await loopAlerts(b.id)).toHaveLength(0);
    expect((await pausedAudits(a.id)).map((audit) => audit.details.rule)).toEqual(['cycle']);
  });

  it(`a chain of exactly LOOP_MAX_DEPTH (${MAX_DEPTH}) distinct workflows passes; the next one is skipped for depth`, async () => {
    const { f, workflowOf, moveStage, emitted, verdictOf } = await setup('Depth Agency');
    const chain = [];
    for (let i = 1; i <= MAX_DEPTH; i += 1)
      chain.push(
        await f.createWorkflow({
          name: `Depth ${i}`,
          triggers: [stageTrigger(`d${i}`)],
          steps: [setStage('next', `d${i + 1}`)],
        }),
      );
    const beyond = await f.createWorkflow({
      name: 'One too deep',
      triggers: [stageTrigger(`d${MAX_DEPTH + 1}`)],
      steps: [alertStep('deep')],
    });
    const client = await f.createClient('Deep Client');

    let eventId = await moveStage(client.id, 'd1');
    for (const [i, workflow] of chain.entries()) {
      const run = await stack.waitForRun(await f.startedRun(eventId, workflow.id), ['completed']);
      expect((run.triggerEvent as { causation?: { depth: number } }).causation?.depth ?? 0).toBe(i);
      eventId = (await emitted(client.id, 'client.stage_changed', (event) => event.data.toStage === `d${i + 2}`)).id;
    }
    for (const workflow of chain)
      expect(await workflowOf(workflow.id)).toMatchObject({
        isActive: true,
        pausedReason: null,
        successCount: 1,
        skipCount: 0,
      });

    expect(await verdictOf(eventId, beyond.id)).toMatchObject({
      outcome: 'skipped',
      reason: `loop detected: the chain of workflows would reach depth ${MAX_DEPTH + 1}, over LOOP_MAX_DEPTH (${MAX_DEPTH})`,
    });
    expect(await workflowOf(beyond.id)).toMatchObject({ isActive: false, pausedReason: 'loop_detected' });
    expect((await pausedAudits(beyond.id)).map((audit) => audit.details.rule)).toEqual(['depth']);
  });

  it('the diamond A→B, A→C, B→D, C→D is not a loop: all four run, D once per path', async () => {
    const { f, workflowOf, moveStage } = await setup('Diamond Agency');
    const a = await f.createWorkflow({
      name: 'Diamond A',
      triggers: [stageTrigger('diamond')],
      steps: [openTicket('to-b', 'dia-b'), setStage('to-c', 'dia-c')],
    });
    const b = await f.createWorkflow({
      name: 'Diamond B',
      triggers: [onTicket('dia-b')],
      steps: [openTicket('to-d', 'dia-d')],
    });
    const c = await f.createWorkflow({
      name: 'Diamond C',
      triggers: [stageTrigger('dia-c')],
      steps: [openTicket('to-d', 'dia-d')],
    });
    const d = await f.createWorkflow({ name: 'Diamond D', triggers: [onTicket('dia-d')], steps: [alertStep('done')] });
    for (const created of [a, b, c, d])
      expect((created as { warnings?: { code: string }[] }).warnings?.map((w) => w.code) ?? []).not.toContain(
        'possible_loop',
      );
    const client = await f.createClient('Diamond Client');
    await moveStage(client.id, 'diamond');

    const dRuns = await eventually(
      async () => {
        const runs = await runsOf(d.id);
        return runs.length === 2 && runs.every((run) => run.status === 'completed') ? runs : undefined;
      },
      { what: 'D to run twice' },
    );
    const chains = dRuns.map((run) =>
      (run.triggerEvent as { causation: { chain: { workflowId: string }[] } }).causation.chain.map(
        (link) => link.workflowId,
      ),
    );
    expect(chains).toEqual(
      expect.arrayContaining([
        [a.id, b.id],
        [a.id, c.id],
      ]),
    );
    for (const workflow of [a, b, c])
      expect((await runsOf(workflow.id)).map((run) => run.status)).toEqual(['completed']);
    for (const workflow of [a, b, c, d]) {
      expect(await workflowOf(workflow.id)).toMatchObject({ isActive: true, pausedReason: null, skipCount: 0 });
      expect(await loopAlerts(workflow.id)).toHaveLength(0);
    }
  });

  it(`the per-hour breaker: run number ${MAX_RUNS_PER_HOUR + 1} of one workflow for one client within an hour is skipped`, async () => {
    const { f, workflowOf, verdictOf } = await setup('Rate Agency');
    const workflow = await f.createWorkflow({
      name: 'Every ping',
      triggers: [{ type: 'new_message', config: { platform: 'any', contains: 'ping' } }],
      steps: [alertStep('pinged')],
    });
    const client = await f.createClient('Chatty Client');
    const other = await f.createClient('Quiet Client');
    const ping = (clientId: string, n: number) =>
      f.postEvent({
        type: 'message.received',
        clientId,
        data: { platform: 'slack', from: 'c@x.test', body: `ping ${n}` },
      });

    const outcomes: string[] = [];
    for (let n = 1; n <= MAX_RUNS_PER_HOUR; n += 1)
      outcomes.push((await verdictOf(await ping(client.id, n), workflow.id))!.outcome);
    expect(outcomes).toEqual(Array(MAX_RUNS_PER_HOUR).fill('started'));
    // Another client has its own count.
    expect((await verdictOf(await ping(other.id, 1), workflow.id))!.outcome).toBe('started');

    const tripped = await verdictOf(await ping(client.id, MAX_RUNS_PER_HOUR + 1), workflow.id);
    expect(tripped).toMatchObject({
      outcome: 'skipped',
      reason: `loop detected: ${MAX_RUNS_PER_HOUR} runs for this client in the last hour already, the limit is LOOP_MAX_RUNS_PER_HOUR (${MAX_RUNS_PER_HOUR})`,
    });
    expect(await workflowOf(workflow.id)).toMatchObject({
      isActive: false,
      pausedReason: 'loop_detected',
      runCount: MAX_RUNS_PER_HOUR + 2,
      skipCount: 1,
    });
    expect((await pausedAudits(workflow.id)).map((audit) => audit.details.rule)).toEqual(['rate']);
    expect(await loopAlerts(workflow.id)).toHaveLength(1);

    // Paused: later events start nothing and raise no second alert.
    const later = await verdictOf(await ping(client.id, 99), workflow.id);
    expect(later?.outcome ?? 'not a candidate').not.toBe('started');
    expect(await loopAlerts(workflow.id)).toHaveLength(1);
    expect((await runsOf(workflow.id)).filter((run) => run.status === 'skipped')).toHaveLength(1);
  });

  it('a retried run emits at its original depth: retries do not add depth', async () => {
    const { agency, f, moveStage, emitted } = await setup('Retry Depth Agency');
    const assignee = agency.userIds.viewer;
    const first = await f.createWorkflow({
      name: 'Retry 1',
      triggers: [stageTrigger('r1')],
      steps: [setStage('next', 'r2')],
    });
    const flaky = await f.createWorkflow({
      name: 'Retry 2',
      triggers: [stageTrigger('r2')],
      steps: [{ id: 'assign', type: 'update_client', config: { assigneeId: assignee } }, setStage('next', 'r3')],
    });
    const last = await f.createWorkflow({ name: 'Retry 3', triggers: [stageTrigger('r3')], steps: [alertStep('end')] });
    await f
      .http()
      .patch(`/api/v1/users/${assignee}`)
      .set(bearer(agency.tokens.admin))
      .send({ active: false })
      .expect(200);
    const client = await f.createClient('Retry Client');

    const start = await moveStage(client.id, 'r1');
    await stack.waitForRun(await f.startedRun(start, first.id), ['completed']);
    const r2 = await emitted(client.id, 'client.stage_changed', (event) => event.data.toStage === 'r2');
    const flakyRunId = await f.startedRun(r2.id, flaky.id);
    await stack.waitForRun(flakyRunId, ['failed']);

    await f
      .http()
      .patch(`/api/v1/users/${assignee}`)
      .set(bearer(agency.tokens.admin))
      .send({ active: true })
      .expect(200);
    await f.http().post(`/api/v1/workflows/runs/${flakyRunId}/retry`).set(bearer(agency.tokens.manager)).expect(202);
    expect(await stack.waitForRun(flakyRunId, ['completed'])).toMatchObject({ attempt: 2 });

    const r3 = await emitted(client.id, 'client.stage_changed', (event) => event.data.toStage === 'r3');
    expect(r3.causation).toEqual({
      rootEventId: start,
      chain: [
        { workflowId: first.id, clientId: client.id },
        { workflowId: flaky.id, clientId: client.id },
      ],
      depth: 2,
    });
    // Depth 3 = LOOP_MAX_DEPTH: the last link still runs.
    await stack.waitForRun(await f.startedRun(r3.id, last.id), ['completed']);
    expect(
      await db()
        .getRepository(AuditEventEntity)
        .count({ where: { agencyId: agency.agencyId, eventType: 'workflow.paused' } }),
    ).toBe(0);
  });

  describe('save-time warning', () => {
    const loopWarnings = (body: { warnings?: { code: string; message: string }[] }) =>
      (body.warnings ?? []).filter((warning) => warning.code === 'possible_loop');

    it('warns (does not block) when the saved workflow closes a cycle of action → trigger, self-loop included', async () => {
      const { f } = await setup('Warning Agency');
      const self = await f.createWorkflow({
        name: 'Self ticket',
        triggers: [onTicket()],
        steps: [openTicket('open', 'ops')],
      });
      expect(loopWarnings(self as never)).toEqual([
        {
          code: 'possible_loop',
          message: expect.stringMatching(
            /^Self ticket → Self ticket: "Self ticket" \(step open: create_ticket in "ops"\) emits ticket.created, which fires "Self ticket"/,
          ),
        },
      ]);

      const a = await f.createWorkflow({
        name: 'Warn A',
        triggers: [stageTrigger('wa')],
        steps: [setStage('move', 'wb')],
      });
      expect(loopWarnings(a as never)).toEqual([]);
      const b = await f.createWorkflow({
        name: 'Warn B',
        triggers: [stageTrigger('wb')],
        steps: [setStage('move', 'wa')],
      });
      expect(loopWarnings(b as never)).toEqual([
        { code: 'possible_loop', message: expect.stringMatching(/^Warn B → Warn A → Warn B: /) },
      ]);
      expect(await db().getRepository(WorkflowEntity).countBy({ id: b.id, isActive: true })).toBe(1);
    });

    it('stays silent for an acyclic set and ignores inactive workflows', async () => {
      const { f } = await setup('Quiet Warning Agency');
      const c = await f.createWorkflow({
        name: 'Quiet C',
        triggers: [stageTrigger('qc')],
        steps: [setStage('move', 'qd'), openTicket('t', 'qt')],
      });
      const d = await f.createWorkflow({ name: 'Quiet D', triggers: [stageTrigger('qd')], steps: [alertStep('x')] });
      const t = await f.createWorkflow({
        name: 'Quiet T',
        triggers: [onTicket('qt')],
        steps: [setStage('move', 'qd')],
      });
      const off = await f.createWorkflow({
        name: 'Quiet off',
        isActive: false,
        triggers: [stageTrigger('qe')],
        steps: [setStage('move', 'qf')],
      });
      const on = await f.createWorkflow({
        name: 'Quiet on',
        triggers: [stageTrigger('qf')],
        steps: [setStage('move', 'qe')],
      });
      for (const created of [c, d, t, off, on]) expect(loopWarnings(created as never)).toEqual([]);
    });
  });
});
