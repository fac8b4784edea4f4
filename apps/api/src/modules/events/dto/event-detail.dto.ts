import { ApiProperty } from '@nestjs/swagger';
import type { EventEntity } from '@automations/persistence';
import { EventDto } from './event.dto';

export class EventDetailDto extends EventDto {
  @ApiProperty({
    nullable: true,
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: null,
    description:
      'Per candidate workflow: whether it started a run, was deduplicated, or did not fire and why. Null until the engine has processed the event.',
  })
  processing: Record<string, unknown>[] | null;

  static override from(event: EventEntity): EventDetailDto {
    return { ...EventDto.from(event), processing: event.processing };
  }
}
