import { isObject } from './readJson';

export type VerdictOutcome = 'started' | 'deduplicated' | 'skipped' | 'not_fired';

/** One candidate automation of an event, as the engine recorded it (libs/engine CandidateVerdict). */
export interface CandidateVerdict {
  workflowId: string;
  workflowName: string;
  outcome: VerdictOutcome | string;
  runId?: string;
  reason?: string;
}

/** The processing record is typed loosely by the API (`Record<string, unknown>[]`): keep the lines that make sense. */
export function readVerdicts(processing: Record<string, unknown>[] | null): CandidateVerdict[] | null {
  if (processing === null) return null;
  return processing.filter(isObject).flatMap((line) => {
    const { workflowId, workflowName, outcome, runId, reason } = line;
    if (typeof workflowId !== 'string' || typeof outcome !== 'string') return [];
    return [
      {
        workflowId,
        workflowName: typeof workflowName === 'string' ? workflowName : workflowId,
        outcome,
        ...(typeof runId === 'string' ? { runId } : {}),
        ...(typeof reason === 'string' ? { reason } : {}),
      },
    ];
  });
}

export const VERDICT_LOOK: Record<VerdictOutcome, { label: string; color: string }> = {
  started: { label: 'Started a run', color: 'green' },
  deduplicated: { label: 'Deduplicated', color: 'blue' },
  skipped: { label: 'Skipped', color: 'orange' },
  not_fired: { label: 'Did not fire', color: 'gray' },
};

/** The event page's title by what happened: "Started 2 automations", "No automation fired". */
export function eventOutcomeTitle(verdicts: CandidateVerdict[] | null): string {
  if (verdicts === null) return 'Waiting for the engine';
  const started = verdicts.filter((verdict) => verdict.outcome === 'started').length;
  if (started === 0) return 'No automation fired';
  return started === 1 ? 'Started 1 automation' : `Started ${started} automations`;
}
