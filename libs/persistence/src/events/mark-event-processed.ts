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
