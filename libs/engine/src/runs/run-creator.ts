import type { EntityManager } from 'typeorm';
import { addToWorkflowCounters, lockRunSeries } from '@automations/persistence';
import type { ClientSnapshot } from '../context/client-snapshot';

/** The trigger of a run as the run remembers it (`triggerEvent`). */
export interface RunTrigger {
  eventId: string | null;
  type: string;
  data: Record<string, unknown>;
  occurredAt: string;
  causation?: unknown;
}

export type RunCreation =
  | { outcome: 'started'; runId: string }
  | { outcome: 'skipped'; runId: string; reason: string }
  | { outcome: 'deduplicated'; runId: string }
  | { outcome: 'inactive'; reason: string };

export interface CreateRunInput {
  agencyId: string;
  workflowId: string;
  snapshot: ClientSnapshot;
  trigger: RunTrigger;
  dedupeWindowSeconds: number;
  /** Scheduled ticks dedupe on the tick itself, not on the time window. */
  tickKey?: string;
  /** Records the run as `skipped` with this reason, without deduplication (loop prevention). */
  skipReason?: string;
}

/**
 * Inserts a run inside the caller's transaction: the (workflow, client) pair is serialised with an advisory lock so two
 * events inside the dedupe window make exactly one run, and the workflow's counters move with it.
 */
/** Why the workflow takes no new run, or null when it is active. */
async function inactiveReason(manager: EntityManager, agencyId: string, workflowId: string): Promise<string | null> {
  const [workflow]: { is_active: boolean; deleted: boolean }[] = await manager.query(
    `SELECT is_active, deleted_at IS NOT NULL AS deleted FROM workflows WHERE id = $1 AND agency_id = $2`,
    [workflowId, agencyId],
  );
  if (!workflow || workflow.deleted || !workflow.is_active)
    return workflow?.deleted ? 'workflow deleted' : 'workflow not active';
  return null;
}

export async function createRun(manager: EntityManager, input: CreateRunInput): Promise<RunCreation> {
  const { agencyId, workflowId, snapshot, trigger } = input;
  // No row lock on the workflow: two creators holding a share lock would deadlock on the counter update below.
  // A run created just as the workflow is disabled is cancelled by the executor, which re-checks the workflow.
  // A window of 0 turns time-window dedupe off (scheduled ticks still dedupe on their tick): nothing to look up or serialise then.
  const dedupes = !input.skipReason && (input.tickKey !== undefined || input.dedupeWindowSeconds > 0);
  if (dedupes) {
    const inactive = await inactiveReason(manager, agencyId, workflowId);
    if (inactive) return { outcome: 'inactive', reason: inactive };
    await lockRunSeries(manager, workflowId, snapshot.client.id);
    const duplicate: { id: string }[] = input.tickKey
      ? await manager.query(
          `SELECT id FROM workflow_runs WHERE workflow_id = $1 AND client_id = $2 AND trigger_event->>'tickKey' = $3 LIMIT 1`,
          [workflowId, snapshot.client.id, input.tickKey],
        )
      : await manager.query(
          `SELECT id FROM workflow_runs WHERE workflow_id = $1 AND client_id = $2 AND mode = 'live' AND status <> 'skipped'
             AND created_at > now() - make_interval(secs => $3) LIMIT 1`,
          [workflowId, snapshot.client.id, input.dedupeWindowSeconds],
        );
    if (duplicate.length) return { outcome: 'deduplicated', runId: duplicate[0].id };
  }

  const deleted = snapshot.client.deletedAt !== null;
  const skipReason = deleted ? 'client deleted' : (input.skipReason ?? null);
  const skipped = skipReason !== null;
  // The run takes the workflow's current version, and is only inserted while the workflow is active.
  const [run]: { id: string }[] = await manager.query(
    `INSERT INTO workflow_runs (agency_id, workflow_id, workflow_version, client_id, mode, status, reason, trigger_event_id, trigger_event, client_snapshot,
                                attempt, lease_token, started_at, finished_at, next_attempt_at)
     SELECT w.agency_id, w.id, w.version, $3, 'live', $4, $5, $6, $7::jsonb, $8::jsonb, 1, 0, now(),
            CASE WHEN $9::boolean THEN now() END, CASE WHEN $9::boolean THEN NULL ELSE now() END
       FROM workflows w WHERE w.id = $1 AND w.agency_id = $2 AND w.is_active AND w.deleted_at IS NULL
     RETURNING id`,
    [
      workflowId,
      agencyId,
      snapshot.client.id,
      skipped ? 'skipped' : 'queued',
      skipReason,
      trigger.eventId,
      JSON.stringify({ ...trigger, ...(input.tickKey ? { tickKey: input.tickKey } : {}) }),
      JSON.stringify(snapshot),
      skipped,
    ],
  );
  if (!run)
    return {
      outcome: 'inactive',
      reason: (await inactiveReason(manager, agencyId, workflowId)) ?? 'workflow not active',
    };
  await addToWorkflowCounters(manager, agencyId, workflowId, { runs: 1, skips: skipped ? 1 : 0, ran: true });
  return skipReason !== null
    ? { outcome: 'skipped', runId: run.id, reason: skipReason }
    : { outcome: 'started', runId: run.id };
}
