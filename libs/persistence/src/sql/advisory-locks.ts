import type { SqlRunner } from './rows-of';

/**
 * Every advisory lock key the product takes with a fixed number, in one place so no two jobs can pick the same one.
 * Any stable numbers do; they only have to differ from each other (and from `hashtext` keys, which are not fixed).
 */
export const AdvisoryLocks = {
  /** Session lock, waited for: every process that migrates takes it first, so replicas starting together cannot race. */
  migration: 774_202_611,
  /** Transaction lock, tried: one worker at a time re-enqueues stuck events and runs (the others skip the pass). */
  reconciler: 774_202_612,
  /** Session lock, tried: one inactivity scan at a time across worker replicas. */
  inactivityScan: 774_202_613,
  /** Session lock, tried: one health evaluation at a time across worker replicas. */
  healthMonitor: 774_202_614,
  /** Session lock, tried: one retention purge at a time across workers. */
  retentionPurge: 774_202_621,
} as const;

export type AdvisoryLockKey = (typeof AdvisoryLocks)[keyof typeof AdvisoryLocks];

/** The text whose `hashtext` keys the lock of one (workflow, client) run series. */
export function runSeriesLockName(workflowId: string, clientId: string): string {
  return `run:${workflowId}:${clientId}`;
}

/**
 * Serialises, until the caller's transaction ends, everything that creates or counts the runs of one workflow for one
 * client: run creation (dedupe window), the inactivity scan's re-check of a period and the loop breaker's hourly count.
 * Re-entrant within a transaction. Must run inside one.
 */
export async function lockRunSeries(manager: SqlRunner, workflowId: string, clientId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [runSeriesLockName(workflowId, clientId)]);
}
