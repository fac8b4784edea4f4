import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { EventCausation, EventSource } from '../entities/event.entity';
import { lockClients } from './lock-clients';

/** Events that count as client activity: they move the client's `lastActivityAt` forward. */
export const ACTIVITY_EVENT_TYPES: ReadonlySet<string> = new Set([
  'client.activity',
  'message.received',
  'ticket.created',
]);

export interface EventToRecord {
  agencyId: string;
  clientId: string;
  type: string;
  data: Record<string, unknown>;
  /** Default: now. */
  occurredAt?: Date;
  idempotencyKey?: string | null;
  source: EventSource;
  causation?: EventCausation | null;
}

export interface RecordedEvent {
  id: string;
  /** True when the idempotency key was already used: `id` is the first event's, nothing was stored. */
  deduplicated: boolean;
}

interface PendingRow {
  id: string;
  event: EventToRecord;
  occurredAt: Date;
}

const COLUMNS = [
  'id',
  'agency_id',
  'client_id',
  'type',
  'data',
  'occurred_at',
  'idempotency_key',
  'causation',
  'source',
] as const;
const CASTS: Record<(typeof COLUMNS)[number], string> = {
  id: 'uuid',
  agency_id: 'uuid',
  client_id: 'uuid',
  type: 'text',
  data: 'jsonb',
  occurred_at: 'timestamptz',
  idempotency_key: 'text',
  causation: 'jsonb',
  source: 'text',
};

const keyOf = (event: EventToRecord) =>
  event.idempotencyKey ? `${event.agencyId}\u0000${event.idempotencyKey}` : null;

/**
 * Stores domain events (the engine consumes them later). Race-safe idempotency: the insert is
 * `ON CONFLICT DO NOTHING` on the partial unique index (agency_id, idempotency_key), and a
 * conflicting key resolves to the id of the row that won. Activity events move their client's
 * `lastActivityAt` forward (never back). Pass the caller's transaction manager so the event
 * commits with the change it describes.
 */
export class EventRecorder {
  constructor(private readonly dataSource: DataSource) {}

  async record(event: EventToRecord, manager?: EntityManager): Promise<RecordedEvent> {
    const [recorded] = await this.recordMany([event], manager);
    return recorded;
  }

  /** Stores the events with one multi-row insert; results are in the order of `events`. */
  async recordMany(events: EventToRecord[], manager?: EntityManager): Promise<RecordedEvent[]> {
    if (events.length === 0) return [];
    if (!manager) return this.dataSource.transaction((transaction) => this.recordMany(events, transaction));

    // The same key twice in one call: later ones are duplicates of the first.
    const firstIndexByKey = new Map<string, number>();
    const rows: PendingRow[] = [];
    const rowOfIndex: (PendingRow | number)[] = events.map((event, index) => {
      const key = keyOf(event);
      const first = key === null ? undefined : firstIndexByKey.get(key);
      if (first !== undefined) return first;
      if (key !== null) firstIndexByKey.set(key, index);
      const row = { id: randomUUID(), event, occurredAt: event.occurredAt ?? new Date() };
      rows.push(row);
      return row;
    });

    await this.lockActivityClients(manager, rows);
    const inserted = await this.insert(manager, rows);
    const winners = await this.resolveConflicts(
      manager,
      rows.filter((row) => !inserted.has(row.id)),
    );
    await this.moveLastActivity(
      manager,
      rows.filter((row) => inserted.has(row.id)),
    );
    await this.followReportedStages(
      manager,
      rows.filter((row) => inserted.has(row.id)),
    );

    const resultOf = (row: PendingRow): RecordedEvent =>
      inserted.has(row.id)
        ? { id: row.id, deduplicated: false }
        : { id: winners.get(keyOf(row.event)!)!, deduplicated: true };
    return rowOfIndex.map((entry) => {
      if (typeof entry !== 'number') return resultOf(entry);
      const first = rowOfIndex[entry] as PendingRow;
      return { id: resultOf(first).id, deduplicated: true };
    });
  }

  /**
   * Client rows are locked before idempotency keys are claimed, in id order, like every other
   * writer of clients here (PATCH, metrics, POST /events): concurrent writers cannot deadlock.
   */
  private async lockActivityClients(manager: EntityManager, rows: PendingRow[]): Promise<void> {
    for (const [agencyId, latestByClient] of this.activityTargets(rows))
      await lockClients(manager, agencyId, latestByClient.keys());
  }

  /** Returns the ids of the rows actually inserted. Rows are sorted by key so concurrent batches claim keys in the same order. */
  private async insert(manager: EntityManager, rows: PendingRow[]): Promise<Set<string>> {
    const sortKey = (row: PendingRow) => keyOf(row.event) ?? '\uffff';
    const sorted = [...rows].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
    const params: unknown[] = [];
    const tuples = sorted.map(({ id, event, occurredAt }) => {
      const values = [
        id,
        event.agencyId,
        event.clientId,
        event.type,
        JSON.stringify(event.data),
        occurredAt,
        event.idempotencyKey ?? null,
        event.causation ? JSON.stringify(event.causation) : null,
        event.source,
      ];
      const placeholders = values.map((value, column) => {
        params.push(value);
        return `$${params.length}::${CASTS[COLUMNS[column]]}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const returned: { id: string }[] = await manager.query(
      `INSERT INTO events (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}
       ON CONFLICT (agency_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
       RETURNING id`,
      params,
    );
    return new Set(returned.map((row) => row.id));
  }

  /**
   * Keys that conflicted: the winning row is committed (or ours, earlier in this transaction)
   * by the time ON CONFLICT returns, so a fresh read-committed SELECT sees it.
   */
  private async resolveConflicts(manager: EntityManager, rows: PendingRow[]): Promise<Map<string, string>> {
    const winners = new Map<string, string>();
    const keysByAgency = new Map<string, string[]>();
    for (const { event } of rows)
      keysByAgency.set(event.agencyId, [...(keysByAgency.get(event.agencyId) ?? []), event.idempotencyKey!]);
    for (const [agencyId, keys] of keysByAgency) {
      const found: { id: string; idempotency_key: string }[] = await manager.query(
        `SELECT id, idempotency_key FROM events WHERE agency_id = $1 AND idempotency_key = ANY($2::text[])`,
        [agencyId, keys],
      );
      for (const row of found) winners.set(`${agencyId}\u0000${row.idempotency_key}`, row.id);
    }
    for (const { event } of rows) {
      if (!winners.has(keyOf(event)!))
        throw new Error(`Idempotency key conflict without a stored event (${event.idempotencyKey})`);
    }
    return winners;
  }

  private async moveLastActivity(manager: EntityManager, rows: PendingRow[]): Promise<void> {
    for (const [agencyId, latestByClient] of this.activityTargets(rows)) {
      await manager.query(
        `UPDATE clients AS c SET last_activity_at = GREATEST(c.last_activity_at, v.at)
         FROM unnest($2::uuid[], $3::timestamptz[]) AS v(id, at)
         WHERE c.agency_id = $1 AND c.id = v.id`,
        [agencyId, [...latestByClient.keys()], [...latestByClient.values()]],
      );
    }
  }

  /**
   * A stage change an integrator reports (`POST /events`) moves the client's stored stage, which is
   * what state forms (an AND partner "client is in …") read — unless the stored stage changed after
   * the event happened, so late, out-of-order events never move it back. Changes made here (PATCH,
   * the update_client action) record their event after moving the stage themselves.
   */
  private async followReportedStages(manager: EntityManager, rows: PendingRow[]): Promise<void> {
    const latest = new Map<string, PendingRow>();
    for (const row of rows) {
      const { event } = row;
      if (event.type !== 'client.stage_changed' || event.source !== 'api' || typeof event.data.toStage !== 'string')
        continue;
      const key = `${event.agencyId}\u0000${event.clientId}`;
      const current = latest.get(key);
      if (!current || current.occurredAt <= row.occurredAt) latest.set(key, row);
    }
    if (latest.size === 0) return;
    // One statement for all of them (a group-committed ingest brings many); each client appears once.
    const targets = [...latest.values()];
    await manager.query(
      `UPDATE clients AS c SET stage = v.stage, stage_changed_at = v.at, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[]) AS v(agency_id, id, stage, at)
        WHERE c.agency_id = v.agency_id AND c.id = v.id AND c.deleted_at IS NULL AND c.stage_changed_at < v.at`,
      [
        targets.map(({ event }) => event.agencyId),
        targets.map(({ event }) => event.clientId),
        targets.map(({ event }) => event.data.toStage as string),
        targets.map(({ occurredAt }) => occurredAt),
      ],
    );
  }

  /** agencyId → clientId → latest occurredAt, over the activity events among `rows`. */
  private activityTargets(rows: PendingRow[]): Map<string, Map<string, Date>> {
    const targets = new Map<string, Map<string, Date>>();
    for (const { event, occurredAt } of rows) {
      if (!ACTIVITY_EVENT_TYPES.has(event.type)) continue;
      const clients = targets.get(event.agencyId) ?? new Map<string, Date>();
      const current = clients.get(event.clientId);
      if (!current || current < occurredAt) clients.set(event.clientId, occurredAt);
      targets.set(event.agencyId, clients);
    }
    return targets;
  }
}
