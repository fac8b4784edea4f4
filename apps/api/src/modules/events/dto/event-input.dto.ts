import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsNotFuture, IsOptionalNonNullable } from '../../../common/validation.decorators';
import { EVENT_TYPES, EventType } from '@automations/domain';
import { EventDataProperty } from './event-data.property';
import { EventData } from './event-data.registry';

/** One domain event pushed by an integrator. */
export class EventInputDto {
  @ApiProperty({ enum: EVENT_TYPES, example: 'kpi.updated' })
  @IsIn(EVENT_TYPES)
  type: EventType;

  @ApiProperty({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' })
  @IsUUID()
  clientId: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-02T09:30:00.000Z',
    description: 'When it happened (default: now); not in the future',
  })
  @IsOptionalNonNullable()
  @IsISO8601({ strict: true })
  @IsNotFuture()
  occurredAt?: string;

  @ApiPropertyOptional({
    example: 'crm-sync:deal-8812:stage:3',
    maxLength: 200,
    description: 'A repeated key returns the first event’s id and stores nothing',
  })
  @IsOptionalNonNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  idempotencyKey?: string;

  @EventDataProperty({
    description: 'Shape depends on `type`; unknown fields are rejected',
    example: { metric: 'roas', value: 1.8 },
  })
  data: EventData;
}
