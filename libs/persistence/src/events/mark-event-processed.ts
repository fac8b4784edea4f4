import { rowsOf, type SqlRunner } from '../sql/rows-of';

/**
 * The statement that records events' processing (the matcher's verdicts) and marks them processed, only those not
 * processed yet; its parameter `$n` is JSON `[{id, processing}]`. Exported for callers that write it as a CTE.
 */
export function markEventsProcessedSql(parameter: number): string {
  return `UPDATE events e SET processed_at = now(), processing = v.processing
      FROM jsonb_to_recordset($${parameter}::jsonb) AS v(id uuid, processing jsonb)
     WHERE e.id = v.id AND e.processed_at IS NULL
    RETURNING e.id`;
}

/**
 * Records an event's processing and marks it processed, only if it was not already: true when this call did it, false
 * when the event was processed before (by this or another worker) or does not exist.
 */
export async function markEventProcessed(runner: SqlRunner, eventId: string, processing: unknown): Promise<boolean> {
  return (await markEventsProcessed(runner, [{ id: eventId, processing }])).has(eventId);
}

/** `markEventProcessed` for many events in one statement: the ids this call marked (the others were processed before). */
export async function markEventsProcessed(
  runner: SqlRunner,
  entries: { id: string; processing: unknown }[],
): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const marked = rowsOf<{ id: string }>(await runner.query(markEventsProcessedSql(1), [JSON.stringify(entries)]));
  return new Set(marked.map((row) => row.id));
}
