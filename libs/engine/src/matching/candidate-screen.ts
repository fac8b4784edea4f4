import {
  evaluateTriggerEvent,
  scheduleTriggerOf,
  type TriggerDefinition,
  type TriggerEvent,
} from '@automations/domain';
import type { CandidateWorkflow } from './workflow-index';

/** One line of an event's processing record: the "why didn't it fire?" answer. */
export interface CandidateVerdict {
  workflowId: string;
  workflowName: string;
  outcome: 'started' | 'deduplicated' | 'skipped' | 'not_fired';
  runId?: string;
  reason?: string;
}

/** What the event alone says of a candidate: its final verdict, or the trigger that fired (the rest needs the client's state). */
export type CandidateScreen = CandidateVerdict | { fired: TriggerDefinition };

export function hasFired(screen: CandidateScreen): screen is { fired: TriggerDefinition } {
  return 'fired' in screen;
}

/** Trigger filters read only the event: workflows they reject need no lock, no snapshot and no transaction. */
export function screenCandidate(workflow: CandidateWorkflow, event: TriggerEvent): CandidateScreen {
  const base = { workflowId: workflow.id, workflowName: workflow.name };
  if (scheduleTriggerOf(workflow.triggers))
    return { ...base, outcome: 'not_fired', reason: 'fires only on its schedule' };
  const verdicts = workflow.triggers.map((trigger) => ({ trigger, verdict: evaluateTriggerEvent(trigger, event) }));
  const fired = verdicts.find((entry) => entry.verdict.ok);
  if (fired) return { fired: fired.trigger };
  const firstReason = verdicts
    .map((entry) => entry.verdict)
    .find((verdict) => !verdict.ok && verdict.code !== 'wrong_event');
  return { ...base, outcome: 'not_fired', reason: firstReason?.reason ?? `no trigger fires on ${event.type}` };
}

/** The partner of the trigger that fired (the other trigger of an AND pair), if any. */
export function partnerOf(triggers: TriggerDefinition[], fired: TriggerDefinition): TriggerDefinition | undefined {
  return triggers.find((trigger) => trigger !== fired);
}
