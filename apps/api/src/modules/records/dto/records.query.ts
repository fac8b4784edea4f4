import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PaginationQuery } from '../../../common/pagination.query';

/** Filters shared by the records that actions create (tasks, tickets, alerts, drafts, notifications). */
export class RecordsQuery extends PaginationQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' })
  @IsOptional()
  @IsUUID()
  clientId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    example: '6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817',
    description: 'The run that created it',
  })
  @IsOptional()
  @IsUUID()
  runId?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    description: 'The workflow whose run created it',
  })
  @IsOptional()
  @IsUUID()
  workflowId?: string;
}
