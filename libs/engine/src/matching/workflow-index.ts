import type { DataSource } from 'typeorm';
import type { TriggerDefinition, TriggerType } from '@automations/domain';

export interface CandidateWorkflow {
  id: string;
  name: string;
  triggers: TriggerDefinition[];
}

interface AgencyEntry {
  loadedAt: number;
  byTriggerType: Map<TriggerType, CandidateWorkflow[]>;
}

/**
 * Active workflows of an agency grouped by trigger type, kept in memory so matching an event never
 * scans every workflow. Entries are dropped when the API announces a change (Redis pub/sub) and
 * expire after `ttlMs` as a safety net; run creation re-checks the workflow row under a lock anyway.
 */
export class WorkflowIndex {
  private readonly agencies = new Map<string, AgencyEntry>();
  private readonly loading = new Map<string, Promise<AgencyEntry>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs = 30_000,
  ) {}

  async candidates(agencyId: string, triggerType: TriggerType): Promise<CandidateWorkflow[]> {
    const cached = this.agencies.get(agencyId);
    const entry = cached && Date.now() - cached.loadedAt < this.ttlMs ? cached : await this.load(agencyId);
    return entry.byTriggerType.get(triggerType) ?? [];
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
    const byTriggerType = new Map<TriggerType, CandidateWorkflow[]>();
    for (const workflow of rows) {
      for (const type of new Set(workflow.triggers.map((trigger) => trigger.type))) {
        byTriggerType.set(type, [...(byTriggerType.get(type) ?? []), workflow]);
      }
    }
    const entry = { loadedAt: Date.now(), byTriggerType };
    this.agencies.set(agencyId, entry);
    return entry;
  }
}

/** Redis channel on which the API announces that an agency's workflows changed. */
export const workflowChangesChannel = (queuePrefix: string) => `${queuePrefix}:workflow-changes`;
