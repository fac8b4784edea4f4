import type { EventInputDto } from './dto/event-input.dto';

/** The events of one `POST /events` request, as the writers take them. */
export interface IngestRequest {
  agencyId: string;
  events: EventInputDto[];
  /** A `{events: [...]}` body: error paths name `events[i].…`; a single event's name the field alone. */
  batch: boolean;
}

/** The path an error names for field `field` of the request's event `index` (`clientId`, `events[3].clientId`). */
export function fieldPath(request: IngestRequest, index: number, field: string): string {
  return request.batch ? `events[${index}].${field}` : field;
}
