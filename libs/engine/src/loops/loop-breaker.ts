import type { EntityManager } from 'typeorm';
import { detectLoop, type LoopVerdict } from '@automations/domain';
import {
  AlertEntity,
  AuditEventEntity,
  entityPatch,
  lockRunSeries,
  rowsOf,
  type EventCausation,
} from '@automations/persistence';
import { AdminNotifier } from '../notifications/admin-notifier';
import { cancelParkedRuns } from '../runs/parked-runs';

export interface LoopLimits {
  /** LOOP_MAX_DEPTH: the longest chain of runs one event may cause. */
  maxDepth: number;
  /** LOOP_MAX_RUNS_PER_HOUR: runs of one workflow for one client per rolling hour. */
  maxRunsPerHour: number;
}

/** The defaults of `loadRuntimeConfig` (LOOP_MAX_DEPTH, LOOP_MAX_RUNS_PER_HOUR), for callers that pass no limits. */
export const DEFAULT_LOOP_LIMITS: LoopLimits = { maxDepth: 5, maxRunsPerHour: 20 };

export const LOOP_PAUSED_REASON = 'loop_detected';

export interface LoopPause {
  agencyId: string;
  workflowId: string;
  workflowName: string;
  clientId: string;
  clientName: string;
  eventId: string;
  /** The run recorded as skipped. */
  runId: string;
  verdict: LoopVerdict;
}

/**
 * Run-time loop prevention (PRODUCT.md §5) inside the event matcher's transaction: evaluates the
 * rules of `detectLoop` for a candidate whose trigger fired, and when one breaks, pauses the
 * workflow with everything that goes with it (alert, admin notifications, audit, pending runs cancelled).
 */
export class LoopBreaker {
  private readonly admins = new AdminNotifier();

  constructor(private readonly limits: LoopLimits = DEFAULT_LOOP_LIMITS) {}

  /**
   * Holds the (workflow, client) advisory lock that run creation takes (re-entrant), so concurrent
   * events for one client count runs one after the other. The rate rule only applies to an event
   * that would make a run: one that the dedupe window merges into an earlier run is not counted.
   */
  async check(
    manager: EntityManager,
    input: { workflowId: string; clientId: string; causation: EventCausation | null; dedupeWindowSeconds: number },
  ): Promise<LoopVerdict | null> {
    const { workflowId, clientId, causation } = input;
    // LOOP_MAX_RUNS_PER_HOUR=0 turns the rate rule off: nothing to count, so nothing to serialise either.
    if (this.limits.maxRunsPerHour > 0) await lockRunSeries(manager, workflowId, clientId);
    const [counts]: { runs: number; recent: number }[] =
      this.limits.maxRunsPerHour <= 0
        ? [{ runs: 0, recent: 0 }]
        : await manager.query(
            `SELECT count(*)::int AS runs, count(*) FILTER (WHERE created_at > now() - make_interval(secs => $3))::int AS recent
         FROM workflow_runs
        WHERE workflow_id = $1 AND started_at > now() - interval '1 hour' AND client_id = $2 AND mode = 'live' AND status <> 'skipped'`,
            [workflowId, clientId, input.dedupeWindowSeconds],
          );
    const verdict = detectLoop({
      causation,
      workflowId,
      clientId,
      maxDepth: this.limits.maxDepth,
      runsInLastHour: counts.runs,
      maxRunsPerHour: this.limits.maxRunsPerHour,
    });
    if (verdict?.rule === 'rate' && counts.recent > 0) return null;
    return verdict;
  }

  /** Pauses the workflow if it is still active; false when it was already paused, disabled or deleted (nothing else is written then). */
  async pause(manager: EntityManager, pause: LoopPause): Promise<boolean> {
    const { agencyId, workflowId, workflowName, clientId, clientName, eventId, runId, verdict } = pause;
    // Like any change (PRODUCT.md §2, and the API's toggle): the version goes up and the new definition is stored as a
    // version row, by the system (no user or key). Steps are copied as stored, so sealed fields stay sealed.
    const paused = rowsOf<{ id: string; version: number }>(
      await manager.query(
        `WITH paused AS (
           UPDATE workflows SET is_active = false, paused_reason = $3, version = version + 1, updated_at = now()
            WHERE id = $1 AND agency_id = $2 AND is_active AND deleted_at IS NULL
           RETURNING id, agency_id, version, name, description, is_active, requires_approval, triggers, steps
         )
         INSERT INTO workflow_versions (agency_id, workflow_id, version, definition, created_by_user_id, created_by_api_key_id)
         SELECT agency_id, id, version,
                jsonb_build_object('name', name, 'isActive', is_active, 'requiresApproval', requires_approval, 'triggers', triggers, 'steps', steps)
                  || CASE WHEN description IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('description', description) END,
                NULL, NULL
           FROM paused
         RETURNING workflow_id AS id, version`,
        [workflowId, agencyId, LOOP_PAUSED_REASON],
      ),
    );
    if (paused.length === 0) return false;
    const version = paused[0].version;

    const reason = 'workflow paused: loop detected';
    const cancelled = (await cancelParkedRuns(manager, agencyId, workflowId, reason)).runs;

    const title = `Loop detected: "${workflowName}" paused`;
    const message = `"${workflowName}" was paused after a loop was detected for ${clientName}: ${verdict.reason}. Review the workflows that trigger each other, then turn it back on.`;
    await manager.insert(
      AlertEntity,
      entityPatch<AlertEntity>({
        agencyId,
        clientId,
        runId,
        workflowId,
        stepId: null,
        kind: LOOP_PAUSED_REASON,
        title,
        message,
        severity: 'critical',
        resolvedAt: null,
      }),
    );
    await this.admins.notifyInApp(manager, {
      agencyId,
      clientId,
      runId,
      workflowId,
      stepId: null,
      subject: title,
      message,
    });
    await manager.insert(
      AuditEventEntity,
      entityPatch<AuditEventEntity>({
        agencyId,
        workflowId,
        clientId,
        eventType: 'workflow.paused',
        actorType: 'system',
        actorId: null,
        details: {
          pausedReason: LOOP_PAUSED_REASON,
          version,
          rule: verdict.rule,
          reason: verdict.reason,
          eventId,
          runId,
          cancelledRuns: cancelled.length,
        },
        at: new Date(),
      }),
    );
    return true;
  }
}
