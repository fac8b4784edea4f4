import type { Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { evaluateTriggerState, scheduleTriggerOf, type TriggerDefinition } from '@automations/domain';
import { emittedErrors } from '@automations/persistence';
import { loadTriggerState, takeClientSnapshot } from '../context/client-snapshot';
import { createRun, type RunCreation, type RunTrigger } from '../runs/run-creator';
import type { ScheduleTickJobData } from './schedule-sync';
import { TriggerBatchError, type TriggerBatchFailure } from './trigger-batch.error';

export interface ScheduledTickInput {
  workflowId: string;
  agencyId: string;
  /** When the tick was due (the scheduler's time, not when a worker picked it up). */
  tickAt: Date;
}

export interface ScheduledTickRunnerOptions {
  dedupeWindowSeconds: number;
  /** Clients handled in parallel, one transaction each (default 4). */
  concurrency?: number;
}

/** Ticks dedupe per minute: a cron fires at most once a minute, and a retried tick is the same tick. */
export function tickKeyOf(tickAt: Date): string {
  return new Date(Math.floor(tickAt.getTime() / 60_000) * 60_000).toISOString();
}

/**
 * When a job produced by a job scheduler was due: BullMQ names it `repeat:<schedulerId>:<millis>`
 * (the time of the iteration, whenever a worker picks it up).
 */
export function tickTimeOf(job: Pick<Job, 'id' | 'opts' | 'timestamp' | 'repeatJobKey'>): Date {
  const prefix = `repeat:${job.repeatJobKey ?? ''}:`;
  if (job.repeatJobKey && job.id?.startsWith(prefix)) {
    const millis = Number(job.id.slice(prefix.length));
    if (Number.isFinite(millis) && millis > 0) return new Date(millis);
  }
  if (typeof job.opts?.prevMillis === 'number') return new Date(job.opts.prevMillis);
  return new Date(job.timestamp);
}

interface WorkflowRow {
  id: string;
  is_active: boolean;
  deleted_at: Date | null;
  triggers: TriggerDefinition[];
}

/**
 * One tick of a workflow's `scheduled` trigger: a run for every non-deleted client of the agency
 * that passes `clientFilter` and the AND partner's state form (PRODUCT.md §3). Each client is its own
 * transaction; `createRun` with the tick as `tickKey` makes a tick processed twice (retry, two
 * replicas) create no second run.
 */
export class ScheduledTickRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: ScheduledTickRunnerOptions,
  ) {}

  /**
   * Returns the ids of the runs it started (to enqueue). Throws `TriggerBatchError` (with the ids it
   * did start) after going through every client when some failed; a retry finishes them.
   */
  async tick({ workflowId, agencyId, tickAt }: ScheduledTickInput): Promise<string[]> {
    const [workflow]: WorkflowRow[] = await this.dataSource.query(
      `SELECT id, is_active, deleted_at, triggers FROM workflows WHERE id = $1 AND agency_id = $2`,
      [workflowId, agencyId],
    );
    if (!workflow || !workflow.is_active || workflow.deleted_at) return [];
    const scheduled = scheduleTriggerOf(workflow.triggers);
    if (!scheduled) return [];
    const partner = workflow.triggers.find((trigger) => trigger !== scheduled);
    const { cron, timezone, clientFilter } = scheduled.config;
    const tickKey = tickKeyOf(tickAt);

    const clientIds = await this.clientsToFire(
      agencyId,
      workflowId,
      tickKey,
      clientFilter?.stages,
      clientFilter?.health,
    );
    const trigger: RunTrigger = {
      eventId: null,
      type: 'schedule.tick',
      data: { tickAt: tickAt.toISOString(), cron, timezone },
      occurredAt: tickAt.toISOString(),
    };

    const runIds: string[] = [];
    const failures: TriggerBatchFailure[] = [];
    let stopped = false;
    let next = 0;
    const lane = async () => {
      while (!stopped && next < clientIds.length) {
        const clientId = clientIds[next++];
        try {
          const created = await this.fireFor(agencyId, workflowId, clientId, partner, trigger, tickKey);
          if (created?.outcome === 'started') runIds.push(created.runId);
          // Disabled or deleted meanwhile: the rest of the tick is moot.
          if (created?.outcome === 'inactive') stopped = true;
        } catch (error) {
          failures.push({ workflowId, clientId, error });
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 4) }, lane));
    if (failures.length)
      throw new TriggerBatchError(runIds, failures, `scheduled tick ${tickKey} of workflow ${workflowId}`);
    return runIds;
  }

  /** Non-deleted clients of the agency passing the filter, minus those this tick already ran for (a retry). */
  private async clientsToFire(
    agencyId: string,
    workflowId: string,
    tickKey: string,
    stages: string[] | undefined,
    health: string[] | undefined,
  ): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM clients c
        WHERE c.agency_id = $1 AND c.deleted_at IS NULL
          AND ($2::text[] IS NULL OR c.stage = ANY($2::text[]))
          AND ($3::text[] IS NULL OR c.health = ANY($3::text[]))
          AND NOT EXISTS (
            SELECT 1 FROM workflow_runs r
             WHERE r.workflow_id = $4 AND r.client_id = c.id
               AND r.started_at >= $5::text::timestamptz - interval '1 hour' AND r.trigger_event->>'tickKey' = $5::text)
        ORDER BY c.id`,
      [agencyId, stages?.length ? stages : null, health?.length ? health : null, workflowId, tickKey],
    );
    return rows.map((row) => row.id);
  }

  private fireFor(
    agencyId: string,
    workflowId: string,
    clientId: string,
    partner: TriggerDefinition | undefined,
    trigger: RunTrigger,
    tickKey: string,
  ): Promise<RunCreation | null> {
    return this.dataSource.transaction(async (manager) => {
      const snapshot = await takeClientSnapshot(manager, agencyId, clientId);
      // Deleted since the listing: not a client of this tick any more.
      if (!snapshot || snapshot.client.deletedAt) return null;
      if (partner && !evaluateTriggerState(partner, await loadTriggerState(manager, snapshot), new Date()).ok)
        return null;
      return createRun(manager, {
        agencyId,
        workflowId,
        snapshot,
        trigger,
        dedupeWindowSeconds: this.options.dedupeWindowSeconds,
        tickKey,
      });
    });
  }
}

/**
 * The `schedules` queue's processor: runs the tick the job stands for and enqueues its runs. A partly
 * failed tick still enqueues what it started, then fails the job so BullMQ retries it.
 */
export function scheduleTickProcessor(runner: ScheduledTickRunner, enqueueRuns: (runIds: string[]) => Promise<void>) {
  return async (job: Job<ScheduleTickJobData>): Promise<{ runs: number }> => {
    try {
      const runIds = await runner.tick({
        workflowId: job.data.workflowId,
        agencyId: job.data.agencyId,
        tickAt: tickTimeOf(job),
      });
      await enqueueRuns(runIds);
      return { runs: runIds.length };
    } catch (error) {
      if (error instanceof TriggerBatchError)
        await enqueueRuns(error.runIds).catch((enqueueError: unknown) =>
          emittedErrors.report('engine:scheduled-tick', enqueueError),
        );
      throw error;
    }
  };
}
