import type { DataSource, EntityManager } from 'typeorm';
import { eventRoutes, evaluateTriggerState, TRIGGER_TYPE_OF_EVENT, TriggerDefinition } from '@automations/domain';
import { markEventProcessed, type EventEntity } from '@automations/persistence';
import { loadEvent } from './event.loader';
import type { EmittedEvent } from '../actions/action-executor';
import type { EmittedEventSettler } from '../runs/emitted-event-settler';
import { loadTriggerState, takeClientSnapshot, type ClientSnapshot } from '../context/client-snapshot';
import { DEFAULT_LOOP_LIMITS, LoopBreaker } from '../loops/loop-breaker';
import { createRun, type CreateRunInput, type RunTrigger } from '../runs/run-creator';
import type { CandidateWorkflow, WorkflowIndex } from './workflow-index';
import { type CandidateVerdict, partnerOf, screenCandidate } from './candidate-screen';

export type { CandidateVerdict } from './candidate-screen';

export interface MatchResult {
  /** False when the event was already processed (by this or another worker). */
  processed: boolean;
  /** The event's agency and client (null when the event does not exist). */
  agencyId: string | null;
  clientId: string | null;
  runIdsToEnqueue: string[];
  verdicts: CandidateVerdict[];
}

export interface EventMatcherOptions {
  dedupeWindowSeconds: number;
  /** LOOP_MAX_DEPTH (default 5). */
  loopMaxDepth?: number;
  /** LOOP_MAX_RUNS_PER_HOUR (default 20). */
  loopMaxRunsPerHour?: number;
}

/**
 * Matches one stored event against the candidate workflows of its agency and trigger type: event
 * form of the trigger that fired, state form of its AND partner, loop prevention, dedupe, deleted
 * client. Runs and the event's processing record commit together, and only once: the event row is
 * locked and must still be unprocessed.
 */
export class EventMatcher implements EmittedEventSettler {
  private readonly loops: LoopBreaker;

  constructor(
    private readonly dataSource: DataSource,
    private readonly index: WorkflowIndex,
    private readonly options: EventMatcherOptions,
  ) {
    this.loops = new LoopBreaker({
      maxDepth: options.loopMaxDepth ?? DEFAULT_LOOP_LIMITS.maxDepth,
      maxRunsPerHour: options.loopMaxRunsPerHour ?? DEFAULT_LOOP_LIMITS.maxRunsPerHour,
    });
  }

  async match(eventId: string): Promise<MatchResult> {
    // Read before the transaction: loading the candidates may need a pooled connection of its own, and
    // asking for one while this job holds another can starve the pool (every job waiting on a second one).
    const event = await loadEvent(this.dataSource, eventId);
    if (!event || event.processedAt)
      return {
        processed: false,
        agencyId: event?.agencyId ?? null,
        clientId: event?.clientId ?? null,
        runIdsToEnqueue: [],
        verdicts: [],
      };
    const triggerType = TRIGGER_TYPE_OF_EVENT[event.type];
    const candidates = triggerType
      ? await this.index.candidates(event.agencyId, triggerType, eventRoutes(triggerType, event.data))
      : [];
    // Trigger filters read only the event: workflows they reject need no lock, no snapshot and no transaction.
    const screened = candidates.map((workflow) => ({ workflow, screen: screenCandidate(workflow, event) }));
    if (!screened.some(({ screen }) => 'fired' in screen))
      return this.markProcessedWithoutRuns(
        event,
        screened.map(({ screen }) => screen as CandidateVerdict),
      );

    const pausedIn: string[] = [];
    const result = await this.dataSource.transaction(async (manager) => {
      // The lock makes the event's processing happen once across workers.
      const [locked]: { processed_at: Date | null }[] = await manager.query(
        `SELECT processed_at FROM events WHERE id = $1 FOR UPDATE`,
        [event.id],
      );
      if (!locked || locked.processed_at)
        return {
          processed: false,
          agencyId: event.agencyId,
          clientId: event.clientId,
          runIdsToEnqueue: [],
          verdicts: [],
        };

      const verdicts: CandidateVerdict[] = [];
      const runIdsToEnqueue: string[] = [];
      let snapshot: ClientSnapshot | null | undefined;

      for (const { workflow, screen } of screened) {
        const verdict =
          'fired' in screen
            ? await this.evaluate(
                manager,
                event,
                workflow,
                screen.fired,
                async () =>
                  snapshot === undefined
                    ? (snapshot = await takeClientSnapshot(manager, event.agencyId, event.clientId))
                    : snapshot,
                pausedIn,
              )
            : screen;
        verdicts.push(verdict);
        if (verdict.outcome === 'started' && verdict.runId) runIdsToEnqueue.push(verdict.runId);
      }
      await markEventProcessed(manager, event.id, verdicts);
      return { processed: true, agencyId: event.agencyId, clientId: event.clientId, runIdsToEnqueue, verdicts };
    });
    // A workflow paused for a loop leaves this worker's index now; other workers re-check the row when creating runs.
    if (pausedIn.length) this.index.invalidate(pausedIn[0]);
    return result;
  }

  /**
   * For an event a step just stored: when the index is warm and no workflow fires on the event, its verdicts (the step's
   * transaction records them and it needs no matching job); otherwise null, and it is enqueued.
   */
  screenInline(event: EmittedEvent): CandidateVerdict[] | null {
    const triggerType = TRIGGER_TYPE_OF_EVENT[event.type];
    const candidates = triggerType
      ? this.index.cachedCandidates(event.agencyId, triggerType, eventRoutes(triggerType, event.data))
      : [];
    if (candidates === null) return null;
    const screens = candidates.map((workflow) => screenCandidate(workflow, event));
    if (screens.some((screen) => 'fired' in screen)) return null;
    return screens as CandidateVerdict[];
  }

  /** No workflow fires on this event: one conditional write records the verdicts (no lock, no transaction). */
  private async markProcessedWithoutRuns(event: EventEntity, verdicts: CandidateVerdict[]): Promise<MatchResult> {
    const processed = await markEventProcessed(this.dataSource, event.id, verdicts);
    return { processed, agencyId: event.agencyId, clientId: event.clientId, runIdsToEnqueue: [], verdicts };
  }

  private async evaluate(
    manager: EntityManager,
    event: EventEntity,
    workflow: CandidateWorkflow,
    firedTrigger: TriggerDefinition,
    snapshotOf: () => Promise<ClientSnapshot | null>,
    pausedIn: string[],
  ): Promise<CandidateVerdict> {
    const base = { workflowId: workflow.id, workflowName: workflow.name };
    const snapshot = await snapshotOf();
    if (!snapshot) return { ...base, outcome: 'not_fired', reason: 'client not found' };
    const partner = partnerOf(workflow.triggers, firedTrigger);
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
    const input: CreateRunInput = {
      agencyId: event.agencyId,
      workflowId: workflow.id,
      snapshot,
      trigger,
      dedupeWindowSeconds: this.options.dedupeWindowSeconds,
    };
    if (snapshot.client.deletedAt === null) {
      const loop = await this.loops.check(manager, {
        workflowId: workflow.id,
        clientId: snapshot.client.id,
        causation: event.causation,
        dedupeWindowSeconds: this.options.dedupeWindowSeconds,
      });
      if (loop) {
        const skipped = await createRun(manager, { ...input, skipReason: `loop detected: ${loop.reason}` });
        if (skipped.outcome !== 'skipped')
          return {
            ...base,
            outcome: 'not_fired',
            reason: skipped.outcome === 'inactive' ? skipped.reason : 'workflow not active',
          };
        const pausedNow = await this.loops.pause(manager, {
          agencyId: event.agencyId,
          workflowId: workflow.id,
          workflowName: workflow.name,
          clientId: snapshot.client.id,
          clientName: snapshot.client.name,
          eventId: event.id,
          runId: skipped.runId,
          verdict: loop,
        });
        if (pausedNow) pausedIn.push(event.agencyId);
        return { ...base, outcome: 'skipped', runId: skipped.runId, reason: skipped.reason };
      }
    }
    const created = await createRun(manager, input);
    switch (created.outcome) {
      case 'started':
        return { ...base, outcome: 'started', runId: created.runId };
      case 'skipped':
        return { ...base, outcome: 'skipped', runId: created.runId, reason: created.reason };
      case 'deduplicated':
        return {
          ...base,
          outcome: 'deduplicated',
          runId: created.runId,
          reason: `a run for this client started within ${this.options.dedupeWindowSeconds}s`,
        };
      case 'inactive':
        return { ...base, outcome: 'not_fired', reason: created.reason };
    }
  }
}
