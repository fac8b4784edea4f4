import { DataSource } from 'typeorm';
import { EngineWorker } from '@automations/engine';
import { buildDataSourceOptions } from '@automations/persistence';
import { startTestStack, TestStack } from './support/test-stack';
import { alertStep, engineFixtures, stageTrigger } from './support/engine-fixtures';

/**
 * A job must never ask for a second pooled connection while it holds one: with many jobs in flight
 * that starves the pool (each waits for a connection the others hold). With a pool of one connection
 * any such nesting hangs, so an engine on one connection is the sharpest check there is.
 */
describe('engine on a one-connection pool', () => {
  let stack: TestStack;
  let singleConnection: DataSource;
  let engine: EngineWorker;

  beforeAll(async () => {
    stack = await startTestStack();
    await stack.stopEngine();
    singleConnection = new DataSource({
      ...buildDataSourceOptions({ url: stack.api.config.databaseUrl, poolSize: 1 }),
      logging: false,
    });
    await singleConnection.initialize();
  });
  afterAll(async () => {
    await engine?.stop();
    await singleConnection.destroy();
    await stack.close();
  });

  it('matches events with a cold workflow index and completes every run', async () => {
    const agency = await stack.createAgency('One Connection Agency');
    const fixtures = engineFixtures(stack, agency);
    const workflow = await fixtures.createWorkflow({
      name: 'Pool check',
      triggers: [stageTrigger('onboarding')],
      steps: [
        alertStep('first'),
        {
          id: 'task',
          type: 'create_task',
          config: { title: 'Kickoff {{client.name}}', priority: 'low', dueInDays: 1 },
        },
      ],
    });
    const clients = await Promise.all(
      ['Ada', 'Bo', 'Cy', 'Di', 'Ed', 'Flo'].map((name) => fixtures.createClient(name)),
    );
    // Posted while no engine runs: they wait in the queue, so the engine starts on a backlog with nothing cached.
    const eventIds = await Promise.all(clients.map((client) => fixtures.moveStage(client.id, 'onboarding')));

    engine = new EngineWorker(stack.api.config, singleConnection, {
      maintenanceIntervalMs: 300,
      leaseMs: 5000,
      healthIntervalMs: 0,
    });
    await engine.start();

    const runIds = await Promise.all(eventIds.map((eventId) => fixtures.startedRun(eventId, workflow.id)));
    const runs = await Promise.all(runIds.map((runId) => stack.waitForRun(runId, ['completed', 'failed'])));
    expect(runs.map((run) => run.status)).toEqual(runs.map(() => 'completed'));
    const [{ tasks }] = await stack.api.dataSource.query(
      `SELECT count(*)::int AS tasks FROM tasks WHERE workflow_id = $1`,
      [workflow.id],
    );
    expect(tasks).toBe(clients.length);
  });
});
