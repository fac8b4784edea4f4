import type { DataSource, EntityManager } from 'typeorm';
import { evaluateTriggerState, inactivityTriggerData, type TriggerDefinition } from '@automations/domain';
import { AdvisoryLocks, lockRunSeries, withAdvisoryLock } from '@automations/persistence';
import { loadTriggerState, takeClientSnapshot } from '../context/client-snapshot';
import { createRun, type RunCreation, type RunTrigger } from '../runs/run-creator';
import { TriggerBatchError, type TriggerBatchFailure } from '../schedules/trigger-batch.error';

/** Session advisory lock held for the duration of a scan: one scanner at a time across replicas. */
export const INACTIVITY_SCAN_LOCK_KEY = AdvisoryLocks.inactivityScan;

const DAY_MS = 86_400_000;

export interface InactivityScannerOptions {
  dedupeWindowSeconds: number;
  /** Candidate clients read per query (keyset pages; every candidate is visited each scan). */
  pageSize?: number;
}

interface ScannedWorkflow {
  id: string;
  agency_id: string;
  triggers: TriggerDefinition[];
}

interface Candidate {
  id: string;
  cursor_at: string;
}

/** The client's `last_activity_at` exactly as `Date.toISOString()` writes it: the key of its inactive period. */
const PERIOD_KEY = `to_char(c.last_activity_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Parameters: $1 agency, $2 workflow, $3 idle threshold (timestamptz), $4 the trigger's days in
 * seconds. The period is still open (the workflow has not fired for it) unless the workflow has a
 * live run for this client that is either the inactivity run of this very `lastActivityAt`, or a run
 * another trigger started after the client crossed the threshold (its AND partner fired it with
 * inactivity as the state form: firing again from the scan would be a second run for one period).
 * `started_at >= last_activity_at` bounds the look-up to the period on (workflow_id, started_at).
 */
const OPEN_PERIOD = `NOT EXISTS (
  SELECT 1 FROM workflow_runs r
   WHERE r.workflow_id = $2 AND r.client_id = c.id AND r.mode = 'live' AND r.started_at >= c.last_activity_at
     AND ((r.trigger_event->>'type' = 'client.inactive' AND r.trigger_event->'data'->>'lastActivityAt' = ${PERIOD_KEY})
       OR (r.trigger_event->>'type' IS DISTINCT FROM 'client.inactive' AND r.status <> 'skipped'
           AND r.started_at >= c.last_activity_at + make_interval(secs => $4))))`;

/**
 * The event form of the `inactivity` trigger (PRODUCT.md §3): a periodic scan finds, for every
 * active workflow with an inactivity trigger, the clients whose `lastActivityAt` is older than `days`
 * and for which the workflow has not fired in this inactive period (keyed by `lastActivityAt`: new
 * activity moves it and opens a new period), checks the AND partner's state form and creates a run.
 * Race-safe on its own (each client re-checked under the same locks `createRun` takes); the session
 * advisory lock only keeps replicas from doing the same work.
 */
export class InactivityScanner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: InactivityScannerOptions,
  ) {}

  /**
   * Returns the ids of the runs it started (to enqueue), or [] when another scanner is running.
   * Throws `TriggerBatchError` (with the ids it did start) after the whole scan when some clients
   * failed; the next scan retries them.
   */
  async scan(now: Date = new Date()): Promise<string[]> {
    return (
      (await withAdvisoryLock(this.dataSource, INACTIVITY_SCAN_LOCK_KEY, (runner) =>
        this.scanLocked(runner.manager, now),
      )) ?? []
    );
  }

  private async scanLocked(manager: EntityManager, now: Date): Promise<string[]> {
    const workflows: ScannedWorkflow[] = await manager.query(
      `SELECT id, agency_id, triggers FROM workflows
        WHERE is_active AND deleted_at IS NULL AND triggers @> '[{"type":"inactivity"}]'::jsonb
        ORDER BY agency_id, id`,
    );
    const runIds: string[] = [];
    const failures: TriggerBatchFailure[] = [];
    for (const workflow of workflows) {
      for (const [index, trigger] of workflow.triggers.entries()) {
        if (trigger.type !== 'inactivity') continue;
        const partner = workflow.triggers.find((_, other) => other !== index);
        const active = await this.scanTrigger(manager, workflow, trigger, partner, now, runIds, failures);
        if (!active) break;
      }
    }
    if (failures.length) throw new TriggerBatchError(runIds, failures, 'inactivity scan');
    return runIds;
  }

  /** Visits every candidate of one inactivity trigger; false when the workflow turned out disabled or deleted. */
  private async scanTrigger(
    manager: EntityManager,
    workflow: ScannedWorkflow,
    trigger: TriggerDefinition<'inactivity'>,
    partner: TriggerDefinition | undefined,
    now: Date,
    runIds: string[],
    failures: TriggerBatchFailure[],
  ): Promise<boolean> {
    const { days } = trigger.config;
    const threshold = new Date(now.getTime() - days * DAY_MS);
    // Exact pre-filters for the partners SQL can judge; the state form is still evaluated per client.
    const stage = partner?.type === 'stage_change' ? partner.config.toStage : null;
    const candidatesBefore =
      partner?.type === 'inactivity'
        ? new Date(Math.min(threshold.getTime(), now.getTime() - partner.config.days * DAY_MS))
        : threshold;
    const pageSize = this.options.pageSize ?? 500;

    let cursor: Candidate | null = null;
    for (;;) {
      const page: Candidate[] = await manager.query(
        `SELECT c.id, c.last_activity_at::text AS cursor_at FROM clients c
          WHERE c.agency_id = $1 AND c.deleted_at IS NULL AND c.last_activity_at <= $3
            AND ($5::text IS NULL OR c.stage = $5::text)
            AND ($6::text IS NULL OR (c.last_activity_at, c.id) > ($6::text::timestamptz, $7::uuid))
            AND ${OPEN_PERIOD}
          ORDER BY c.last_activity_at, c.id
          LIMIT $8`,
        [
          workflow.agency_id,
          workflow.id,
          candidatesBefore,
          days * 86_400,
          stage,
          cursor?.cursor_at ?? null,
          cursor?.id ?? null,
          pageSize,
        ],
      );
      for (const candidate of page) {
        try {
          const created = await this.fireFor(manager, workflow, candidate.id, days, threshold, partner, now);
          if (created?.outcome === 'started') runIds.push(created.runId);
          if (created?.outcome === 'inactive') return false;
        } catch (error) {
          failures.push({ workflowId: workflow.id, clientId: candidate.id, error });
        }
      }
      if (page.length < pageSize) return true;
      cursor = page[page.length - 1];
    }
  }

  /**
   * One client, one transaction, on the scanner's connection. Locks in `createRun`'s order (workflow
   * row shared, then the (workflow, client) advisory lock) and re-checks the period under them, so a
   * concurrent scan or a partner event cannot make a second run for the same period.
   */
  private fireFor(
    outer: EntityManager,
    workflow: ScannedWorkflow,
    clientId: string,
    days: number,
    threshold: Date,
    partner: TriggerDefinition | undefined,
    now: Date,
  ): Promise<RunCreation | null> {
    return outer.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM workflows WHERE id = $1 FOR SHARE`, [workflow.id]);
      await lockRunSeries(manager, workflow.id, clientId);
      const [open]: { last_activity_iso: string }[] = await manager.query(
        `SELECT ${PERIOD_KEY} AS last_activity_iso FROM clients c
          WHERE c.agency_id = $1 AND c.id = $5 AND c.deleted_at IS NULL AND c.last_activity_at <= $3 AND ${OPEN_PERIOD}`,
        [workflow.agency_id, workflow.id, threshold, days * 86_400, clientId],
      );
      if (!open) return null;

      const snapshot = await takeClientSnapshot(manager, workflow.agency_id, clientId);
      if (!snapshot) return null;
      if (partner && !evaluateTriggerState(partner, await loadTriggerState(manager, snapshot), now).ok) return null;

      const trigger: RunTrigger = {
        eventId: null,
        type: 'client.inactive',
        data: inactivityTriggerData(days, open.last_activity_iso, now),
        occurredAt: now.toISOString(),
      };
      return createRun(manager, {
        agencyId: workflow.agency_id,
        workflowId: workflow.id,
        snapshot,
        trigger,
        dedupeWindowSeconds: this.options.dedupeWindowSeconds,
      });
    });
  }
}
