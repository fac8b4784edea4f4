import { DataSource } from 'typeorm';
import { DEFAULT_PIPELINE_STAGES } from '@automations/domain';
import { EngineWorker } from '@automations/engine';
import { buildDataSourceOptions, RunStepEntity, WorkflowRunEntity } from '@automations/persistence';
import { eventually } from '@automations/testing';
import { bearer, startTestApi, TestAgency, TestApi } from '../../../api/test/support/test-api';

export interface TestStack {
  api: TestApi;
  engine: EngineWorker;
  /** The worker's own connection pool, as in a separate process. */
  workerDataSource: DataSource;
  /** application_name of the worker's connections (to kill them in fault-injection tests). */
  workerApplicationName: string;
  /** An agency whose pipeline stages are the defaults plus ENGINE_TEST_STAGES. */
  createAgency(name?: string): Promise<TestAgency>;
  /** Waits until the run reaches one of `statuses` and returns it. */
  waitForRun(runId: string, statuses: string[], timeoutMs?: number): Promise<WorkflowRunEntity>;
  /** Waits for the processing record of an event and returns the run ids it started. */
  waitForEventProcessed(
    eventId: string,
    timeoutMs?: number,
  ): Promise<{ workflowId: string; outcome: string; runId?: string; reason?: string }[]>;
  steps(runId: string): Promise<RunStepEntity[]>;
  stopEngine(): Promise<void>;
  startEngine(): Promise<EngineWorker>;
  close(): Promise<void>;
}

/**
 * Stages the engine suites move clients into besides the defaults: each suite (often each test) uses its own
 * stage names so that its workflows never fire for another test's clients. The API accepts only an agency's
 * pipeline stages (PRODUCT §8.7), so the stack's agencies start with these (for tests that call the API
 * directly); the engine fixtures add any other stage they are given (`engineFixtures(...).allowStages`).
 */
export const ENGINE_TEST_STAGES = [
  ...[
    'approve-me',
    'approve-ok',
    'db-lost',
    'del-pending',
    'delay-off',
    'delay-on',
    'fail-mid',
    'long',
    'perm-check',
    'snap',
  ],
  ...['needs-ticket', 'trial', 'churn_risk', 'ticketing', 'x', 'sealed', 'ping', 'pong'],
  ...['draft', 'expire', 'flaky', 'guard', 'mail', 'perm', 'slack', 'tpl'],
  ...['flush', 'kill', 'race', 'sigterm', 'terminal'],
  ...['inact-lead', 'inact-vip', 'gated', 'later', 'ticked', 'review', 'won'],
  ...['dia-c', 'diamond', 'qc', 'qd', 'qe', 'qf', 'wa', 'wb'],
  ...['sched-active', 'sched-bullmq', 'sched-lead', 'sched-partner-lead', 'sched-twice', 'sched-vip'],
];

/** The real API plus the real engine (BullMQ consumers, reconciler) in this process, on one test database and queue prefix. */
export async function startTestStack(env: Record<string, string> = {}): Promise<TestStack> {
  const api = await startTestApi({ RETRY_BACKOFF_MS: '100', ...env });
  const workerApplicationName = `automations-worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const workerDataSource = new DataSource({
    ...buildDataSourceOptions({ url: api.config.databaseUrl, poolSize: 10, applicationName: workerApplicationName }),
    logging: false,
  });
  await workerDataSource.initialize();
  let engine = new EngineWorker(api.config, workerDataSource, {
    maintenanceIntervalMs: 300,
    leaseMs: 5000,
    healthIntervalMs: 0,
  });
  await engine.start();
  let running = true;

  const stack: TestStack = {
    api,
    get engine() {
      return engine;
    },
    workerDataSource,
    workerApplicationName,
    createAgency: (name) =>
      api.createAgency(name, { pipelineStages: [...DEFAULT_PIPELINE_STAGES, ...ENGINE_TEST_STAGES] }),
    waitForRun: (runId, statuses, timeoutMs = 30_000) =>
      eventually(
        async () => {
          const run = await api.dataSource.getRepository(WorkflowRunEntity).findOne({ where: { id: runId } });
          return run && statuses.includes(run.status) ? run : undefined;
        },
        { timeoutMs, what: `run ${runId} to reach ${statuses.join('/')}` },
      ),
    waitForEventProcessed: (eventId, timeoutMs = 30_000) =>
      eventually(
        async () => {
          const [row] = await api.dataSource.query(
            `SELECT processing FROM events WHERE id = $1 AND processed_at IS NOT NULL`,
            [eventId],
          );
          return row?.processing;
        },
        { timeoutMs, what: `event ${eventId} to be processed` },
      ),
    steps: (runId) =>
      api.dataSource.getRepository(RunStepEntity).find({ where: { runId }, order: { createdAt: 'ASC' } }),
    async stopEngine() {
      if (running) await engine.stop();
      running = false;
    },
    async startEngine() {
      engine = new EngineWorker(api.config, workerDataSource, {
        maintenanceIntervalMs: 300,
        leaseMs: 5000,
        healthIntervalMs: 0,
      });
      await engine.start();
      running = true;
      return engine;
    },
    async close() {
      await stack.stopEngine();
      await workerDataSource.destroy();
      await api.close();
    },
  };
  return stack;
}

export { bearer };
