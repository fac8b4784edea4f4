/**
 * Loop prevention at run time (PRODUCT.md §5, "Loops"): pure rules, evaluated by the engine before
 * it creates a run for an event.
 *
 * Depth: an event raised by a user or an integrator has no causation and depth 0; an event emitted
 * by a run carries the depth of that run. A run started by an event of depth `d` is at depth
 * `d + 1` (it is the `d + 1`-th workflow of its chain), and so are the events it emits.
 * "Deeper than LOOP_MAX_DEPTH" means the run would be at a depth over `maxDepth`: a chain of exactly
 * `maxDepth` runs passes, the run that would be number `maxDepth + 1` is skipped. Events without
 * causation are never stopped by depth (they start a chain). Retrying a run reuses its stored
 * trigger (causation included), so a retry is the same link of the chain, not a new one.
 *
 * Rate: "more than LOOP_MAX_RUNS_PER_HOUR runs of one workflow for one client": with
 * `runsInLastHour` runs already started in the last hour, the next one is skipped once
 * `runsInLastHour >= maxRunsPerHour`, so at most `maxRunsPerHour` runs start per rolling hour.
 *
 * A limit of 0 disables its rule (a zero limit would otherwise stop every run).
 */

/** The causation an action-emitted event carries (same shape as the stored `events.causation`). */
export interface LoopCausation {
  rootEventId: string;
  chain: readonly { workflowId: string; clientId: string }[];
  depth: number;
}

export interface LoopCheckInput {
  /** The causation of the event being matched; null/undefined for user and integrator events. */
  causation: LoopCausation | null | undefined;
  workflowId: string;
  clientId: string;
  /** LOOP_MAX_DEPTH: the longest chain of runs allowed (0 disables the rule). */
  maxDepth: number;
  /** Live runs of this workflow for this client started within the last hour (skipped runs excluded). */
  runsInLastHour: number;
  /** LOOP_MAX_RUNS_PER_HOUR (0 disables the rule). */
  maxRunsPerHour: number;
}

export type LoopRule = 'cycle' | 'depth' | 'rate';

export interface LoopVerdict {
  rule: LoopRule;
  /** Why, in words an admin reads on the event's processing record and the alert. */
  reason: string;
}

/** The depth of the run an event would start: the event's depth plus one. */
export function runDepthFor(causation: LoopCausation | null | undefined): number {
  return (causation?.depth ?? 0) + 1;
}

/** `null` when the run may start; otherwise the first rule it breaks (cycle, then depth, then rate). */
export function detectLoop(input: LoopCheckInput): LoopVerdict | null {
  const { causation, workflowId, clientId, maxDepth, runsInLastHour, maxRunsPerHour } = input;
  if (causation) {
    const position = causation.chain.findIndex((link) => link.workflowId === workflowId && link.clientId === clientId);
    if (position >= 0) {
      const steps = causation.chain.length - position;
      return {
        rule: 'cycle',
        reason:
          steps === 1
            ? 'the workflow would fire on an event its own run emitted for this client'
            : `the workflow already ran for this client ${steps} links earlier in this event's chain`,
      };
    }
    const depth = runDepthFor(causation);
    if (maxDepth > 0 && depth > maxDepth) {
      return {
        rule: 'depth',
        reason: `the chain of workflows would reach depth ${depth}, over LOOP_MAX_DEPTH (${maxDepth})`,
      };
    }
  }
  if (maxRunsPerHour > 0 && runsInLastHour >= maxRunsPerHour) {
    return {
      rule: 'rate',
      reason: `${runsInLastHour} runs for this client in the last hour already, the limit is LOOP_MAX_RUNS_PER_HOUR (${maxRunsPerHour})`,
    };
  }
  return null;
}
