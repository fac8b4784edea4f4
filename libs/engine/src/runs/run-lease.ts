import type { DataSource } from 'typeorm';
import type { StepStatus } from '@automations/domain';
import type { EditorFacts } from './editor-permission';

/** A step's recorded state, as the executor reads and writes it (keyed by run and step id). */
export interface StepRow {
  agencyId: string;
  runId: string;
  stepId: string;
  type: string;
  status: StepStatus;
  attempts: number;
  input: Record<string, unknown> | null;
  output: Record<string, unknown> | null;
  error: Record<string, unknown> | null;
  scheduledFor: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A run this worker holds the lease on, with what its job needs to know about the workflow. */
export interface LeasedRun {
  id: string;
  agencyId: string;
  workflowId: string;
  workflowVersion: number;
  clientId: string;
  attempt: number;
  /** Fencing token of this lease. */
  leaseToken: string;
  triggerEvent: Record<string, unknown> | null;
  clientSnapshot: Record<string, unknown>;
  workflow: { name: string; isActive: boolean; deleted: boolean; editor: EditorFacts };
  steps: Map<string, StepRow>;
}

interface LeaseRow {
  id: string;
  agency_id: string;
  workflow_id: string;
  workflow_version: number;
  client_id: string;
  attempt: number;
  lease_token: string;
  trigger_event: Record<string, unknown> | null;
  client_snapshot: Record<string, unknown>;
  workflow_name: string;
  is_active: boolean;
  workflow_deleted: boolean;
  updated_by_user_id: string | null;
  updated_by_api_key_id: string | null;
  editor_email: string | null;
  editor_active: boolean | null;
  editor_user_role: string | null;
  editor_key_name: string | null;
  editor_key_revoked: boolean | null;
  editor_key_role: string | null;
  steps: Record<string, unknown>[];
}

/**
 * One statement: takes the lease of a due (or abandoned) run, bumping its fencing token, and returns the run with its
 * workflow's state, its last editor's standing and its step rows. Null when the run is not due or is leased elsewhere.
 */
const LEASE_SQL = `
  WITH leased AS (
    UPDATE workflow_runs SET status = 'running', lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3),
           lease_token = lease_token + 1, updated_at = now()
     WHERE id = $1 AND (
           (status IN ('queued', 'waiting') AND (next_attempt_at IS NULL OR next_attempt_at <= now() + interval '50 milliseconds'))
        OR (status = 'running' AND lease_expires_at < now()))
    RETURNING id, agency_id, workflow_id, workflow_version, client_id, attempt, lease_token, trigger_event, client_snapshot)
  SELECT l.*, w.name AS workflow_name, w.is_active, w.deleted_at IS NOT NULL AS workflow_deleted,
         w.updated_by_user_id, w.updated_by_api_key_id,
         u.email AS editor_email, u.active AS editor_active, u.role AS editor_user_role,
         k.name AS editor_key_name, k.revoked_at IS NOT NULL AS editor_key_revoked, k.role AS editor_key_role,
         (SELECT coalesce(json_agg(s), '[]'::json) FROM run_steps s WHERE s.run_id = l.id) AS steps
    FROM leased l
    JOIN workflows w ON w.id = l.workflow_id
    LEFT JOIN users u ON u.id = w.updated_by_user_id AND u.agency_id = w.agency_id
    LEFT JOIN api_keys k ON k.id = w.updated_by_api_key_id AND k.agency_id = w.agency_id`;

function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}

function stepRowOf(raw: Record<string, unknown>): StepRow {
  return {
    agencyId: raw.agency_id as string,
    runId: raw.run_id as string,
    stepId: raw.step_id as string,
    type: raw.type as string,
    status: raw.status as StepStatus,
    attempts: raw.attempts as number,
    input: (raw.input as Record<string, unknown> | null) ?? null,
    output: (raw.output as Record<string, unknown> | null) ?? null,
    error: (raw.error as Record<string, unknown> | null) ?? null,
    scheduledFor: dateOrNull(raw.scheduled_for),
    startedAt: dateOrNull(raw.started_at),
    finishedAt: dateOrNull(raw.finished_at),
  };
}

export async function leaseRun(dataSource: DataSource, runId: string, workerId: string, leaseSeconds: number): Promise<LeasedRun | null> {
  const result: unknown = await dataSource.query(LEASE_SQL, [runId, workerId, leaseSeconds]);
  const [row] = (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : result) as LeaseRow[];
  if (!row) return null;
  return {
    id: row.id,
    agencyId: row.agency_id,
    workflowId: row.workflow_id,
    workflowVersion: row.workflow_version,
    clientId: row.client_id,
    attempt: row.attempt,
    leaseToken: row.lease_token,
    triggerEvent: row.trigger_event,
    clientSnapshot: row.client_snapshot,
    workflow: {
      name: row.workflow_name,
      isActive: row.is_active,
      deleted: row.workflow_deleted,
      editor: row.updated_by_user_id
        ? { kind: 'user', found: row.editor_email !== null, label: row.editor_email, active: row.editor_active === true, role: row.editor_user_role }
        : row.updated_by_api_key_id
        ? { kind: 'api_key', found: row.editor_key_name !== null, label: row.editor_key_name, active: row.editor_key_revoked === false, role: row.editor_key_role }
        : { kind: 'none' },
    },
    steps: new Map(row.steps.map((raw) => stepRowOf(raw)).map((step) => [step.stepId, step])),
  };
}
