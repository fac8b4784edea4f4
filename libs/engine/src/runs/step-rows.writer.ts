import type { EntityManager } from 'typeorm';
import type { StepRow } from './run-lease';

/** The upsert of step rows from a JSON array parameter (`$n`), as a statement or a CTE body. */
export function stepRowsUpsert(parameter: number): string {
  return `INSERT INTO run_steps (agency_id, run_id, step_id, type, status, attempts, input, output, error, scheduled_for, started_at, finished_at)
     SELECT agency_id, run_id, step_id, type, status, attempts, input, output, error, scheduled_for, started_at, finished_at
       FROM jsonb_to_recordset($${parameter}::jsonb) AS x(agency_id uuid, run_id uuid, step_id text, type text, status text, attempts integer,
            input jsonb, output jsonb, error jsonb, scheduled_for timestamptz, started_at timestamptz, finished_at timestamptz)
     ON CONFLICT (run_id, step_id) DO UPDATE SET type = EXCLUDED.type, status = EXCLUDED.status, attempts = EXCLUDED.attempts,
       input = EXCLUDED.input, output = EXCLUDED.output, error = EXCLUDED.error, scheduled_for = EXCLUDED.scheduled_for,
       started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at, updated_at = now()`;
}

/** The JSON parameter of `stepRowsUpsert`. */
export function stepRowsParameter(rows: StepRow[]): string {
  return JSON.stringify(
    rows.map((row) => ({
      agency_id: row.agencyId,
      run_id: row.runId,
      step_id: row.stepId,
      type: row.type,
      status: row.status,
      attempts: row.attempts,
      input: row.input,
      output: row.output,
      error: row.error,
      scheduled_for: row.scheduledFor,
      started_at: row.startedAt,
      finished_at: row.finishedAt,
    })),
  );
}

/** Inserts or updates step rows (by run and step id) in one statement, inside the caller's transaction. */
export async function writeStepRows(manager: EntityManager, rows: StepRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(stepRowsUpsert(1), [stepRowsParameter(rows)]);
}
