import type { AddressInfo } from 'node:net';
import { WorkflowRunEntity } from '@automations/persistence';
import { eventually } from '@automations/testing';
import { LiveStreamRegistry } from '../../api/src/modules/stream/live-stream-registry';
import { StreamSettings } from '../../api/src/modules/stream/stream.settings';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { SseClient } from './support/sse-client';
import { bearer, startTestStack, TestStack } from './support/test-stack';

type RunChanged = { runId: string; workflowId: string; clientId: string; status: string };
type ApprovalChanged = { approvalId: string; runId: string; status: string };

describe('live stream: GET /api/v1/stream relays run and approval changes per agency (SSE)', () => {
  let stack: TestStack;
  let alpha: TestAgency;
  let beta: TestAgency;
  let baseUrl: string;
  let stackClosed = false;
  const open: SseClient[] = [];

  const connect = async (token: string | null) => {
    const client = await SseClient.open(`${baseUrl}/api/v1/stream`, token ? bearer(token) : {});
    open.push(client);
    return client;
  };
  const runStatuses = (client: SseClient, runId: string) =>
    client
      .events<RunChanged>('run.changed')
      .filter((e) => e.data.runId === runId)
      .map((e) => e.data.status);

  beforeAll(async () => {
    stack = await startTestStack();
    stack.api.app.get(StreamSettings).pingIntervalMs = 200;
    await stack.api.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(stack.api.app.getHttpServer().address() as AddressInfo).port}`;
    alpha = await stack.createAgency('Alpha Live');
    beta = await stack.createAgency('Beta Live');
  });
  afterAll(async () => {
    for (const client of open) client.close();
    if (!stackClosed) await stack.close();
  });

  it('refuses a caller without valid credentials (401, no stream)', async () => {
    const anonymous = await connect(null);
    expect(anonymous.response.status).toBe(401);
    expect(await anonymous.response.json()).toMatchObject({ statusCode: 401 });
    const forged = await connect('ak_0000000000000000_not-a-real-secret-not-a-real-secret-xxxxxxx');
    expect(forged.response.status).toBe(401);
  });

  it('opens for any role with SSE headers, says connected, then pings', async () => {
    const viewer = await connect(alpha.tokens.viewer);
    expect(viewer.response.status).toBe(200);
    expect(viewer.response.headers.get('content-type')).toBe('text/event-stream');
    expect(viewer.response.headers.get('cache-control')).toBe('no-cache');
    expect(viewer.response.headers.get('x-accel-buffering')).toBe('no');
    await viewer.waitFor((c) => c.comments().filter((text) => text === 'ping').length >= 2, 'two pings');
    expect(viewer.comments()[0]).toBe('connected');
    viewer.close();
  });

  it('streams a run through its approval to completion, in order, to its own agency only', async () => {
    const alphaStream = await connect(alpha.tokens.viewer);
    const betaStream = await connect(beta.apiKey);
    await alphaStream.waitFor((c) => c.comments().includes('connected'), 'alpha connected');
    await betaStream.waitFor((c) => c.comments().includes('connected'), 'beta connected');

    const a = engineFixtures(stack, alpha);
    const client = await a.createClient('Ada Live');
    const workflow = await a.createWorkflow({
      name: 'Approve the welcome',
      triggers: [stageTrigger('onboarding')],
      steps: [alertStep('first'), { ...alertStep('welcome'), requiresApproval: true }],
    });
    const runId = await a.startedRun(
      await a.postEvent({
        type: 'client.stage_changed',
        clientId: client.id,
        data: { fromStage: 'lead', toStage: 'onboarding' },
      }),
      workflow.id,
    );

    const pending = await alphaStream.waitFor(
      (c) =>
        c
          .events<ApprovalChanged>('approval.changed')
          .find((e) => e.data.runId === runId && e.data.status === 'pending'),
      'approval pending',
    );
    expect(runStatuses(alphaStream, runId)).toEqual(['queued', 'running', 'awaiting_approval']);
    expect(alphaStream.events<RunChanged>('run.changed').find((e) => e.data.runId === runId)!.data).toEqual({
      runId,
      workflowId: workflow.id,
      clientId: client.id,
      status: 'queued',
    });
    const [approval] = (
      await stack.api
        .http()
        .get('/api/v1/workflows/approvals?status=pending')
        .set(bearer(alpha.tokens.viewer))
        .expect(200)
    ).body.items;
    expect(pending.data).toEqual({ approvalId: approval.id, runId, status: 'pending' });

    await stack.api.http().post(`/api/v1/workflows/runs/${runId}/approve`).set(bearer(alpha.tokens.admin)).expect(200);
    await alphaStream.waitFor(
      () => runStatuses(alphaStream, runId).includes('completed'),
      'run completed on the stream',
    );
    expect(runStatuses(alphaStream, runId)).toEqual([
      'queued',
      'running',
      'awaiting_approval',
      'queued',
      'running',
      'completed',
    ]);
    const ofRun = alphaStream.frames
      .filter((f) => f.event && JSON.parse(f.data!).runId === runId)
      .map((f) => `${f.event} ${JSON.parse(f.data!).status}`);
    expect(ofRun.slice(ofRun.indexOf('approval.changed pending'))).toEqual([
      'approval.changed pending',
      'approval.changed approved',
      'run.changed queued',
      'run.changed running',
      'run.changed completed',
    ]);
    expect((await stack.waitForRun(runId, ['completed'])).status).toBe('completed');

    // Beta's stream is alive (it pings after alpha's run ended) and saw nothing of alpha's.
    const framesAtEnd = betaStream.frames.length;
    await betaStream.waitFor(
      (c) => c.frames.slice(framesAtEnd).some((f) => f.comment === 'ping'),
      'a ping on beta after alpha finished',
    );
    expect(betaStream.events()).toEqual([]);

    // And beta gets its own runs; alpha none of them.
    const b = engineFixtures(stack, beta);
    const betaClient = await b.createClient('Bea Live');
    const betaWorkflow = await b.createWorkflow({
      name: 'Beta alert',
      triggers: [stageTrigger('onboarding')],
      steps: [alertStep('only')],
    });
    const betaRun = await b.startedRun(
      await b.postEvent({
        type: 'client.stage_changed',
        clientId: betaClient.id,
        data: { fromStage: 'lead', toStage: 'onboarding' },
      }),
      betaWorkflow.id,
    );
    await betaStream.waitFor(
      () => runStatuses(betaStream, betaRun).includes('completed'),
      'beta run completed on beta stream',
    );
    expect(runStatuses(betaStream, betaRun)).toEqual(['queued', 'running', 'completed']);
    expect(betaStream.events().every((e) => (e.data as { runId: string }).runId === betaRun)).toBe(true);
    const alphaFramesAtEnd = alphaStream.frames.length;
    await alphaStream.waitFor(
      (c) => c.frames.slice(alphaFramesAtEnd).some((f) => f.comment === 'ping'),
      'a ping on alpha after beta finished',
    );
    expect(alphaStream.events().some((e) => (e.data as { runId: string }).runId === betaRun)).toBe(false);
  });

  it('announces a rejection: approval rejected, run rejected', async () => {
    const stream = await connect(alpha.tokens.manager);
    await stream.waitFor((c) => c.comments().includes('connected'), 'connected');
    const a = engineFixtures(stack, alpha);
    const client = await a.createClient('Rex Reject');
    const workflow = await a.createWorkflow({
      name: 'Reject me',
      triggers: [stageTrigger('active')],
      steps: [{ ...alertStep('gated'), requiresApproval: true }],
    });
    const runId = await a.startedRun(
      await a.postEvent({
        type: 'client.stage_changed',
        clientId: client.id,
        data: { fromStage: 'lead', toStage: 'active' },
      }),
      workflow.id,
    );
    await stream.waitFor(() => runStatuses(stream, runId).includes('awaiting_approval'), 'awaiting approval');
    await stack.api
      .http()
      .post(`/api/v1/workflows/runs/${runId}/reject`)
      .set(bearer(alpha.tokens.admin))
      .send({ reason: 'not now' })
      .expect(200);
    await stream.waitFor(() => runStatuses(stream, runId).includes('rejected'), 'run rejected on the stream');
    const approvalStatuses = stream
      .events<ApprovalChanged>('approval.changed')
      .filter((e) => e.data.runId === runId)
      .map((e) => e.data.status);
    expect(approvalStatuses).toEqual(['pending', 'rejected']);
    expect(runStatuses(stream, runId)).toEqual(['queued', 'running', 'awaiting_approval', 'rejected']);
  });

  it('announces runs cancelled by disabling or deleting their workflow: run cancelled, approval rejected', async () => {
    const stream = await connect(alpha.tokens.viewer);
    await stream.waitFor((c) => c.comments().includes('connected'), 'connected');
    const a = engineFixtures(stack, alpha);
    const approvalStatuses = (runId: string) =>
      stream
        .events<ApprovalChanged>('approval.changed')
        .filter((e) => e.data.runId === runId)
        .map((e) => e.data.status);

    // Parked on an approval, then the workflow is disabled.
    const gated = await a.createWorkflow({
      name: 'Disabled while gated',
      triggers: [stageTrigger('gated')],
      steps: [{ ...alertStep('gated'), requiresApproval: true }],
    });
    const gatedClient = await a.createClient('Gus Gated');
    const gatedRun = await a.startedRun(await a.moveStage(gatedClient.id, 'gated'), gated.id);
    await stream.waitFor(() => approvalStatuses(gatedRun).includes('pending'), 'approval pending');
    await stack.api
      .http()
      .patch(`/api/v1/workflows/${gated.id}/toggle`)
      .set(bearer(alpha.tokens.admin))
      .send({ isActive: false })
      .expect(200);
    await stream.waitFor(
      () => runStatuses(stream, gatedRun).includes('cancelled'),
      'gated run cancelled on the stream',
    );
    expect(runStatuses(stream, gatedRun)).toEqual(['queued', 'running', 'awaiting_approval', 'cancelled']);
    expect(approvalStatuses(gatedRun)).toEqual(['pending', 'rejected']);
    expect(
      stream.events<RunChanged>('run.changed').find((e) => e.data.runId === gatedRun && e.data.status === 'cancelled')!
        .data,
    ).toEqual({
      runId: gatedRun,
      workflowId: gated.id,
      clientId: gatedClient.id,
      status: 'cancelled',
    });
    const ofGated = stream.frames
      .filter((f) => f.event && JSON.parse(f.data!).runId === gatedRun)
      .map((f) => `${f.event} ${JSON.parse(f.data!).status}`);
    expect(ofGated.slice(-2)).toEqual(['approval.changed rejected', 'run.changed cancelled']);

    // Parked on a delay, then the workflow is deleted.
    const delayed = await a.createWorkflow({
      name: 'Deleted while waiting',
      triggers: [stageTrigger('later')],
      steps: [{ ...alertStep('later'), delayMinutes: 60 }],
    });
    const delayedClient = await a.createClient('Wanda Waiting');
    const delayedRun = await a.startedRun(await a.moveStage(delayedClient.id, 'later'), delayed.id);
    await stream.waitFor(() => runStatuses(stream, delayedRun).includes('waiting'), 'run waiting');
    await stack.api.http().delete(`/api/v1/workflows/${delayed.id}`).set(bearer(alpha.tokens.admin)).expect(204);
    await stream.waitFor(
      () => runStatuses(stream, delayedRun).includes('cancelled'),
      'waiting run cancelled on the stream',
    );
    expect(runStatuses(stream, delayedRun)).toEqual(['queued', 'running', 'waiting', 'cancelled']);
    expect(approvalStatuses(delayedRun)).toEqual([]);
    expect(await stack.waitForRun(delayedRun, ['cancelled'])).toMatchObject({ reason: 'workflow deleted' });
  });

  it('announces the runs of a scheduled tick and of an inactivity scan from queued on', async () => {
    const stream = await connect(alpha.tokens.viewer);
    await stream.waitFor((c) => c.comments().includes('connected'), 'connected');
    const a = engineFixtures(stack, alpha);
    const runOf = async (workflowId: string) =>
      (await stack.api.dataSource.getRepository(WorkflowRunEntity).findOne({ where: { workflowId } })) ?? undefined;

    // A tick job on the engine's schedules queue, as its job scheduler would add it (the cron itself never comes round here).
    const scheduled = await a.createWorkflow({
      name: 'Ticked',
      triggers: [
        { type: 'scheduled', config: { cron: '0 3 29 2 *', timezone: 'UTC', clientFilter: { stages: ['ticked'] } } },
      ],
      steps: [alertStep('tick')],
    });
    const tickedClient = await a.createClient('Tia Ticked', { stage: 'ticked' });
    await stack.engine.schedules.add('tick', { workflowId: scheduled.id, agencyId: alpha.agencyId });
    const tickRun = await eventually(() => runOf(scheduled.id), { what: 'the run of the tick' });
    await stream.waitFor(
      () => runStatuses(stream, tickRun.id).includes('completed'),
      'tick run completed on the stream',
    );
    expect(runStatuses(stream, tickRun.id)).toEqual(['queued', 'running', 'completed']);
    expect(stream.events<RunChanged>('run.changed').find((e) => e.data.runId === tickRun.id)!.data).toEqual({
      runId: tickRun.id,
      workflowId: scheduled.id,
      clientId: tickedClient.id,
      status: 'queued',
    });

    // The engine's inactivity scan (its periodic one may be under way: call until the run exists).
    const idle = await a.createWorkflow({
      name: 'Gone quiet',
      triggers: [{ type: 'inactivity', config: { days: 7 } }],
      steps: [alertStep('nudge')],
    });
    const idleClient = await a.createClient('Ivo Idle', {
      lastActivityAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
    });
    const scanRun = await eventually(
      async () => {
        await stack.engine.scanInactivity();
        return runOf(idle.id);
      },
      { what: 'the run of the inactivity scan' },
    );
    await stream.waitFor(
      () => runStatuses(stream, scanRun.id).includes('completed'),
      'inactivity run completed on the stream',
    );
    expect(runStatuses(stream, scanRun.id)).toEqual(['queued', 'running', 'completed']);
    expect(scanRun.clientId).toBe(idleClient.id);
  });

  it('forgets a stream when its client disconnects', async () => {
    const registry = stack.api.app.get(LiveStreamRegistry);
    const before = registry.count(beta.agencyId);
    const stream = await connect(beta.tokens.viewer);
    await stream.waitFor((c) => c.comments().includes('connected'), 'connected');
    expect(registry.count(beta.agencyId)).toBe(before + 1);
    stream.close();
    await stream.waitFor(() => registry.count(beta.agencyId) === before, 'the registry to drop the stream');
  });

  it('ends open streams when the API shuts down, and app.close() does not hang on them', async () => {
    const streams = [await connect(alpha.tokens.admin), await connect(beta.tokens.admin)];
    for (const stream of streams) await stream.waitFor((c) => c.comments().includes('connected'), 'connected');
    stackClosed = true;
    await stack.close();
    for (const stream of streams) await stream.waitFor((c) => c.ended, 'the stream to end');
  });
});
