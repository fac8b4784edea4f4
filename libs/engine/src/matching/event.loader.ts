import type { DataSource } from 'typeorm';
import type { EventEntity } from '@automations/persistence';

/** A stored event as matching reads it (one plain query, columns aliased to the entity's fields: this runs once per event). */
const EVENT_COLUMNS = `id, agency_id AS "agencyId", client_id AS "clientId", type, data, occurred_at AS "occurredAt",
  idempotency_key AS "idempotencyKey", causation, source, processed_at AS "processedAt", processing, created_at AS "createdAt"`;

export async function loadEvent(dataSource: DataSource, eventId: string): Promise<EventEntity | null> {
  const [event]: EventEntity[] = await dataSource.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = $1`, [eventId]);
  return event ?? null;
}

/** Many events in one statement, in the order of `eventIds` (the queue's order; missing ids are absent). */
export async function loadEvents(dataSource: DataSource, eventIds: string[]): Promise<EventEntity[]> {
  const rows: EventEntity[] = await dataSource.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE id = ANY($1::uuid[])`, [
    eventIds,
  ]);
  const byId = new Map(rows.map((event) => [event.id, event]));
  return [...new Set(eventIds)].flatMap((id) => byId.get(id) ?? []);
}
