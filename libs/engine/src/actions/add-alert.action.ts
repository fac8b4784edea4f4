import { AlertEntity } from '@automations/persistence';
import type { ActionExecution, ActionExecutor, StepEffect } from './action-executor';
import { stepOrigin } from './step-origin';

export class AddAlertAction implements ActionExecutor<'add_alert'> {
  readonly type = 'add_alert' as const;
  readonly effects = 'database' as const;

  execute(execution: ActionExecution<'add_alert'>): Promise<StepEffect> {
    const { config } = execution;
    return execution.commit(async (manager) => {
      const alert = await manager.save(
        manager.create(AlertEntity, {
          ...stepOrigin(execution),
          kind: 'automation',
          title: config.title,
          message: config.message ?? null,
          severity: config.severity,
          resolvedAt: null,
        }),
      );
      return { output: { alertId: alert.id } };
    });
  }
}
