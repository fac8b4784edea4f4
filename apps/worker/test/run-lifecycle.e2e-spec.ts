import { AlertEntity, TaskEntity, TicketEntity } from '@automations/persistence';
import { bearer, startTestStack, TestStack } from './support/test-stack';
import type { TestAgency } from '../../api/test/support/test-api';

describe('engine: events in, triggers matched, action chains run exactly once', () => {
  let stack: TestStack;
  let agency: TestAgency;

  beforeAll(async () => {
    stack = await startTestStack();
    agency = await stack.createAgency('Engine Agency');
  });
  afterAll(() => stack.close());

  const http = () => stack.api.http();
  const createClient = async (name: string, health = 'green', stage = 'lead') =>
    (await http().post('/api/v1/clients').set(bearer(agency.tokens.manager)).send({ name, stage, health }).expect(201))
      .body;
  const createWorkflow = async (definition: object) =>
    (await http().post('/api/v1/workflows').set(bearer(agency.tokens.manager)).send(definition).expect(201)).body;
  const moveStage = async (clientId: string, stage: string) => {
    await http().patch(`/api/v1/clients/${clientId}`).set(bearer(agency.tokens.manager)).send({ stage }).expect(200);
    const events = await http()
      .get(`/api/v1/events?clientId=${clientId}&type=client.stage_changed`)
      .set(bearer(agency.tokens.viewer))
      .expect(200);
    return events.body.items[0].id as string;
  };

  it("a task the automation creates is client activity: the client's last activity moves to the task's time", async () => {
    const workflow = await createWorkflow({
      name: 'Activity by task',
      triggers: [{ type: 'stage_change', config: { toStage: 'active' } }],
      steps: [{ id: 'task', type: 'create_task', config: { title: 'Check in with {{client.name}}', priority: 'low' } }],
    });
    const client = await createClient('Quiet Client');
    await stack.api.dataSource.query(`UPDATE clients SET last_activity_at = now() - interval '30 days' WHERE id = $1`, [
      client.id,
    ]);
    const eventId = await moveStage(client.id, 'active');
    const verdict = (await stack.waitForEventProcessed(eventId)).find((v) => v.workflowId === workflow.id);
    await stack.waitForRun(verdict!.runId!, ['completed']);
    const task = await stack.api.dataSource.getRepository(TaskEntity).findOneByOrFail({ runId: verdict!.runId! });
    const [row] = await stack.api.dataSource.query(`SELECT last_activity_at FROM clients WHERE id = $1`, [client.id]);
    expect(row.last_activity_at.getTime()).toBeGreaterThanOrEqual(task.createdAt.getTime());
  });

  it('runs a branching chain from a stage change: task, alert or ticket by health, client update, counters', async () => {
    const workflow = await createWorkflow({
      name: 'Onboarding chain',
      triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
      steps: [
        {
          id: 'task',
          type: 'create_task',
          config: { title: 'Kickoff with {{client.name}}', priority: 'high', dueInDays: 2 },
        },
        {
          id: 'health',
          type: 'branch',
          condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
          then: [
            { id: 'alert', type: 'add_alert', config: { title: '{{client.name}} is at risk', severity: 'critical' } },
          ],
          else: [
            {
              id: 'ticket',
              type: 'create_ticket',
              config: { title: 'Set up {{client.name}}', priority: 'medium', category: 'setup' },
            },
          ],
        },
        { id: 'green', type: 'update_client', config: { health: 'green' } },
      ],
    });
    const red = await createClient('Rosa Red', 'red');
    const green = await createClient('Gus Green', 'yellow');

    const redEvent = await moveStage(red.id, 'onboarding');
    const greenEvent = await moveStage(green.id, 'onboarding');
    const [redVerdict] = await stack.waitForEventProcessed(redEvent);
    const [greenVerdict] = await stack.waitForEventProcessed(greenEvent);
    expect(redVerdict).toMatchObject({ workflowId: workflow.id, outcome: 'started' });
    const redRun = await stack.waitForRun(redVerdict.runId!, ['completed']);
    await stack.waitForRun(greenVerdict.runId!, ['completed']);

    expect(redRun.workflowVersion).toBe(1);
    expect((redRun.clientSnapshot as { client: { health: string } }).client.health).toBe('red');
    const redSteps = await stack.steps(redRun.id);
    expect(Object.fromEntries(redSteps.map((s) => [s.stepId, s.status]))).toEqual({
      task: 'completed',
      health: 'completed',
      alert: 'completed',
      green: 'completed',
    });
    expect(redSteps.find((s) => s.stepId === 'task')!.input).toMatchObject({ title: 'Kickoff with Rosa Red' });

    const ds = stack.api.dataSource;
    expect(await ds.getRepository(TaskEntity).count({ where: { clientId: red.id } })).toBe(1);
    expect(await ds.getRepository(AlertEntity).count({ where: { clientId: red.id } })).toBe(1);
    expect(await ds.getRepository(TicketEntity).count({ where: { clientId: red.id } })).toBe(0);
    expect(await ds.getRepository(TicketEntity).count({ where: { clientId: green.id } })).toBe(1);
    expect(await ds.getRepository(AlertEntity).count({ where: { clientId: green.id } })).toBe(0);

    const client = await http().get(`/api/v1/clients/${red.id}`).set(bearer(agency.tokens.viewer)).expect(200);
    expect(client.body.health).toBe('green');
    const listed = await http().get(`/api/v1/workflows/${workflow.id}`).set(bearer(agency.tokens.viewer)).expect(200);
    expect(listed.body).toMatchObject({ runCount: 2, successCount: 2, failureCount: 0, successRate: 1 });
    expect(listed.body.lastRunAt).not.toBeNull();
  });

  it('explains on the event why a workflow did not fire', async () => {
    await createWorkflow({
      name: 'Only to active',
      triggers: [{ type: 'stage_change', config: { toStage: 'active' } }],
      steps: [{ type: 'add_alert', config: { title: 'x', severity: 'info' } }],
    });
    const client = await createClient('Nora Nofire');
    const eventId = await moveStage(client.id, 'churned');
    const verdicts = await stack.waitForEventProcessed(eventId);
    expect(verdicts.find((v) => v.outcome === 'not_fired' && /not "active"/.test(v.reason ?? ''))).toBeDefined();
    const detail = await http().get(`/api/v1/events/${eventId}`).set(bearer(agency.tokens.viewer)).expect(200);
    expect(detail.body.processing).toEqual(verdicts);
  });

  it('settles an event a step emits inside the step when no workflow fires on it: processed with its verdicts by the time the run completes, no matching job', async () => {
    const listener = await createWorkflow({
      name: 'Billing tickets only',
      triggers: [{ type: 'ticket_created', config: { category: 'billing' } }],
      steps: [{ type: 'add_alert', config: { title: 'billing', severity: 'info' } }],
    });
    const opener = await createWorkflow({
      name: 'Opens a setup ticket',
      triggers: [{ type: 'stage_change', config: { toStage: 'ticketing' } }],
      steps: [{ type: 'create_ticket', config: { title: 'Set up', priority: 'low', category: 'setup' } }],
    });
    const client = await createClient('Tess Ticket');
    // Matching the stage change loads the agency's workflows into the engine's index, which the step then reads from memory.
    const verdicts = await stack.waitForEventProcessed(await moveStage(client.id, 'ticketing'));
    const runId = verdicts.find((verdict) => verdict.workflowId === opener.id && verdict.outcome === 'started')?.runId;
    await stack.waitForRun(runId!, ['completed']);
    const [emitted] = await stack.api.dataSource.query(
      `SELECT id, processed_at, processing FROM events WHERE client_id = $1 AND type = 'ticket.created'`,
      [client.id],
    );
    expect(emitted.processed_at).not.toBeNull();
    expect(emitted.processing).toEqual([
      expect.objectContaining({
        workflowId: listener.id,
        outcome: 'not_fired',
        reason: 'ticket category is setup, not billing',
      }),
    ]);
    expect(await stack.engine.queues.events.getJob(`event-${emitted.id}`)).toBeUndefined();
  });
});
