import type { DataSource, EntityManager } from 'typeorm';
import { evaluateTriggerEvent, evaluateTriggerState, TRIGGER_TYPE_OF_EVENT, TriggerDefinition } from '@automations/domain';
import { EventEntity } from '@automations/persistence';
import { loadTriggerState, takeClientSnapshot, type ClientSnapshot } from '../context/client-snapshot';
import { createRun, type RunTrigger } from '../runs/run-creator';
import type { CandidateWorkflow, WorkflowIndex } from './workflow-index';

/** One line of an event's processing record: the "why didn't it fire?" answer. */
export interface CandidateVerdict {
  workflowId: string;
  workflowName: string;
  outcome: 'started' | 'deduplicated' | 'skipped' | 'not_fired';
  runId?: string;
  reason?: string;
}

export interface MatchResult {
  /** False when the event was already processed (by this or another worker). */
  processed: boolean;
  runIdsToEnqueue: string[];
  verdicts: CandidateVerdict[];
}

/**
 * Matches one stored event against the candidate workflows of its agency and trigger type: event
 * form of the trigger that fired, state form of its AND partner, dedupe, deleted client. Runs and
 * the event's processing record commit together, and only once: the event row is locked and must
 * still be unprocessed.
 */
export class EventMatcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly index: WorkflowIndex,
    private readonly options: { dedupeWindowSeconds: number },
  ) {}

  async match(eventId: string): Promise<MatchResult> {
    return this.dataSource.transaction(async (manager) => {
      const event = await manager.getRepository(EventEntity).findOne({ where: { id: eventId }, lock: { mode: 'pessimistic_write' } });
      if (!event || event.processedAt) return { processed: false, runIdsToEnqueue: [], verdicts: [] };

      const triggerType = TRIGGER_TYPE_OF_EVENT[event.type];
      const candidates = triggerType ? await this.index.candidates(event.agencyId, triggerType) : [];
      const verdicts: CandidateVerdict[] = [];
      const runIdsToEnqueue: string[] = [];
      let snapshot: ClientSnapshot | null | undefined;

      for (const workflow of candidates) {
        const verdict = await this.evaluate(manager, event, workflow, async () => (snapshot === undefined ? (snapshot = await takeClientSnapshot(manager, event.agencyId, event.clientId)) : snapshot));
        verdicts.push(verdict);
        if (verdict.outcome === 'started' && verdict.runId) runIdsToEnqueue.push(verdict.runId);
      }
      await manager.query(`UPDATE events SET processed_at = now(), processing = $2::jsonb WHERE id = $1`, [event.id, JSON.stringify(verdicts)]);
      return { processed: true, runIdsToEnqueue, verdicts };
    });
  }

  private async evaluate(manager: EntityManager, event: EventEntity, workflow: CandidateWorkflow, snapshotOf: () => Promise<ClientSnapshot | null>): Promise<CandidateVerdict> {
    const base = { workflowId: workflow.id, workflowName: workflow.name };
    if (workflow.triggers.some((trigger) => trigger.type === 'scheduled')) return { ...base, outcome: 'not_fired', reason: 'fires only on its schedule' };

    const fired = workflow.triggers.map((trigger) => ({ trigger, verdict: evaluateTriggerEvent(trigger, event) })).find((entry) => entry.verdict.ok);
    if (!fired) {
      const firstReason = workflow.triggers.map((trigger) => evaluateTriggerEvent(trigger, event)).find((verdict) => !verdict.ok && !verdict.reason?.includes('does not fire on'));
      return { ...base, outcome: 'not_fired', reason: firstReason?.reason ?? `no trigger fires on ${event.type}` };
    }

    const snapshot = await snapshotOf();
    if (!snapshot) return { ...base, outcome: 'not_fired', reason: 'client not found' };
    const partner: TriggerDefinition | undefined = workflow.triggers.find((trigger) => trigger !== fired.trigger);
    if (partner && snapshot.client.deletedAt === null) {
      const state = evaluateTriggerState(partner, await loadTriggerState(manager, snapshot), new Date());
      if (!state.ok) return { ...base, outcome: 'not_fired', reason: state.reason };
    }

    const trigger: RunTrigger = {
      eventId: event.id,
      type: event.type,
      data: event.data,
      occurredAt: event.occurredAt.toISOString(),
      ...(event.causation ? { causation: event.causation } : {}),
    };
    const created = await createRun(manager, { agencyId: event.agencyId, workflowId: workflow.id, snapshot, trigger, dedupeWindowSeconds: this.options.dedupeWindowSeconds });
    switch (created.outcome) {
      case 'started':
        return { ...base, outcome: 'started', runId: created.runId };
      case 'skipped':
        return { ...base, outcome: 'skipped', runId: created.runId, reason: created.reason };
      case 'deduplicated':
        return { ...base, outcome: 'deduplicated', runId: created.runId, reason: `a run for this client started within ${this.options.dedupeWindowSeconds}s` };
      case 'inactive':
        return { ...base, outcome: 'not_fired', reason: created.reason };
    }
  }
}
