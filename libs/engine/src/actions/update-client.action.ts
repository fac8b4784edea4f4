import { ClientEntity, EventRecorder, UserEntity } from '@automations/persistence';
import { PermanentActionError } from '../errors/action-errors';
import type { ActionExecution, ActionExecutor, EmittedEvent, StepEffect } from './action-executor';

/** Changes the live client; a real stage change emits `client.stage_changed`, no change emits nothing. */
export class UpdateClientAction implements ActionExecutor<'update_client'> {
  readonly type = 'update_client' as const;
  readonly effects = 'database' as const;

  execute(execution: ActionExecution<'update_client'>): Promise<StepEffect> {
    const { config } = execution;
    return execution.commit(async (manager) => {
      const client = await manager.getRepository(ClientEntity).findOne({
        where: { id: execution.clientId, agencyId: execution.agencyId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!client) throw new PermanentActionError('client_not_found', 'The client no longer exists');
      if (config.assigneeId && config.assigneeId !== client.assigneeId) {
        const assignee = await manager
          .getRepository(UserEntity)
          .findOne({ where: { id: config.assigneeId, agencyId: execution.agencyId, active: true } });
        if (!assignee)
          throw new PermanentActionError(
            'permission_denied',
            `User ${config.assigneeId} is not an active user of this agency`,
          );
      }
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      const patch: Partial<ClientEntity> = {};
      for (const field of ['stage', 'health', 'assigneeId'] as const) {
        const wanted = config[field];
        if (wanted === undefined || wanted === client[field]) continue;
        Object.assign(patch, { [field]: wanted });
        changes[field] = { from: client[field], to: wanted };
      }
      if (Object.keys(patch).length === 0) return { output: { changed: false } };

      await manager.update(ClientEntity, { id: client.id, agencyId: execution.agencyId }, patch);
      const emitted: EmittedEvent[] = [];
      if (patch.stage !== undefined) {
        const stageChange = {
          agencyId: execution.agencyId,
          type: 'client.stage_changed',
          data: { fromStage: client.stage, toStage: patch.stage },
        };
        const event = await new EventRecorder(execution.dataSource).record(
          { ...stageChange, clientId: client.id, source: 'action', causation: execution.causation },
          manager,
        );
        emitted.push({ id: event.id, ...stageChange });
      }
      return { output: { changed: true, changes }, emitted };
    });
  }
}
