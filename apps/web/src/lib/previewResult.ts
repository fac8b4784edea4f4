import { firstNumber, firstString, isObject, pick, type JsonObject } from './readJson';

export interface PreviewStep {
  stepId: string;
  type: string;
  /** `execute`, `wait`, `await_approval`, `skipped` or `branch`. */
  outcome: string;
  wouldDo: string;
  /** Why a branch went its way, or why a step is skipped. */
  reason?: string;
  waitMinutes?: number;
  awaitsApproval: boolean;
  /** The path a branch takes (`then` / `else`). */
  branch?: string;
  renderedConfig?: JsonObject;
  draft?: { content: string; generator?: string };
}

export interface PreviewResult {
  client?: { name: string; stage?: string; health?: string; sample: boolean };
  trigger: { fired?: boolean; reason?: string; partner?: { type: string; holds: boolean; reason?: string } };
  steps: PreviewStep[];
  warnings: string[];
}

function readStep(value: unknown, index: number): PreviewStep {
  const rendered = pick(value, 'renderedConfig');
  const content = firstString(value, ['draftPreview.content']);
  return {
    stepId: firstString(value, ['stepId']) ?? `#${index + 1}`,
    type: firstString(value, ['type']) ?? 'step',
    outcome: firstString(value, ['outcome']) ?? 'unknown',
    wouldDo: firstString(value, ['wouldDo']) ?? '',
    reason: firstString(value, ['reason']),
    waitMinutes: firstNumber(value, ['waitMinutes']),
    awaitsApproval: pick(value, 'awaitsApproval') === true,
    branch: firstString(value, ['branch']),
    renderedConfig: isObject(rendered) ? rendered : undefined,
    draft: content === undefined ? undefined : { content, generator: firstString(value, ['draftPreview.generator']) },
  };
}

function readTrigger(value: unknown): PreviewResult['trigger'] {
  const fired = pick(value, 'fired');
  const partner = pick(value, 'partner');
  return {
    fired: typeof fired === 'boolean' ? fired : undefined,
    reason: firstString(value, ['reason']),
    partner: isObject(partner)
      ? { type: firstString(partner, ['type']) ?? 'trigger', holds: partner.holds === true, reason: firstString(partner, ['reason']) }
      : undefined,
  };
}

/**
 * Reads the preview answer of `POST /workflows/test` (`{client, trigger, steps, warnings}`).
 * The endpoint is being built in parallel and is not in the generated types yet, so every
 * field is read defensively.
 */
export function readPreviewResult(body: unknown): PreviewResult {
  const steps = pick(body, 'steps');
  const warnings = pick(body, 'warnings');
  const client = pick(body, 'client');
  return {
    client: isObject(client)
      ? { name: firstString(client, ['name']) ?? 'the client', stage: firstString(client, ['stage']), health: firstString(client, ['health']), sample: client.sample === true }
      : undefined,
    trigger: readTrigger(pick(body, 'trigger')),
    steps: Array.isArray(steps) ? steps.map(readStep) : [],
    warnings: Array.isArray(warnings) ? warnings.map((warning) => firstString(warning, ['message'])).filter((m): m is string => m !== undefined) : [],
  };
}
