import type { ActionType } from '@automations/domain';
import type { ActionExecutor } from './action-executor';

/** One executor per action type. */
export class ActionExecutorRegistry {
  private readonly executors = new Map<ActionType, ActionExecutor>();

  constructor(executors: ActionExecutor[]) {
    for (const executor of executors) this.executors.set(executor.type, executor);
  }

  get(type: ActionType): ActionExecutor {
    const executor = this.executors.get(type);
    if (!executor) throw new Error(`No executor for action type ${type}`);
    return executor;
  }
}
