import type { DataSource, EntityManager } from 'typeorm';
import type { ActionConfigByType, ActionStep, ActionType } from '@automations/domain';
import type { EventCausation } from '@automations/persistence';
import type { ClientSnapshot } from '../context/client-snapshot';

/** An event a step stored (in its transaction), as matching reads it. */
export interface EmittedEvent {
  id: string;
  agencyId: string;
  type: string;
  data: Record<string, unknown>;
}

/** What a step produced; `emitted` events are matched once the step has committed (or settled inside it when nothing fires). */
export interface StepEffect {
  output: Record<string, unknown>;
  emitted?: EmittedEvent[];
}

/** What rendering adds to a step's config (`renderStepConfig`): an email's `text`, its message rendered without HTML escaping. */
interface RenderedConfigAdditions {
  send_notification: { text?: string };
}

/**
 * The rendered config of a step of type `T`. While the type is not known (the run executor, which holds every step's
 * rendered config as it stored it), an untyped record: `ActionExecutorRegistry` is where it meets its type.
 */
export type ActionConfigOf<T extends ActionType> = [ActionType] extends [T]
  ? Record<string, unknown>
  : ActionConfigByType[T] & (T extends keyof RenderedConfigAdditions ? RenderedConfigAdditions[T] : unknown);

/** Everything an action needs to do its one job, and the only way to commit it. */
export interface ActionExecution<T extends ActionType = ActionType> {
  agencyId: string;
  runId: string;
  workflowId: string;
  workflowName: string;
  step: ActionStep<T>;
  clientId: string;
  snapshot: ClientSnapshot;
  /** The step's config with templates rendered from the snapshot and escaped for their destination. */
  config: ActionConfigOf<T>;
  trigger: Record<string, unknown>;
  /** Causation for events this step emits (loop prevention). */
  causation: EventCausation;
  dataSource: DataSource;
  /**
   * The step's result waits for an approval (a `draft_communication` step that requires one: its draft is written
   * first, `pending_approval`, and `commit` parks the run instead of completing the step).
   */
  forApproval?: boolean;
  /**
   * Runs `effect` in one transaction together with the step's `completed` mark, fenced by the
   * run's lease: either both commit or neither does, so a step's database effect happens exactly once.
   */
  commit(effect: (manager: EntityManager) => Promise<StepEffect>): Promise<StepEffect>;
}

export interface ActionExecutor<T extends ActionType = ActionType> {
  readonly type: T;
  /**
   * `database`: the whole effect happens inside `commit`, so a failed attempt leaves nothing behind and the step needs
   * no `running` mark first. `external`: the action calls out before committing, so the attempt is recorded first.
   */
  readonly effects: 'database' | 'external';
  execute(execution: ActionExecution<T>): Promise<StepEffect>;
}
