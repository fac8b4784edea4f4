import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue, type JobType } from 'bullmq';
import { DataSource } from 'typeorm';
import { ACTION_TYPES, RUN_STATUSES } from '@automations/domain';
import { bullConnectionOptions, EngineQueues, HEALTH_RULES, QueueName } from '@automations/engine';
import { logEmittedErrors, rowsOf, type RuntimeConfig } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import type { ApiMetrics } from './api-metrics';

/** Job states reported per queue. */
export const QUEUE_JOB_STATES: JobType[] = [
  'waiting',
  'active',
  'delayed',
  'prioritized',
  'waiting-children',
  'failed',
  'completed',
];
/** `automations_runs` counts every run of the database: it is recomputed at most this often. */
export const RUNS_BY_STATUS_MAX_AGE_MS = 30_000;
/**
 * Steps are observed once Postgres has held their finish for this long, so a step whose
 * transaction commits a moment after its `finishedAt` is still seen (by the next scrape).
 */
export const STEP_OBSERVATION_LAG_MS = 2_000;
/** Most steps observed per scrape; a longer backlog is drained over the next scrapes. */
export const STEP_OBSERVATIONS_PER_SCRAPE = 20_000;

/** A source that does not answer in time (Redis or Postgres unreachable) must not hang the scrape. */
export const SOURCE_TIMEOUT_MS = 5_000;

function within(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work.catch(() => undefined), timeout]).finally(() => clearTimeout(timer));
}

/**
 * Fills ApiMetrics' engine figures at scrape time, in the API process (no worker endpoint to scrape):
 * - `automations_queue_jobs{queue,state}`: BullMQ `getJobCounts` of every queue (EngineQueues' own
 *   events and runs queues, and a read-only handle on the schedules queue);
 * - `automations_runs{status}`: one grouped count over all runs (an index-only scan), cached for
 *   RUNS_BY_STATUS_MAX_AGE_MS because its cost grows with history;
 * - `automations_approvals_pending` and the oldest one's age; `automations_health_alerts_open{rule}`;
 * - `automations_step_duration_seconds{type,status}`: a real histogram, fed with the action steps
 *   that finished since the previous scrape (a keyset over `finished_at` per agency, on the
 *   analytics index). It starts empty when the process starts. Every API replica observes every
 *   step: aggregate replicas with max(), not sum(), or scrape one replica.
 * Concurrent scrapes share one collection. A source that fails (Redis, Postgres down) leaves its
 * series at their last values; the others are still refreshed.
 */
@Injectable()
export class OpsMetricsCollector implements OnApplicationShutdown {
  private readonly otherQueues = new Map<string, Queue>();
  private runsRefreshedAt = 0;
  private stepWatermark = new Date();
  private inflight: Promise<void> | null = null;
  private stepsBusy = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(EngineQueues) private readonly queues: EngineQueues,
    @Inject(RUNTIME_CONFIG) private readonly config: RuntimeConfig,
  ) {}

  collect(metrics: ApiMetrics): Promise<void> {
    this.inflight ??= Promise.all(
      [
        this.queueDepths(metrics),
        this.runsByStatus(metrics),
        this.approvals(metrics),
        this.healthAlerts(metrics),
        this.stepDurations(metrics),
      ].map((part) => within(part, SOURCE_TIMEOUT_MS)),
    )
      .then(() => undefined)
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.otherQueues.values()].map((queue) => queue.close().catch(() => undefined)));
  }

  private queue(name: string): Queue {
    if (name === QueueName.Events) return this.queues.events;
    if (name === QueueName.Runs) return this.queues.runs;
    let queue = this.otherQueues.get(name);
    if (!queue) {
      queue = logEmittedErrors(
        new Queue(name, { connection: bullConnectionOptions(this.config.redisUrl), prefix: this.config.queuePrefix }),
        `bullmq:queue:${name}`,
      );
      this.otherQueues.set(name, queue);
    }
    return queue;
  }

  private async queueDepths(metrics: ApiMetrics): Promise<void> {
    await Promise.all(
      Object.values(QueueName).map(async (name) => {
        const counts = await this.queue(name).getJobCounts(...QUEUE_JOB_STATES);
        for (const state of QUEUE_JOB_STATES) metrics.queueJobs.set({ queue: name, state }, Number(counts[state] ?? 0));
      }),
    );
  }

  private async runsByStatus(metrics: ApiMetrics): Promise<void> {
    if (Date.now() - this.runsRefreshedAt < RUNS_BY_STATUS_MAX_AGE_MS) return;
    const rows = rowsOf<{ status: string; runs: string }>(
      await this.dataSource.query(`SELECT status, count(*) AS runs FROM workflow_runs GROUP BY status`),
    );
    const counts = new Map(rows.map((row) => [row.status, Number(row.runs)]));
    for (const status of RUN_STATUSES) metrics.runs.set({ status }, counts.get(status) ?? 0);
    this.runsRefreshedAt = Date.now();
  }

  private async approvals(metrics: ApiMetrics): Promise<void> {
    const [row] = rowsOf<{ pending: string; oldest_seconds: number | null }>(
      await this.dataSource.query(
        `SELECT count(*) AS pending, date_part('epoch', now() - min(a.created_at)) AS oldest_seconds
           FROM approvals a JOIN workflow_runs r ON r.id = a.run_id AND r.agency_id = a.agency_id
          WHERE a.status = 'pending' AND r.status = 'awaiting_approval'`,
      ),
    );
    metrics.pendingApprovals.set(Number(row?.pending ?? 0));
    metrics.oldestPendingApprovalSeconds.set(Math.max(0, Number(row?.oldest_seconds ?? 0)));
  }

  private async healthAlerts(metrics: ApiMetrics): Promise<void> {
    const rows = rowsOf<{ kind: string; open: string }>(
      await this.dataSource.query(
        `SELECT kind, count(*) AS open FROM alerts WHERE resolved_at IS NULL AND kind LIKE 'health:%' GROUP BY kind`,
      ),
    );
    const counts = new Map(rows.map((row) => [row.kind, Number(row.open)]));
    for (const rule of HEALTH_RULES) metrics.openHealthAlerts.set({ rule }, counts.get(`health:${rule}`) ?? 0);
  }

  /** Observes the steps that finished in (watermark, now - lag], oldest first, then moves the watermark. */
  private async stepDurations(metrics: ApiMetrics): Promise<void> {
    // A pass that outlived its scrape's timeout may still be running: never two at once (no double observation).
    if (this.stepsBusy) return;
    this.stepsBusy = true;
    try {
      await this.observeFinishedSteps(metrics);
    } finally {
      this.stepsBusy = false;
    }
  }

  private async observeFinishedSteps(metrics: ApiMetrics): Promise<void> {
    const [bound] = rowsOf<{ upper: Date }>(
      await this.dataSource.query(`SELECT now() - make_interval(secs => $1) AS upper`, [
        STEP_OBSERVATION_LAG_MS / 1000,
      ]),
    );
    const upper = new Date(bound.upper);
    if (upper <= this.stepWatermark) return;
    // Per agency (LATERAL), each a range scan of idx_run_steps_agency_finished.
    const rows = rowsOf<{ type: string; status: string; seconds: number; finished_at: Date }>(
      await this.dataSource.query(
        `SELECT s.type, s.status, date_part('epoch', s.finished_at - s.started_at) AS seconds, s.finished_at
           FROM agencies ag
           CROSS JOIN LATERAL (
             SELECT x.type, x.status, x.started_at, x.finished_at FROM run_steps x
              WHERE x.agency_id = ag.id AND x.finished_at > $1 AND x.finished_at <= $2
                AND x.status IN ('completed', 'failed') AND x.started_at IS NOT NULL AND x.type = ANY($3)
           ) s
          ORDER BY s.finished_at
          LIMIT $4`,
        [this.stepWatermark, upper, [...ACTION_TYPES], STEP_OBSERVATIONS_PER_SCRAPE],
      ),
    );
    for (const row of rows)
      metrics.stepDuration.observe({ type: row.type, status: row.status }, Math.max(0, Number(row.seconds)));
    this.stepWatermark =
      rows.length === STEP_OBSERVATIONS_PER_SCRAPE ? new Date(rows[rows.length - 1].finished_at) : upper;
  }
}
