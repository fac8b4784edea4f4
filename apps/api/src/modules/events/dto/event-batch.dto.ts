import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { EventInputDto } from './event-input.dto';

export const MAX_EVENTS_PER_BATCH = 500;

/** Up to 500 events stored together: all valid or none stored. */
export class EventBatchDto {
  @ApiProperty({
    type: [EventInputDto],
    minItems: 1,
    maxItems: MAX_EVENTS_PER_BATCH,
    example: [
      { type: 'client.activity', clientId: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10', data: { kind: 'call' } },
      {
        type: 'kpi.updated',
        clientId: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10',
        idempotencyKey: 'ads-sync:2026-03-02:roas',
        data: { metric: 'roas', value: 1.8 },
      },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENTS_PER_BATCH)
  @ValidateNested({ each: true })
  @Type(() => EventInputDto)
  events: EventInputDto[];
}
