import { rowsOf, type SqlRunner } from '../sql/rows-of';

/**
 * Records an event's processing (the matcher's verdicts) and marks it processed, only if it was not already: true
 * when this call did it, false when the event was processed before (by this or another worker) or does not exist.
 */
export async function markEventProcessed(runner: SqlRunner, eventId: string, processing: unknown): Promise<boolean> {
  const marked = rowsOf<{ id: string }>(
    await runner.query(
      `UPDATE events SET processed_at = now(), processing = $2::jsonb WHERE id = $1 AND processed_at IS NULL RETURNING id`,
      [eventId, JSON.stringify(processing)],
    ),
  );
  return marked.length > 0;
}

/** `markEventProcessed` for many events in one statement: the ids this call marked (the others were processed before). */
export async function markEventsProcessed(
  runner: SqlRunner,
  entries: { id: string; processing: unknown }[],
): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const marked = rowsOf<{ id: string }>(
    await runner.query(
      `UPDATE events e SET processed_at = now(), processing = v.processing
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, processing jsonb)
        WHERE e.id = v.id AND e.processed_at IS NULL
       RETURNING e.id`,
      [JSON.stringify(entries)],
    ),
  );
  return new Set(marked.map((row) => row.id));
}
