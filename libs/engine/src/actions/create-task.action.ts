import { TaskEntity } from '@automations/persistence';
import type { ActionExecution, ActionExecutor, StepEffect } from './action-executor';
import { stepOrigin } from './step-origin';

export class CreateTaskAction implements ActionExecutor<'create_task'> {
  readonly type = 'create_task' as const;
  readonly effects = 'database' as const;

  execute(execution: ActionExecution<'create_task'>): Promise<StepEffect> {
    const { config } = execution;
    const assigneeId =
      config.assignee === 'client_assignee' ? execution.snapshot.client.assigneeId : (config.assignee ?? null);
    const dueAt = config.dueInDays !== undefined ? new Date(Date.now() + config.dueInDays * 86_400_000) : null;
    return execution.commit(async (manager) => {
      const task = await manager.save(
        manager.create(TaskEntity, {
          ...stepOrigin(execution),
          title: config.title,
          description: config.description ?? null,
          priority: config.priority,
          dueAt,
          assigneeId,
          status: 'open',
        }),
      );
      // A task created is client activity (PRODUCT.md §6).
      await manager.query(
        `UPDATE clients SET last_activity_at = GREATEST(last_activity_at, now()) WHERE id = $1 AND agency_id = $2`,
        [execution.clientId, execution.agencyId],
      );
      return { output: { taskId: task.id, assigneeId, dueAt: dueAt?.toISOString() ?? null } };
    });
  }
}
