import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsNotFuture, IsOptionalNonNullable } from '../../../common/validation.decorators';
import { EVENT_TYPES, EventType } from '@automations/domain';
import { isEventType } from '../event-types';
import { EVENT_DATA_DTOS, EventData } from './event-data.registry';

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

  @ApiProperty({
    description: 'Shape depends on `type`; unknown fields are rejected',
    oneOf: Object.values(EVENT_DATA_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })),
    example: { metric: 'roas', value: 1.8 },
  })
  // With an unknown `type` only the type is reported, not every field of `data`.
  @ValidateIf((event: { type?: unknown }) => isEventType(event.type))
  @IsObject()
  @ValidateNested()
  @Type((options) => {
    const type: unknown = options?.object.type;
    return isEventType(type) ? EVENT_DATA_DTOS[type] : Object;
  })
  data: EventData;
}
