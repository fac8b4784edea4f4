import { EventRecorder, TicketEntity } from '@automations/persistence';
import type { ActionExecution, ActionExecutor, StepEffect } from './action-executor';
import { stepOrigin } from './step-origin';

/** Creates a ticket and emits `ticket.created` (with causation) in the same transaction. */
export class CreateTicketAction implements ActionExecutor<'create_ticket'> {
  readonly type = 'create_ticket' as const;
  readonly effects = 'database' as const;

  execute(execution: ActionExecution<'create_ticket'>): Promise<StepEffect> {
    const { config } = execution;
    return execution.commit(async (manager) => {
      const ticket = await manager.save(
        manager.create(TicketEntity, {
          ...stepOrigin(execution),
          title: config.title,
          description: config.description ?? null,
          priority: config.priority,
          category: config.category,
          status: 'open',
        }),
      );
      const emitted = {
        agencyId: execution.agencyId,
        type: 'ticket.created',
        data: { ticketId: ticket.id, category: ticket.category, priority: ticket.priority },
      };
      const event = await new EventRecorder(execution.dataSource).record(
        { ...emitted, clientId: execution.clientId, source: 'action', causation: execution.causation },
        manager,
      );
      return { output: { ticketId: ticket.id, eventId: event.id }, emitted: [{ id: event.id, ...emitted }] };
    });
  }
}
