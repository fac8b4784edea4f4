import type { EntityManager } from 'typeorm';
import { addToWorkflowCounters, WorkflowEntity, WorkflowRunEntity } from '@automations/persistence';
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
export async function createRun(manager: EntityManager, input: CreateRunInput): Promise<RunCreation> {
  const { agencyId, workflowId, snapshot, trigger } = input;
  // No row lock here: two creators holding a share lock would deadlock on the counter update below.
  // A run created just as the workflow is disabled is cancelled by the executor, which re-checks the workflow.
  const workflow = await manager.getRepository(WorkflowEntity).findOne({ where: { id: workflowId, agencyId } });
  if (!workflow || workflow.deletedAt || !workflow.isActive) return { outcome: 'inactive', reason: workflow?.deletedAt ? 'workflow deleted' : 'workflow not active' };

  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`run:${workflowId}:${snapshot.client.id}`]);
  // A window of 0 turns time-window dedupe off (scheduled ticks still dedupe on their tick).
  const duplicate: { id: string }[] = input.skipReason || (!input.tickKey && input.dedupeWindowSeconds <= 0)
    ? []
    : input.tickKey
    ? await manager.query(`SELECT id FROM workflow_runs WHERE workflow_id = $1 AND client_id = $2 AND trigger_event->>'tickKey' = $3 LIMIT 1`, [workflowId, snapshot.client.id, input.tickKey])
    : await manager.query(
        `SELECT id FROM workflow_runs WHERE workflow_id = $1 AND client_id = $2 AND mode = 'live' AND status <> 'skipped'
           AND created_at > now() - make_interval(secs => $3) LIMIT 1`,
        [workflowId, snapshot.client.id, input.dedupeWindowSeconds],
      );
  if (duplicate.length) return { outcome: 'deduplicated', runId: duplicate[0].id };

  const deleted = snapshot.client.deletedAt !== null;
  const skipReason = deleted ? 'client deleted' : (input.skipReason ?? null);
  const skipped = skipReason !== null;
  const now = new Date();
  const run = await manager.save(
    manager.create(WorkflowRunEntity, {
      agencyId,
      workflowId,
      workflowVersion: workflow.version,
      clientId: snapshot.client.id,
      mode: 'live',
      status: skipped ? 'skipped' : 'queued',
      reason: skipReason,
      triggerEventId: trigger.eventId,
      triggerEvent: { ...trigger, ...(input.tickKey ? { tickKey: input.tickKey } : {}) } as unknown as Record<string, unknown>,
      clientSnapshot: snapshot as unknown as Record<string, unknown>,
      attempt: 1,
      leaseToken: '0',
      startedAt: now,
      finishedAt: skipped ? now : null,
      nextAttemptAt: skipped ? null : now,
    }),
  );
  await addToWorkflowCounters(manager, agencyId, workflowId, { runs: 1, skips: skipped ? 1 : 0, ran: true });
  return skipReason !== null ? { outcome: 'skipped', runId: run.id, reason: skipReason } : { outcome: 'started', runId: run.id };
}
