import type { ActionType, ClientHealth, TriggerType, WorkflowDefinition } from '@automations/domain';
import type { CommunicationDrafter } from '../integrations/communication-drafter';

/** An inline sample client to preview against (nothing is read or stored for it). */
export interface SampleClient {
  name: string;
  stage: string;
  health: ClientHealth;
  assignee?: { name: string; email: string } | null;
  /** Latest value per metric (`{{metrics.<name>}}`, kpi_threshold state form). */
  metrics?: Record<string, number>;
  /** ISO 8601; default: now (the inactivity state form). */
  lastActivityAt?: string;
}

/** A hypothetical event the workflow is previewed with (`{type, data}` as `POST /events` takes them). */
export interface PreviewEvent {
  type: string;
  data: Record<string, unknown>;
}

/** Who the preview runs for: a real client (read in a read-only transaction) or an inline sample. */
export type PreviewSubject = { clientId: string } | { sample: SampleClient };

export interface WorkflowPreviewRequest {
  agencyId: string;
  definition: WorkflowDefinition;
  workflowName: string;
  subject: PreviewSubject;
  event?: PreviewEvent;
  /**
   * Writes the drafts of `draft_communication` steps when the caller asked for AI drafts (`useAi`).
   * Absent: the deterministic template drafter (no network).
   */
  aiDrafter?: CommunicationDrafter;
  /** The preview's clock (default: now). */
  now?: Date;
}

/** Whether (and why) the workflow would start for this client and event. */
export interface TriggerPreview {
  fired: boolean;
  /**
   * `event`: the trigger's event form on the given event, its AND partner's state form;
   * `state`: no event given, the state forms of the triggers (do they hold right now?);
   * `schedule`: a `scheduled` workflow and no event: would the next tick include this client?
   */
  basis: 'event' | 'state' | 'schedule';
  /** The trigger that fires (or would, for `state`/`schedule`). */
  triggerType?: TriggerType;
  /** Why it does not fire. */
  reason?: string;
  /** The AND partner's state form. */
  partner?: { type: TriggerType; holds: boolean; reason?: string };
}

export type StepOutcome = 'execute' | 'wait' | 'await_approval' | 'skipped' | 'branch';

export interface DraftPreview {
  content: string;
  generator: 'openai' | 'template';
  model?: string;
}

/** What one step would do, in the order a run would reach it. */
export interface StepPreview {
  stepId: string;
  type: ActionType | 'branch';
  /** Where the step sits in the definition, e.g. `steps[1].else[0]`. */
  path: string;
  /**
   * `wait`: the step is delayed (`waitMinutes`), then awaits approval when `awaitsApproval`, then executes;
   * `await_approval`: it waits for an admin's decision, then executes (the preview continues as if approved);
   * `execute`: it runs at once; `skipped`: its own condition is false; `branch`: a branch decision.
   */
  outcome: StepOutcome;
  waitMinutes?: number;
  /** Action steps that are not skipped: whether an admin must approve it first (step or workflow `requiresApproval`). */
  awaitsApproval?: boolean;
  branch?: 'then' | 'else';
  /** Why a branch went its way, or why a step is skipped: each rule with the value it saw. */
  reason?: string;
  /** The config the action would receive: templates rendered from the client snapshot, escaped for their destination. */
  renderedConfig?: Record<string, unknown>;
  /** One sentence: what the step would do. */
  wouldDo: string;
  draftPreview?: DraftPreview;
}

export interface PreviewWarning {
  code: string;
  message: string;
  path?: string;
}

export interface WorkflowPreview {
  /** The client the preview ran for (`sample: true` for an inline sample client). */
  client: { id: string | null; name: string; stage: string; health: string; sample: boolean };
  trigger: TriggerPreview;
  steps: StepPreview[];
  warnings: PreviewWarning[];
}

/** The client id of a preview request is not a client of the agency. */
export class PreviewClientNotFoundError extends Error {
  constructor(readonly clientId: string) {
    super(`Client ${clientId} not found`);
    this.name = 'PreviewClientNotFoundError';
  }
}
