import type { RunStatus } from '@automations/domain';
import type { ApprovalStatus } from '@automations/persistence';

export interface RunChangedUpdate {
  type: 'run.changed';
  runId: string;
  workflowId: string;
  clientId: string;
  status: RunStatus;
}

export interface ApprovalChangedUpdate {
  type: 'approval.changed';
  approvalId: string;
  runId: string;
  status: ApprovalStatus;
}

/** One message of the live-update channel: a hint that something changed, never the source of truth (screens refetch). */
export type LiveUpdate = { agencyId: string } & (RunChangedUpdate | ApprovalChangedUpdate);

/** Where live updates go; implementations never throw (a lost update only delays a screen until its next poll). */
export interface LiveUpdateSink {
  publish(update: LiveUpdate): Promise<void>;
}

/** Redis pub/sub channel the workers and the API publish on and every API process listens to. */
export function liveUpdatesChannel(queuePrefix: string): string {
  return `${queuePrefix}:live`;
}

const RUN_FIELDS = ['runId', 'workflowId', 'clientId', 'status'] as const;
const APPROVAL_FIELDS = ['approvalId', 'runId', 'status'] as const;

/** Decodes a channel message; anything malformed (another version, garbage) is null and ignored. */
export function parseLiveUpdate(message: string): LiveUpdate | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  if (typeof record.agencyId !== 'string' || !record.agencyId) return null;
  const fields =
    record.type === 'run.changed' ? RUN_FIELDS : record.type === 'approval.changed' ? APPROVAL_FIELDS : null;
  if (!fields || !fields.every((field) => typeof record[field] === 'string')) return null;
  return {
    agencyId: record.agencyId,
    type: record.type,
    ...Object.fromEntries(fields.map((field) => [field, record[field]])),
  } as LiveUpdate;
}

/** The payload a client sees: the update without its routing fields (agency, type). */
export function liveUpdatePayload(update: LiveUpdate): Record<string, string> {
  if (update.type === 'run.changed')
    return { runId: update.runId, workflowId: update.workflowId, clientId: update.clientId, status: update.status };
  return { approvalId: update.approvalId, runId: update.runId, status: update.status };
}
