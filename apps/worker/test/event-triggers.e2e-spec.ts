import { EventEntity, WorkflowRunEntity } from '@automations/persistence';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { startTestStack, TestStack } from './support/test-stack';

/** Each event-fired trigger type fires when it should and not otherwise. */
describe('event triggers', () => {
  let stack: TestStack;
  let agency: TestAgency;
  let f: ReturnType<typeof engineFixtures>;

  beforeAll(async () => {
    stack = await startTestStack({ DEDUPE_WINDOW_SECONDS: '0' });
    agency = await stack.createAgency('Trigger Agency');
    f = engineFixtures(stack, agency);
  });
  afterAll(() => stack.close());

  const verdictOf = async (eventId: string, workflowId: string) =>
    (await stack.waitForEventProcessed(eventId)).find((v) => v.workflowId === workflowId);

  it('stage_change honours toStage and fromStage', async () => {
    const workflow = await f.createWorkflow({
      name: 'From trial to active',
      triggers: [{ type: 'stage_change', config: { fromStage: 'trial', toStage: 'active' } }],
      steps: [alertStep('a')],
    });
    const client = await f.createClient('Stage Client', { stage: 'lead' });
    expect(await verdictOf(await f.moveStage(client.id, 'active'), workflow.id)).toMatchObject({
      outcome: 'not_fired',
      reason: 'client came from "lead", not "trial"',
    });
    await f.moveStage(client.id, 'trial');
    expect(await verdictOf(await f.moveStage(client.id, 'active'), workflow.id)).toMatchObject({ outcome: 'started' });
  });

  it('kpi_threshold fires when the value crosses into the condition, not while it stays beyond', async () => {
    const workflow = await f.createWorkflow({
      name: 'ROAS below 2',
      triggers: [{ type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } }],
      steps: [alertStep('roas', 'ROAS {{metrics.roas}} for {{client.name}}')],
    });
    const client = await f.createClient('KPI Client');
    const outcomes: string[] = [];
    for (const value of [3, 1.5, 1.2, 2.5, 1.0])
      outcomes.push((await verdictOf(await f.postMetric(client.id, 'roas', value), workflow.id))!.outcome);
    expect(outcomes).toEqual(['not_fired', 'started', 'not_fired', 'not_fired', 'started']);
    const firstValue = await f.postMetric((await f.createClient('First value below')).id, 'roas', 0.5);
    expect(await verdictOf(firstValue, workflow.id)).toMatchObject({ outcome: 'started' });
  });

  it('AND: the partner’s state form must hold when the trigger fires', async () => {
    const workflow = await f.createWorkflow({
      name: 'Onboarding and ROAS below 2',
      triggers: [
        stageTrigger('onboarding'),
        { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
      ],
      steps: [alertStep('both')],
    });
    const noMetric = await f.createClient('No metric');
    expect(await verdictOf(await f.moveStage(noMetric.id, 'onboarding'), workflow.id)).toMatchObject({
      outcome: 'not_fired',
      reason: 'partner kpi_threshold: no roas recorded',
    });
    const good = await f.createClient('Good ROAS');
    await f.postMetric(good.id, 'roas', 4);
    expect(await verdictOf(await f.moveStage(good.id, 'onboarding'), workflow.id)).toMatchObject({
      outcome: 'not_fired',
      reason: 'partner kpi_threshold: roas is 4, not below 2',
    });
    const poor = await f.createClient('Poor ROAS');
    await f.postMetric(poor.id, 'roas', 1.1);
    const started = await verdictOf(await f.moveStage(poor.id, 'onboarding'), workflow.id);
    expect(started).toMatchObject({ outcome: 'started' });
    // The other way round: the metric crossing fires, the stage is the partner.
    const later = await f.createClient('Stage first');
    await f.moveStage(later.id, 'onboarding');
    expect(await verdictOf(await f.postMetric(later.id, 'roas', 1.9), workflow.id)).toMatchObject({
      outcome: 'started',
    });
  });

  it('AND: a stage change an integrator reports is the stage the partner’s state form reads', async () => {
    const workflow = await f.createWorkflow({
      name: 'Reported onboarding and ROAS below 2',
      triggers: [
        { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
        stageTrigger('onboarding'),
      ],
      steps: [alertStep('reported')],
    });
    const client = await f.createClient('Reported stage', { stage: 'lead' });
    const reported = await f.postEvent({
      type: 'client.stage_changed',
      clientId: client.id,
      data: { fromStage: 'lead', toStage: 'onboarding' },
    });
    expect(await verdictOf(reported, workflow.id)).toMatchObject({
      outcome: 'not_fired',
      reason: 'partner kpi_threshold: no roas recorded',
    });
    expect(await verdictOf(await f.postMetric(client.id, 'roas', 1.4), workflow.id)).toMatchObject({
      outcome: 'started',
    });
  });

  it('new_message matches platform and text, case-insensitively', async () => {
    const workflow = await f.createWorkflow({
      name: 'Urgent Slack',
      triggers: [{ type: 'new_message', config: { platform: 'slack', contains: 'URGENT' } }],
      steps: [alertStep('m')],
    });
    const client = await f.createClient('Message Client');
    const post = (platform: string, body: string) =>
      f.postEvent({ type: 'message.received', clientId: client.id, data: { platform, from: 'c@x.test', body } });
    expect((await verdictOf(await post('gmail', 'this is urgent'), workflow.id))!.outcome).toBe('not_fired');
    expect((await verdictOf(await post('slack', 'all good'), workflow.id))!.outcome).toBe('not_fired');
    expect((await verdictOf(await post('slack', 'This is Urgent!'), workflow.id))!.outcome).toBe('started');
  });

  it('ticket_created fires on tickets from the API and from actions, with causation on the emitted event', async () => {
    const watcher = await f.createWorkflow({
      name: 'High tickets',
      triggers: [{ type: 'ticket_created', config: { priority: 'high' } }],
      steps: [alertStep('t')],
    });
    const opener = await f.createWorkflow({
      name: 'Opens a ticket',
      triggers: [stageTrigger('needs-ticket')],
      steps: [
        {
          id: 'open',
          type: 'create_ticket',
          config: { title: 'Check {{client.name}}', priority: 'high', category: 'ops' },
        },
      ],
    });
    const client = await f.createClient('Ticket Client');
    const low = await f.postEvent({
      type: 'ticket.created',
      clientId: client.id,
      data: { category: 'ops', priority: 'low' },
    });
    expect((await verdictOf(low, watcher.id))!.outcome).toBe('not_fired');

    const stageEvent = await f.moveStage(client.id, 'needs-ticket');
    const openerRun = await stack.waitForRun(await f.startedRun(stageEvent, opener.id), ['completed']);
    const emitted = await stack.api.dataSource
      .getRepository(EventEntity)
      .findOneByOrFail({ clientId: client.id, type: 'ticket.created', source: 'action' });
    expect(emitted.causation).toEqual({
      rootEventId: stageEvent,
      chain: [{ workflowId: opener.id, clientId: client.id }],
      depth: 1,
    });
    const watcherRunId = await f.startedRun(emitted.id, watcher.id);
    const watcherRun = await stack.waitForRun(watcherRunId, ['completed']);
    expect((watcherRun.triggerEvent as { causation: unknown }).causation).toEqual(emitted.causation);
    expect(openerRun.status).toBe('completed');
  });

  it('update_client emits client.stage_changed only on a real change', async () => {
    const mover = await f.createWorkflow({
      name: 'Moves to active',
      triggers: [{ type: 'new_message', config: { platform: 'any', contains: 'signed' } }],
      steps: [{ id: 'move', type: 'update_client', config: { stage: 'active' } }],
    });
    const already = await f.createClient('Already active', { stage: 'active' });
    const moving = await f.createClient('Moving client', { stage: 'trial' });
    for (const client of [already, moving]) {
      const eventId = await f.postEvent({
        type: 'message.received',
        clientId: client.id,
        data: { platform: 'gmail', from: 'c@x.test', body: 'contract signed' },
      });
      await stack.waitForRun(await f.startedRun(eventId, mover.id), ['completed']);
    }
    const emitted = (clientId: string) =>
      stack.api.dataSource
        .getRepository(EventEntity)
        .count({ where: { clientId, type: 'client.stage_changed', source: 'action' } });
    expect(await emitted(already.id)).toBe(0);
    expect(await emitted(moving.id)).toBe(1);
    const run = await stack.api.dataSource
      .getRepository(WorkflowRunEntity)
      .findOneByOrFail({ workflowId: mover.id, clientId: already.id });
    expect((await stack.steps(run.id))[0].output).toEqual({ changed: false });
  });
});
