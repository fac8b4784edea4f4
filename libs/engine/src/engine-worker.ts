import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import { createLogger, emittedErrors, logEmittedErrors, RuntimeConfig, SecretBox } from '@automations/persistence';
import { ActionExecutorRegistry } from './actions/action-executor.registry';
import { AddAlertAction } from './actions/add-alert.action';
import { CreateTaskAction } from './actions/create-task.action';
import { CreateTicketAction } from './actions/create-ticket.action';
import { DraftCommunicationAction } from './actions/draft-communication.action';
import { SendNotificationAction } from './actions/send-notification.action';
import { UpdateClientAction } from './actions/update-client.action';
import { IntegrationSettingsLoader } from './context/integration-settings.loader';
import { LiveRunChangeListener } from './live/live-run-change-listener';
import { LiveUpdatePublisher } from './live/live-update-publisher';
import { MatchedRunAnnouncer } from './live/matched-run-announcer';
import { EmailSender } from './integrations/email-sender';
import { SlackNotifier } from './integrations/slack-notifier';
import { Reconciler } from './maintenance/reconciler';
import { EventBatchMatcher } from './matching/event-batch-matcher';
import { EventMatcher, type EventMatcherOptions } from './matching/event-matcher';
import { EventMatchProcessor } from './matching/event-match-processor';
import { WorkflowIndex, workflowChangesChannel } from './matching/workflow-index';
import { EngineQueues, type EventJobData, type RunJobData } from './queues/engine-queues';
import { QueueName } from './queue-names';
import { bullConnectionOptions } from './redis-connection';
import { RunControl } from './runs/run-control.service';
import { RunExecutor } from './runs/run-executor';
import { HealthMonitor } from './maintenance/health-monitor';
import { type AgencyRunQuota, createAgencyRunQuota } from './quotas/agency-run-quota';
import { RetentionPurge, scheduleRetentionPurge, type RetentionSchedule } from './maintenance/retention-purge';
import { ApprovalNotifier } from './runs/approval-notifier';
import { InactivityScanner } from './maintenance/inactivity-scanner';
import { createSchedulesQueue, ScheduleSync, type ScheduleTickJobData } from './schedules/schedule-sync';
import { scheduleTickProcessor, ScheduledTickRunner } from './schedules/scheduled-tick.runner';
import { TriggerBatchError } from './schedules/trigger-batch.error';
import type { Queue } from 'bullmq';

export interface EngineWorkerOptions {
  /** Period of the reconciler and the approval-expiry sweep. */
  maintenanceIntervalMs?: number;
  leaseMs?: number;
  chunkSize?: number;
  /** Quota window (default 60 000 ms); tests shorten it. Whole seconds. */
  quotaWindowMs?: number;
  /** Period of the health monitor; 0 disables it. Default 60 s. */
  healthIntervalMs?: number;
}

/**
 * The worker process's engine: BullMQ consumers for events and runs, the reconciler and the
 * approval-expiry sweep. Framework-free so tests run it in-process against real Redis and Postgres.
 */
export class EngineWorker {
  readonly queues: EngineQueues;
  readonly index: WorkflowIndex;
  readonly matcher: EventMatcher;
  readonly executor: RunExecutor;
  readonly reconciler: Reconciler;
  readonly control: RunControl;
  readonly schedules: Queue<ScheduleTickJobData>;
  readonly scheduleSync: ScheduleSync;
  readonly ticks: ScheduledTickRunner;
  readonly inactivity: InactivityScanner;
  readonly quota: AgencyRunQuota;
  readonly health: HealthMonitor;
  readonly retention: RetentionPurge;
  /** Run and approval changes for the API's live stream (Redis pub/sub, best effort). */
  readonly live: LiveUpdatePublisher;
  private readonly matchedRuns: MatchedRunAnnouncer;
  private readonly matcherOptions: EventMatcherOptions;
  private retentionSchedule: RetentionSchedule | null = null;
  private workers: Worker[] = [];
  private syncTimer: NodeJS.Timeout | null = null;
  private scanTimer: NodeJS.Timeout | null = null;
  private scanning = false;
  private subscriber: Redis | null = null;
  private timer: NodeJS.Timeout | null = null;
  private maintenanceRunning = false;

  constructor(
    private readonly config: RuntimeConfig,
    private readonly dataSource: DataSource,
    private readonly options: EngineWorkerOptions = {},
  ) {
    this.queues = new EngineQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix });
    this.index = new WorkflowIndex(dataSource);
    this.matcherOptions = {
      dedupeWindowSeconds: config.dedupeWindowSeconds,
      loopMaxDepth: config.loopMaxDepth,
      loopMaxRunsPerHour: config.loopMaxRunsPerHour,
    };
    this.matcher = new EventMatcher(dataSource, this.index, this.matcherOptions);
    const secretBox = SecretBox.fromConfig(config);
    const integrations = new IntegrationSettingsLoader(dataSource, secretBox);
    const slack = new SlackNotifier({ slackApiUrl: config.slackApiUrl });
    const email = new EmailSender({ defaultSmtpUrl: config.smtpUrl, defaultFrom: config.emailFrom });
    this.health = new HealthMonitor(dataSource, { integrations, slack, email });
    const actions = new ActionExecutorRegistry([
      new CreateTaskAction(),
      new AddAlertAction(),
      new CreateTicketAction(),
      new UpdateClientAction(),
      new DraftCommunicationAction(integrations, {
        openaiApiKey: config.openaiApiKey,
        openaiBaseUrl: config.openaiBaseUrl,
        openaiModel: config.openaiModel,
      }),
      new SendNotificationAction(integrations, slack, email),
    ]);
    this.quota = createAgencyRunQuota({
      redisUrl: config.redisUrl,
      dataSource,
      prefix: config.queuePrefix,
      windowMs: options.quotaWindowMs,
    });
    this.retention = new RetentionPurge(dataSource, { retentionDays: config.runRetentionDays });
    this.live = new LiveUpdatePublisher({
      redisUrl: config.redisUrl,
      queuePrefix: config.queuePrefix,
      logger: createLogger({ service: 'worker' }).child({ context: 'LiveUpdates' }),
    });
    const runChanges = new LiveRunChangeListener(this.live);
    this.matchedRuns = new MatchedRunAnnouncer(dataSource, runChanges);
    // Pending approvals (executor) and expired ones (RunControl's sweep) reach the admins on Slack and by email.
    const approvals = new ApprovalNotifier(dataSource, integrations, slack, email);
    this.executor = new RunExecutor({
      dataSource,
      queues: this.queues,
      actions,
      options: {
        workerId: `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
        leaseMs: options.leaseMs ?? config.runLeaseSeconds * 1000,
        chunkSize: options.chunkSize ?? 25,
        leaseBatch: this.config.workerConcurrency,
        maxAttempts: config.actionMaxAttempts,
        retryBackoffMs: config.retryBackoffMs,
        approvalTimeoutMinutes: config.approvalTimeoutMinutes,
        secretBox,
      },
      admission: this.quota,
      approvalNotifier: approvals,
      changes: runChanges,
      emittedEvents: this.matcher,
    });
    this.reconciler = new Reconciler(dataSource, this.queues);
    this.control = new RunControl(dataSource, this.queues, runChanges, approvals);
    this.schedules = createSchedulesQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix });
    this.scheduleSync = new ScheduleSync(this.schedules);
    this.ticks = new ScheduledTickRunner(dataSource, { dedupeWindowSeconds: config.dedupeWindowSeconds });
    this.inactivity = new InactivityScanner(dataSource, { dedupeWindowSeconds: config.dedupeWindowSeconds });
  }

  async start(): Promise<void> {
    const connection = bullConnectionOptions(this.config.redisUrl);
    const prefix = this.config.queuePrefix;
    this.subscriber = logEmittedErrors(
      new Redis(this.config.redisUrl, { maxRetriesPerRequest: null, connectionName: `${prefix}:workflow-changes` }),
      'redis:workflow-changes',
    );
    await this.subscriber.subscribe(workflowChangesChannel(prefix));
    this.subscriber.on('message', (_channel, agencyId: string) => this.index.invalidate(agencyId || undefined));

    const eventConcurrency = Math.max(1, Math.ceil(this.config.workerConcurrency / 2));
    // Each waiting job brings one event: a batch is at most what the consumer holds at once.
    const eventMatching = new EventMatchProcessor(
      new EventBatchMatcher(this.dataSource, this.index, this.matcher, this.matcherOptions),
      this.matchedRuns,
      this.queues,
      { maxBatch: eventConcurrency, maxWaitMs: 2 },
    );
    this.workers = [
      new Worker<EventJobData>(
        QueueName.Events,
        async (job) => {
          await eventMatching.process(job.data.eventId);
        },
        { connection, prefix, concurrency: eventConcurrency },
      ),
      new Worker<RunJobData>(QueueName.Runs, (job) => this.executor.advance(job.data.runId), {
        connection,
        prefix,
        concurrency: this.config.workerConcurrency,
      }),
      new Worker<ScheduleTickJobData>(
        QueueName.Schedules,
        scheduleTickProcessor(this.ticks, (ids) => this.enqueueCreatedRuns(ids)),
        { connection, prefix, concurrency: 2 },
      ),
    ];
    // A worker emits `error` when Redis drops or a job's lock is lost: logged (rate-limited), never fatal.
    for (const worker of this.workers)
      worker.on('error', (error) => emittedErrors.report(`bullmq:worker:${worker.name}`, error));
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));

    const interval = this.options.maintenanceIntervalMs ?? 5000;
    this.timer = setInterval(() => void this.maintain(), interval);
    this.timer.unref();
    void this.maintain();
    // Job schedulers live in Redis: re-sync them from Postgres at start and every 5 minutes (survives a flush).
    const syncSchedules = () =>
      void this.scheduleSync
        .syncAll(this.dataSource)
        .catch((error: unknown) => emittedErrors.report('engine:schedule-sync', error));
    syncSchedules();
    this.syncTimer = setInterval(syncSchedules, 5 * 60_000);
    this.syncTimer.unref();
    this.scanTimer = setInterval(() => void this.scanInactivity(), this.config.inactivityScanSeconds * 1000);
    this.scanTimer.unref();
    this.retentionSchedule = scheduleRetentionPurge(this.retention);
    this.health.start(this.options.healthIntervalMs ?? 60_000);
  }

  /** One inactivity scan (one worker at a time across replicas); its runs are enqueued even when some clients failed. */
  async scanInactivity(): Promise<void> {
    if (this.scanning) return;
    this.scanning = true;
    try {
      await this.enqueueCreatedRuns(await this.inactivity.scan());
    } catch (error) {
      emittedErrors.report('engine:inactivity-scan', error);
      if (error instanceof TriggerBatchError)
        await this.enqueueCreatedRuns(error.runIds).catch((enqueueError: unknown) =>
          emittedErrors.report('engine:inactivity-scan', enqueueError),
        );
    } finally {
      this.scanning = false;
    }
  }

  /** Runs a tick or a scan created: announced (`queued`) before they are enqueued, so screens see them before `running`. */
  private async enqueueCreatedRuns(runIds: string[]): Promise<void> {
    await this.matchedRuns.announceQueued(runIds);
    await this.queues.enqueueRuns(runIds);
  }

  /** One reconciliation and expiry pass (also callable from tests). */
  async maintain(): Promise<void> {
    if (this.maintenanceRunning) return;
    this.maintenanceRunning = true;
    try {
      await this.control.expireDueApprovals();
      await this.reconciler.reconcile();
    } catch (error) {
      // Postgres or Redis unavailable: logged (rate-limited), and the next pass tries again.
      emittedErrors.report('engine:maintenance', error);
    } finally {
      this.maintenanceRunning = false;
    }
  }

  /** Graceful: in-flight jobs finish, nothing new starts. */
  async stop(): Promise<void> {
    this.retentionSchedule?.stop();
    for (const timer of [this.timer, this.syncTimer, this.scanTimer]) if (timer) clearInterval(timer);
    await this.health.stop();
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.control.notificationsSettled();
    await this.schedules.close();
    await this.quota.close();
    await this.subscriber?.quit().catch(() => undefined);
    await this.queues.close();
    await this.live.close();
  }
}
