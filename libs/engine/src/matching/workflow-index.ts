import type { DataSource } from 'typeorm';
import { triggerRoute, type TriggerDefinition, type TriggerType } from '@automations/domain';

export interface CandidateWorkflow {
  id: string;
  name: string;
  triggers: TriggerDefinition[];
}

interface TypeEntry {
  all: CandidateWorkflow[];
  /** Route (see `triggerRoute`) → workflows with a trigger of this type filed there. */
  byRoute: Map<string, CandidateWorkflow[]>;
}

interface AgencyEntry {
  loadedAt: number;
  byTriggerType: Map<TriggerType, TypeEntry>;
}

/**
 * Up to this many workflows of a trigger type, every one of them is a candidate, so an event's record explains each
 * ("why didn't it fire?"); past it, only those filed under the event's routes are (the cost of an event no longer grows
 * with the number of workflows, and the record stays small).
 */
export const ROUTE_ABOVE_WORKFLOWS = 200;

/**
 * Active workflows of an agency grouped by trigger type (and route, see ROUTE_ABOVE_WORKFLOWS), kept in memory so
 * matching an event never scans every workflow. Entries are dropped when the API announces a change (Redis pub/sub) and
 * expire after `ttlMs` as a safety net; run creation re-checks the workflow row under a lock anyway.
 */
export class WorkflowIndex {
  private readonly agencies = new Map<string, AgencyEntry>();
  private readonly loading = new Map<string, Promise<AgencyEntry>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs = 30_000,
    private readonly routeAbove = ROUTE_ABOVE_WORKFLOWS,
  ) {}

  /** Workflows with a trigger of `triggerType`; past ROUTE_ABOVE_WORKFLOWS, only those filed under `routes` (`eventRoutes`). */
  async candidates(agencyId: string, triggerType: TriggerType, routes: string[]): Promise<CandidateWorkflow[]> {
    return this.candidatesIn(this.fresh(agencyId) ?? (await this.load(agencyId)), triggerType, routes);
  }

  /** The same, from memory only: null when the agency's entry is not loaded (or expired), so no query is ever made. */
  cachedCandidates(agencyId: string, triggerType: TriggerType, routes: string[]): CandidateWorkflow[] | null {
    const entry = this.fresh(agencyId);
    return entry ? this.candidatesIn(entry, triggerType, routes) : null;
  }

  private fresh(agencyId: string): AgencyEntry | null {
    const cached = this.agencies.get(agencyId);
    return cached && Date.now() - cached.loadedAt < this.ttlMs ? cached : null;
  }

  private candidatesIn(entry: AgencyEntry, triggerType: TriggerType, routes: string[]): CandidateWorkflow[] {
    const type = entry.byTriggerType.get(triggerType);
    if (!type) return [];
    if (type.all.length <= this.routeAbove) return type.all;
    const found = new Map<string, CandidateWorkflow>();
    for (const route of routes) for (const workflow of type.byRoute.get(route) ?? []) found.set(workflow.id, workflow);
    return [...found.values()];
  }

  invalidate(agencyId?: string): void {
    if (agencyId) this.agencies.delete(agencyId);
    else this.agencies.clear();
  }

  private load(agencyId: string): Promise<AgencyEntry> {
    const pending = this.loading.get(agencyId);
    if (pending) return pending;
    const promise = this.fetch(agencyId).finally(() => this.loading.delete(agencyId));
    this.loading.set(agencyId, promise);
    return promise;
  }

  private async fetch(agencyId: string): Promise<AgencyEntry> {
    const rows: CandidateWorkflow[] = await this.dataSource.query(
      `SELECT id, name, triggers FROM workflows WHERE agency_id = $1 AND is_active AND deleted_at IS NULL`,
      [agencyId],
    );
    const byTriggerType = new Map<TriggerType, TypeEntry>();
    for (const workflow of rows) {
      for (const trigger of workflow.triggers) {
        const type = byTriggerType.get(trigger.type) ?? { all: [], byRoute: new Map<string, CandidateWorkflow[]>() };
        byTriggerType.set(trigger.type, type);
        // A workflow's two triggers are filed one after the other: a repeat can only be the last one.
        if (type.all[type.all.length - 1] !== workflow) type.all.push(workflow);
        const route = triggerRoute(trigger);
        const filed = type.byRoute.get(route) ?? [];
        if (filed[filed.length - 1] !== workflow) filed.push(workflow);
        type.byRoute.set(route, filed);
      }
    }
    const entry = { loadedAt: Date.now(), byTriggerType };
    this.agencies.set(agencyId, entry);
    return entry;
  }
}

/** Redis channel on which the API announces that an agency's workflows changed. */
export const workflowChangesChannel = (queuePrefix: string) => `${queuePrefix}:workflow-changes`;
