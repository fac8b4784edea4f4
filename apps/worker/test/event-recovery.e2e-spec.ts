import { Queue, Worker } from 'bullmq';
import { bullConnectionOptions, QueueName } from '@automations/engine';
import { WorkflowRunEntity } from '@automations/persistence';
import { eventually } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';
import { startTestStack, TestStack } from './support/test-stack';

/**
 * An event whose match job failed all its attempts (say, a database outage longer than its backoff)
 * still gets its verdict: the reconciler sees it unprocessed in Postgres and enqueues it again,
 * although BullMQ keeps the failed job under the event's job id.
 */
describe('event recovery after a failed match job', () => {
  let stack: TestStack;
  let agency: TestAgency;
  let f: ReturnType<typeof engineFixtures>;

  beforeAll(async () => {
    stack = await startTestStack();
    agency = await stack.createAgency('Recovery Agency');
    f = engineFixtures(stack, agency);
  });
  afterAll(() => stack.close());

  it('matches the event once the engine is back, and starts its run exactly once', async () => {
    const workflow = await f.createWorkflow({
      name: 'Onboarding alert',
      triggers: [stageTrigger('onboarding')],
      steps: [alertStep('a')],
    });
    const client = await f.createClient('Recovered Client', { stage: 'lead' });
    await stack.stopEngine();

    const { config } = stack.api;
    const connection = bullConnectionOptions(config.redisUrl);
    const queue = new Queue(QueueName.Events, { connection, prefix: config.queuePrefix });
    const eventId = await f.postEvent({
      type: 'client.stage_changed',
      clientId: client.id,
      data: { fromStage: 'lead', toStage: 'onboarding' },
    });
    const jobId = `event-${eventId}`;

    // The job's last attempt fails, as when every attempt met a database that refused connections.
    await queue.remove(jobId);
    await queue.add('match', { eventId }, { jobId, attempts: 1, removeOnFail: { count: 5000 } });
    const failing = new Worker(
      QueueName.Events,
      async () => {
        throw new Error('database is not currently accepting connections');
      },
      { connection, prefix: config.queuePrefix },
    );
    failing.on('error', () => undefined);
    await eventually(async () => ((await queue.getJobState(jobId)) === 'failed' ? true : undefined), {
      what: 'the match job to fail',
    });
    await failing.close();

    await stack.startEngine();
    const verdicts = await stack.waitForEventProcessed(eventId, 30_000);
    expect(verdicts.find((verdict) => verdict.workflowId === workflow.id)).toMatchObject({ outcome: 'started' });
    const runs = await stack.api.dataSource
      .getRepository(WorkflowRunEntity)
      .find({ where: { workflowId: workflow.id, clientId: client.id } });
    expect(runs).toHaveLength(1);
    await stack.waitForRun(runs[0].id, ['completed']);
    await queue.close();
  });
});
