import type { DataSource } from 'typeorm';
import type { EventEntity } from '@automations/persistence';

/** The fields of a stored event that matching reads (one plain query: this runs once per event). */
export async function loadEvent(dataSource: DataSource, eventId: string): Promise<EventEntity | null> {
  const [row]: Record<string, unknown>[] = await dataSource.query(
    `SELECT id, agency_id, client_id, type, data, occurred_at, idempotency_key, causation, source, processed_at, processing, created_at FROM events WHERE id = $1`,
    [eventId],
  );
  if (!row) return null;
  return {
    id: row.id as string,
    agencyId: row.agency_id as string,
    clientId: row.client_id as string,
    type: row.type as string,
    data: row.data as EventEntity['data'],
    occurredAt: row.occurred_at as Date,
    idempotencyKey: row.idempotency_key as string | null,
    causation: row.causation as EventEntity['causation'],
    source: row.source as EventEntity['source'],
    processedAt: row.processed_at as Date | null,
    processing: row.processing as EventEntity['processing'],
    createdAt: row.created_at as Date,
  };
}
