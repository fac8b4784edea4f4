import type { EntityManager } from 'typeorm';
import type { ClientTriggerState, ConditionContext, TemplateContext } from '@automations/domain';

/** What a run remembers of its client at trigger time; templates and conditions read only this. */
export interface ClientSnapshot {
  client: {
    id: string;
    name: string;
    stage: string;
    health: string;
    assigneeId: string | null;
    lastActivityAt: string;
    deletedAt: string | null;
    assignee: { id: string; name: string; email: string } | null;
  };
  metrics: Record<string, number>;
  agency: { id: string; name: string; timezone: string };
  takenAt: string;
}

interface SnapshotRow {
  id: string;
  name: string;
  stage: string;
  health: string;
  assignee_id: string | null;
  last_activity_at: Date;
  deleted_at: Date | null;
  agency_id: string;
  agency_name: string;
  timezone: string;
  assignee_name: string | null;
  assignee_email: string | null;
  metrics: Record<string, number | string> | null;
}

/**
 * Clients (ids in $1, their agencies in $2, pairwise) with their agency, their assignee (an active or inactive user of
 * the same agency) and the latest value of each metric, in one statement: this runs for every batch of events that
 * reaches a candidate workflow.
 */
const SNAPSHOT_SQL = `
  SELECT c.id, c.name, c.stage, c.health, c.assignee_id, c.last_activity_at, c.deleted_at,
         a.id AS agency_id, a.name AS agency_name, a.timezone,
         u.name AS assignee_name, u.email AS assignee_email,
         (SELECT json_object_agg(m.metric, m.value) FROM (
            SELECT DISTINCT ON (metric) metric, value FROM client_metrics WHERE client_id = c.id ORDER BY metric, recorded_at DESC, created_at DESC) m) AS metrics
    FROM clients c
    JOIN agencies a ON a.id = c.agency_id
    LEFT JOIN users u ON u.id = c.assignee_id AND u.agency_id = c.agency_id
   WHERE (c.id, c.agency_id) IN (SELECT * FROM unnest($1::uuid[], $2::uuid[]))`;

/** Loads the snapshot of a client (null when the client does not exist in the agency). */
export async function takeClientSnapshot(
  manager: EntityManager,
  agencyId: string,
  clientId: string,
): Promise<ClientSnapshot | null> {
  return (await takeClientSnapshots(manager, [{ agencyId, clientId }])).get(`${agencyId}:${clientId}`) ?? null;
}

/** The snapshots of many clients in one statement, keyed `agencyId:clientId` (clients missing from their agency are absent). */
export async function takeClientSnapshots(
  manager: EntityManager,
  clients: { agencyId: string; clientId: string }[],
): Promise<Map<string, ClientSnapshot>> {
  if (clients.length === 0) return new Map();
  const rows: SnapshotRow[] = await manager.query(SNAPSHOT_SQL, [
    clients.map((client) => client.clientId),
    clients.map((client) => client.agencyId),
  ]);
  return new Map(rows.map((row) => [`${row.agency_id}:${row.id}`, snapshotOf(row)]));
}

function snapshotOf(row: SnapshotRow): ClientSnapshot {
  return {
    client: {
      id: row.id,
      name: row.name,
      stage: row.stage,
      health: row.health,
      assigneeId: row.assignee_id,
      lastActivityAt: row.last_activity_at.toISOString(),
      deletedAt: row.deleted_at?.toISOString() ?? null,
      assignee:
        row.assignee_id && row.assignee_email !== null
          ? { id: row.assignee_id, name: row.assignee_name ?? '', email: row.assignee_email }
          : null,
    },
    metrics: Object.fromEntries(Object.entries(row.metrics ?? {}).map(([metric, value]) => [metric, Number(value)])),
    agency: { id: row.agency_id, name: row.agency_name, timezone: row.timezone },
    takenAt: new Date().toISOString(),
  };
}

/** Facts a trigger's state form reads: the snapshot plus messages and tickets of the last 24 h. */
export async function loadTriggerState(manager: EntityManager, snapshot: ClientSnapshot): Promise<ClientTriggerState> {
  const recent: { type: string; data: Record<string, unknown> }[] = await manager.query(
    `SELECT type, data FROM events WHERE client_id = $1 AND type IN ('message.received', 'ticket.created') AND occurred_at >= now() - interval '24 hours'`,
    [snapshot.client.id],
  );
  return {
    stage: snapshot.client.stage,
    lastActivityAt: new Date(snapshot.client.lastActivityAt),
    latestMetrics: snapshot.metrics,
    recentMessages: recent.filter((event) => event.type === 'message.received').map((event) => event.data),
    recentTickets: recent.filter((event) => event.type === 'ticket.created').map((event) => event.data),
  };
}

export function templateContextOf(
  snapshot: ClientSnapshot,
  trigger: Record<string, unknown>,
  workflowName: string,
): TemplateContext {
  return {
    client: {
      name: snapshot.client.name,
      stage: snapshot.client.stage,
      health: snapshot.client.health,
      assignee: snapshot.client.assignee,
    },
    metrics: snapshot.metrics,
    trigger,
    workflow: { name: workflowName },
    agency: { name: snapshot.agency.name },
  };
}

export function conditionContextOf(
  snapshot: ClientSnapshot,
  trigger: Record<string, unknown>,
  now: Date,
): ConditionContext {
  return { client: snapshot.client, trigger, metrics: snapshot.metrics, now, timezone: snapshot.agency.timezone };
}
