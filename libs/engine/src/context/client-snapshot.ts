import type { EntityManager } from 'typeorm';
import type { ClientTriggerState, ConditionContext, TemplateContext } from '@automations/domain';
import { AgencyEntity, ClientEntity, UserEntity } from '@automations/persistence';

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

async function latestMetrics(manager: EntityManager, clientId: string): Promise<Record<string, number>> {
  const rows: { metric: string; value: number }[] = await manager.query(
    `SELECT DISTINCT ON (metric) metric, value FROM client_metrics WHERE client_id = $1 ORDER BY metric, recorded_at DESC, created_at DESC`,
    [clientId],
  );
  return Object.fromEntries(rows.map((row) => [row.metric, Number(row.value)]));
}

/** Loads the snapshot of a client (null when the client does not exist in the agency). */
export async function takeClientSnapshot(manager: EntityManager, agencyId: string, clientId: string): Promise<ClientSnapshot | null> {
  const client = await manager.getRepository(ClientEntity).findOne({ where: { id: clientId, agencyId } });
  if (!client) return null;
  // Sequential: inside a transaction these share one connection.
  const agency = await manager.getRepository(AgencyEntity).findOneOrFail({ where: { id: agencyId } });
  const assignee = client.assigneeId ? await manager.getRepository(UserEntity).findOne({ where: { id: client.assigneeId, agencyId } }) : null;
  const metrics = await latestMetrics(manager, clientId);
  return {
    client: {
      id: client.id,
      name: client.name,
      stage: client.stage,
      health: client.health,
      assigneeId: client.assigneeId,
      lastActivityAt: client.lastActivityAt.toISOString(),
      deletedAt: client.deletedAt?.toISOString() ?? null,
      assignee: assignee ? { id: assignee.id, name: assignee.name, email: assignee.email } : null,
    },
    metrics,
    agency: { id: agency.id, name: agency.name, timezone: agency.timezone },
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

export function templateContextOf(snapshot: ClientSnapshot, trigger: Record<string, unknown>, workflowName: string): TemplateContext {
  return {
    client: { name: snapshot.client.name, stage: snapshot.client.stage, health: snapshot.client.health, assignee: snapshot.client.assignee },
    metrics: snapshot.metrics,
    trigger,
    workflow: { name: workflowName },
    agency: { name: snapshot.agency.name },
  };
}

export function conditionContextOf(snapshot: ClientSnapshot, trigger: Record<string, unknown>, now: Date): ConditionContext {
  return { client: snapshot.client, trigger, metrics: snapshot.metrics, now, timezone: snapshot.agency.timezone };
}
