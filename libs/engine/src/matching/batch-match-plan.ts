import { detectLoop, type TriggerDefinition } from '@automations/domain';
import type { EventCausation } from '@automations/persistence';
import type { ClientSnapshot } from '../context/client-snapshot';
import type { RunTrigger } from '../runs/run-creator';
import type { CandidateVerdict, CandidateScreen } from './candidate-screen';
import type { CandidateWorkflow } from './workflow-index';

/** An unprocessed event of a batch, with what its candidates' screens said. */
export interface BatchEvent {
  id: string;
  agencyId: string;
  clientId: string;
  type: string;
  data: Record<string, unknown>;
  occurredAt: Date;
  causation: EventCausation | null;
  screens: { workflow: CandidateWorkflow; screen: CandidateScreen }[];
}

/** Runs of one (workflow, client) series as Postgres counted them under the series lock. */
export interface SeriesFacts {
  /** Live, not skipped, started in the last hour (the loop rate rule). */
  runsInLastHour: number;
  /** Live, not skipped, created inside the dedupe window: the most recent one, if any. */
  recentRunId: string | null;
}

export interface BatchMatchInput {
  events: BatchEvent[];
  /** By `seriesKey(agencyId, clientId)`; null when the client does not exist in the agency. */
  snapshots: Map<string, ClientSnapshot | null>;
  /** The AND partner's state verdict, by `pairKey(eventId, workflowId)`; absent when the workflow has no partner. */
  partnerVerdicts: Map<string, { ok: true } | { ok: false; reason?: string }>;
  /** Whether each fired workflow takes new runs: null when it does, else why not. */
  inactiveReasons: Map<string, string | null>;
  /** By `seriesKey(workflowId, clientId)`. */
  series: Map<string, SeriesFacts>;
  dedupeWindowSeconds: number;
  loopMaxDepth: number;
  loopMaxRunsPerHour: number;
  newRunId: () => string;
}

export interface PlannedRun {
  id: string;
  agencyId: string;
  workflowId: string;
  clientId: string;
  trigger: RunTrigger;
  snapshot: ClientSnapshot;
}

export interface BatchMatchPlan {
  /** Final verdicts of the events the batch settles, in candidate order. */
  verdicts: Map<string, CandidateVerdict[]>;
  /** Runs to insert, in event order. */
  runs: PlannedRun[];
  /**
   * Events left to the one-event path after the batch commits (in batch order): all events of a client for which any
   * event needs what the batch does not do (a loop that pauses a workflow, a deleted client's skipped run).
   */
  deferred: string[];
}

export const seriesKey = (a: string, b: string) => `${a}:${b}`;
export const pairKey = seriesKey;

type Decision = { verdict: CandidateVerdict; run?: PlannedRun } | 'defer';

/**
 * The batch matcher's decisions, without I/O: for each event in order and each candidate, the same verdict the one-event
 * matcher would give — partner state, loop rules, dedupe window (counting runs planned earlier in the batch), inactive
 * workflow — and the runs to create. Anything that needs more than rows (pausing a workflow for a loop, a deleted
 * client's skipped run) defers every event of that client to the one-event path, so a client's events never split
 * between the two paths.
 */
export function planBatchMatch(input: BatchMatchInput): BatchMatchPlan {
  const deferredClients = new Set<string>();
  for (;;) {
    const attempt = planWithout(input, deferredClients);
    if (attempt.deferClient === null) {
      const deferred = input.events
        .filter((event) => deferredClients.has(seriesKey(event.agencyId, event.clientId)))
        .map((event) => event.id);
      return { verdicts: attempt.verdicts, runs: attempt.runs, deferred };
    }
    deferredClients.add(attempt.deferClient);
  }
}

function planWithout(
  input: BatchMatchInput,
  deferredClients: Set<string>,
): Omit<BatchMatchPlan, 'deferred'> & { deferClient: string | null } {
  const verdicts = new Map<string, CandidateVerdict[]>();
  const runs: PlannedRun[] = [];
  const series = new Map([...input.series].map(([key, facts]) => [key, { ...facts }]));
  for (const event of input.events) {
    const client = seriesKey(event.agencyId, event.clientId);
    if (deferredClients.has(client)) continue;
    const list: CandidateVerdict[] = [];
    for (const { workflow, screen } of event.screens) {
      if (!('fired' in screen)) {
        list.push(screen);
        continue;
      }
      const decision = decide(input, event, workflow, screen.fired, series);
      if (decision === 'defer') return { verdicts, runs, deferClient: client };
      list.push(decision.verdict);
      if (decision.run) runs.push(decision.run);
    }
    verdicts.set(event.id, list);
  }
  return { verdicts, runs, deferClient: null };
}

function decide(
  input: BatchMatchInput,
  event: BatchEvent,
  workflow: CandidateWorkflow,
  fired: TriggerDefinition,
  series: Map<string, SeriesFacts>,
): Decision {
  const base = { workflowId: workflow.id, workflowName: workflow.name };
  const snapshot = input.snapshots.get(seriesKey(event.agencyId, event.clientId));
  if (!snapshot) return { verdict: { ...base, outcome: 'not_fired', reason: 'client not found' } };
  if (snapshot.client.deletedAt !== null) return 'defer';
  const partner = input.partnerVerdicts.get(pairKey(event.id, workflow.id));
  if (partner && !partner.ok) return { verdict: { ...base, outcome: 'not_fired', reason: partner.reason } };
  const inactive = input.inactiveReasons.get(workflow.id) ?? null;
  if (inactive) return { verdict: { ...base, outcome: 'not_fired', reason: inactive } };

  const key = seriesKey(workflow.id, event.clientId);
  const facts = series.get(key) ?? { runsInLastHour: 0, recentRunId: null };
  series.set(key, facts);
  const loop = detectLoop({
    causation: event.causation,
    workflowId: workflow.id,
    clientId: event.clientId,
    maxDepth: input.loopMaxDepth,
    runsInLastHour: input.loopMaxRunsPerHour > 0 ? facts.runsInLastHour : 0,
    maxRunsPerHour: input.loopMaxRunsPerHour,
  });
  // As the one-event path: the rate rule does not count an event that the dedupe window merges into a recent run.
  if (loop && !(loop.rule === 'rate' && facts.recentRunId !== null)) return 'defer';
  if (input.dedupeWindowSeconds > 0 && facts.recentRunId !== null)
    return {
      verdict: {
        ...base,
        outcome: 'deduplicated',
        runId: facts.recentRunId,
        reason: `a run for this client started within ${input.dedupeWindowSeconds}s`,
      },
    };
  const run: PlannedRun = {
    id: input.newRunId(),
    agencyId: event.agencyId,
    workflowId: workflow.id,
    clientId: event.clientId,
    snapshot,
    trigger: {
      eventId: event.id,
      type: event.type,
      data: event.data,
      occurredAt: event.occurredAt.toISOString(),
      ...(event.causation ? { causation: event.causation } : {}),
    },
  };
  facts.runsInLastHour += 1;
  // A window of 0 counts no run as recent (the one-event path's `created_at > now() - 0s` finds none of its own transaction's).
  if (input.dedupeWindowSeconds > 0) facts.recentRunId = run.id;
  return { verdict: { ...base, outcome: 'started', runId: run.id }, run };
}
