import type { PreviewRequest } from '../../api/types';
import type { DraftTrigger } from './draft';

type PreviewEvent = NonNullable<PreviewRequest['event']>;
type TicketPriority = Extract<PreviewEvent['data'], { category: string }>['priority'];

const TICKET_PRIORITIES: readonly TicketPriority[] = ['low', 'medium', 'high', 'urgent'];

function ticketPriority(value: unknown): TicketPriority {
  return TICKET_PRIORITIES.find((priority) => priority === value) ?? 'medium';
}

export interface SampleEvent extends PreviewEvent {
  /** "the client moves into “onboarding”", for the checkbox label. */
  label: string;
}

function nudged(operator: unknown, value: number): number {
  if (operator === 'below') return value - 1;
  if (operator === 'above') return value + 1;
  return value;
}

/**
 * An event that makes the first event-driven trigger fire, for the preview (`POST /events`
 * shapes, PRODUCT.md §6). Inactivity and schedules have no event: the preview checks their state.
 */
export function sampleEventFor(triggers: DraftTrigger[]): SampleEvent | null {
  if (triggers.some((trigger) => trigger.type === 'scheduled')) return null;
  for (const { type, config } of triggers) {
    switch (type) {
      case 'stage_change':
        if (typeof config.toStage !== 'string') break;
        return {
          type: 'client.stage_changed',
          data: {
            toStage: config.toStage,
            ...(typeof config.fromStage === 'string' ? { fromStage: config.fromStage } : {}),
          },
          label: `the client moves into “${config.toStage}”`,
        };
      case 'kpi_threshold':
        if (typeof config.metric !== 'string' || typeof config.value !== 'number') break;
        return {
          type: 'kpi.updated',
          data: { metric: config.metric, value: nudged(config.operator, config.value) },
          label: `${config.metric} becomes ${nudged(config.operator, config.value)}`,
        };
      case 'new_message': {
        const platform = config.platform === 'gmail' ? 'gmail' : 'slack';
        const body =
          typeof config.contains === 'string' ? `Hello, a question: ${config.contains}` : 'Hello, a quick question';
        return {
          type: 'message.received',
          data: { platform, from: 'client@example.com', body },
          label: `a ${platform} message arrives`,
        };
      }
      case 'ticket_created':
        return {
          type: 'ticket.created',
          data: {
            category: typeof config.category === 'string' ? config.category : 'general',
            priority: ticketPriority(config.priority),
          },
          label: 'a ticket is created',
        };
    }
  }
  return null;
}
