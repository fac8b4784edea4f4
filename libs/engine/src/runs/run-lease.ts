import type { DataSource } from 'typeorm';
import type { StepStatus } from '@automations/domain';
import { rowsOf, type RunStepEntity, type WorkflowRunEntity } from '@automations/persistence';
import type { EditorFacts } from './editor-permission';

/** A step's recorded state, as the executor reads and writes it (keyed by run and step id). */
export type StepRow = Omit<RunStepEntity, 'id' | 'createdAt' | 'updatedAt'>;

type LeasedRunFields = Pick<
  WorkflowRunEntity,
  | 'id'
  | 'agencyId'
  | 'workflowId'
  | 'workflowVersion'
  | 'clientId'
  | 'attempt'
  | 'leaseToken'
  | 'triggerEvent'
  | 'clientSnapshot'
>;

/** A run this worker holds the lease on (`leaseToken` fences its writes), with what its job needs to know about the workflow. */
export interface LeasedRun extends LeasedRunFields {
  workflow: { name: string; isActive: boolean; deleted: boolean; editor: EditorFacts };
  steps: Map<string, StepRow>;
}

/** The lease statement's row: the run's fields (aliased) and the workflow's and its last editor's, flat. */
interface LeaseRow extends LeasedRunFields {
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
 * One statement: takes the leases of the due (or abandoned) runs among $1, bumping their fencing tokens, and returns
 * each run with its workflow's state, its last editor's standing and its step rows. Runs not due or leased elsewhere
 * are absent.
 */
const LEASE_SQL = `
  WITH leased AS (
    UPDATE workflow_runs SET status = 'running', lease_owner = $2, lease_expires_at = now() + make_interval(secs => $3),
           lease_token = lease_token + 1, updated_at = now()
     WHERE id = ANY($1::uuid[]) AND (
           (status IN ('queued', 'waiting') AND (next_attempt_at IS NULL OR next_attempt_at <= now() + interval '50 milliseconds'))
        OR (status = 'running' AND lease_expires_at < now()))
    RETURNING id, agency_id AS "agencyId", workflow_id AS "workflowId", workflow_version AS "workflowVersion", client_id AS "clientId",
              attempt, lease_token AS "leaseToken", trigger_event AS "triggerEvent", client_snapshot AS "clientSnapshot")
  SELECT l.*, w.name AS workflow_name, w.is_active, w.deleted_at IS NOT NULL AS workflow_deleted,
         w.updated_by_user_id, w.updated_by_api_key_id,
         u.email AS editor_email, u.active AS editor_active, u.role AS editor_user_role,
         k.name AS editor_key_name, k.revoked_at IS NOT NULL AS editor_key_revoked, k.role AS editor_key_role,
         (SELECT coalesce(json_agg(s), '[]'::json) FROM run_steps s WHERE s.run_id = l.id) AS steps
    FROM leased l
    JOIN workflows w ON w.id = l."workflowId"
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

export async function leaseRun(
  dataSource: DataSource,
  runId: string,
  workerId: string,
  leaseSeconds: number,
): Promise<LeasedRun | null> {
  return (await leaseRuns(dataSource, [runId], workerId, leaseSeconds)).get(runId) ?? null;
}

/** `leaseRun` for many runs in one statement (the run consumer's concurrent jobs lease together). */
export async function leaseRuns(
  dataSource: DataSource,
  runIds: string[],
  workerId: string,
  leaseSeconds: number,
): Promise<Map<string, LeasedRun>> {
  const rows = rowsOf<LeaseRow>(await dataSource.query(LEASE_SQL, [runIds, workerId, leaseSeconds]));
  return new Map(rows.map((row) => [row.id, leasedRunOf(row)]));
}

function leasedRunOf(row: LeaseRow): LeasedRun {
  const { workflow_name, is_active, workflow_deleted, updated_by_user_id, updated_by_api_key_id, steps, ...rest } = row;
  const {
    editor_email,
    editor_active,
    editor_user_role,
    editor_key_name,
    editor_key_revoked,
    editor_key_role,
    ...run
  } = rest;
  return {
    ...run,
    workflow: {
      name: workflow_name,
      isActive: is_active,
      deleted: workflow_deleted,
      editor: updated_by_user_id
        ? {
            kind: 'user',
            found: editor_email !== null,
            label: editor_email,
            active: editor_active === true,
            role: editor_user_role,
          }
        : updated_by_api_key_id
          ? {
              kind: 'api_key',
              found: editor_key_name !== null,
              label: editor_key_name,
              active: editor_key_revoked === false,
              role: editor_key_role,
            }
          : { kind: 'none' },
    },
    steps: new Map(steps.map((raw) => stepRowOf(raw)).map((step) => [step.stepId, step])),
  };
}
