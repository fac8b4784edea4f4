import type { EventType } from '@automations/domain';
import { ClientActivityDataDto } from './client-activity-data.dto';
import { KpiUpdatedDataDto } from './kpi-updated-data.dto';
import { MessageReceivedDataDto } from './message-received-data.dto';
import { StageChangedDataDto } from './stage-changed-data.dto';
import { TicketCreatedDataDto } from './ticket-created-data.dto';

/** The `data` shape of each event type. */
export const EVENT_DATA_DTOS = {
  'client.stage_changed': StageChangedDataDto,
  'client.activity': ClientActivityDataDto,
  'kpi.updated': KpiUpdatedDataDto,
  'message.received': MessageReceivedDataDto,
  'ticket.created': TicketCreatedDataDto,
} satisfies Record<EventType, new () => object>;

export type EventData = InstanceType<(typeof EVENT_DATA_DTOS)[EventType]>;
