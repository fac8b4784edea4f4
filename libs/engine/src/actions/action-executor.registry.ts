import type { ActionType } from '@automations/domain';
import type { ActionExecutor } from './action-executor';

/** An executor of any one action type. */
export type AnyActionExecutor = { [T in ActionType]: ActionExecutor<T> }[ActionType];

/** One executor per action type. */
export class ActionExecutorRegistry {
  private readonly executors = new Map<ActionType, AnyActionExecutor>();

  constructor(executors: AnyActionExecutor[]) {
    for (const executor of executors) this.executors.set(executor.type, executor);
  }

  /** The executor of `type`, taking the step's rendered config as the run executor holds it. */
  get(type: ActionType): ActionExecutor {
    const executor = this.executors.get(type);
    if (!executor) throw new Error(`No executor for action type ${type}`);
    // The one place a rendered config meets its type: the definition was checked against the type's config schema when
    // it was saved, and rendering only replaces text inside strings (plus an email's `text`), so the shape holds.
    return executor as unknown as ActionExecutor;
  }
}
