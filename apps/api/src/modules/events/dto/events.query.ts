import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { PaginationQuery } from '../../../common/pagination.query';
import { EVENT_TYPES, EventType } from '@automations/domain';

export class EventsQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' })
  @IsOptional()
  @IsUUID()
  clientId?: string;
  @ApiPropertyOptional({ enum: EVENT_TYPES, example: 'kpi.updated' }) @IsOptional() @IsIn(EVENT_TYPES) type?: EventType;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-01T00:00:00Z', description: 'occurredAt at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;
  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-31T23:59:59Z', description: 'occurredAt at or before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
