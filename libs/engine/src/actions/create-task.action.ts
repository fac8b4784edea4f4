import { rowsOf } from '@automations/persistence';
import type { ActionExecution, ActionExecutor, StepEffect } from './action-executor';
import { stepOrigin } from './step-origin';

/** The task and the client's activity (a task created is client activity, PRODUCT.md §6) in one round trip. */
const CREATE_TASK_SQL = `WITH task AS (
    INSERT INTO tasks (agency_id, client_id, run_id, workflow_id, step_id, title, description, priority, due_at, assignee_id, status)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'open') RETURNING id),
  touched AS (
    UPDATE clients SET last_activity_at = GREATEST(last_activity_at, now()) WHERE id = $2 AND agency_id = $1)
  SELECT id FROM task`;

export class CreateTaskAction implements ActionExecutor<'create_task'> {
  readonly type = 'create_task' as const;
  readonly effects = 'database' as const;

  execute(execution: ActionExecution<'create_task'>): Promise<StepEffect> {
    const { config } = execution;
    const assigneeId =
      config.assignee === 'client_assignee' ? execution.snapshot.client.assigneeId : (config.assignee ?? null);
    const dueAt = config.dueInDays !== undefined ? new Date(Date.now() + config.dueInDays * 86_400_000) : null;
    const origin = stepOrigin(execution);
    return execution.commit(async (manager) => {
      const [task] = rowsOf<{ id: string }>(
        await manager.query(CREATE_TASK_SQL, [
          origin.agencyId,
          origin.clientId,
          origin.runId,
          origin.workflowId,
          origin.stepId,
          config.title,
          config.description ?? null,
          config.priority,
          dueAt,
          assigneeId,
        ]),
      );
      return { output: { taskId: task.id, assigneeId, dueAt: dueAt?.toISOString() ?? null } };
    });
  }
}
