import type { DataSource } from 'typeorm';
import type { EventEntity } from '@automations/persistence';

/** A stored event as matching reads it (one plain query, columns aliased to the entity's fields: this runs once per event). */
export async function loadEvent(dataSource: DataSource, eventId: string): Promise<EventEntity | null> {
  const [event]: EventEntity[] = await dataSource.query(
    `SELECT id, agency_id AS "agencyId", client_id AS "clientId", type, data, occurred_at AS "occurredAt", idempotency_key AS "idempotencyKey",
            causation, source, processed_at AS "processedAt", processing, created_at AS "createdAt"
       FROM events WHERE id = $1`,
    [eventId],
  );
  return event ?? null;
}
