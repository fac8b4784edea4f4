import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { RUN_STATUSES, RunStatus } from '@automations/domain';
import { type BulkSkipReason, MAX_BULK_FILTER_RUNS, MAX_BULK_RUN_IDS } from '@automations/engine';

export const BULK_SKIP_REASONS: readonly BulkSkipReason[] = [
  'not_found',
  'not_failed',
  'purged',
  'already_finished',
  'running',
];

/** Which runs a bulk operation selects instead of naming them: all given fields must match. */
export class BulkRunFilterDto {
  @ApiPropertyOptional({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' })
  @IsOptional()
  @IsUUID()
  workflowId?: string;

  @ApiPropertyOptional({
    enum: RUN_STATUSES,
    example: 'failed',
    description:
      'Retry: `failed` only; cancel: `queued`, `waiting` or `awaiting_approval`. Left out: every status the action applies to',
  })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;

  @ApiPropertyOptional({ format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })
  @IsOptional()
  @IsUUID()
  clientId?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-01T00:00:00Z', description: 'startedAt at or after' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', example: '2026-03-31T23:59:59Z', description: 'startedAt at or before' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** `POST /workflows/runs/bulk-retry` and `bulk-cancel`: the runs named, or a filter — exactly one of the two. */
export class BulkRunsDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_BULK_RUN_IDS,
    uniqueItems: true,
    example: ['6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817'],
    description: `Up to ${MAX_BULK_RUN_IDS} run ids, each once. Give this or \`filter\`, not both`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_RUN_IDS)
  @ArrayUnique()
  runIds?: string[]; // each a UUID: checked by bulkRunsRequestProblems, which names the index (`runIds[3]`)

  @ApiPropertyOptional({
    type: BulkRunFilterDto,
    description: `The runs matching it, oldest first, at most ${MAX_BULK_FILTER_RUNS.toLocaleString('en-US')} per call (repeat the call for the next ones). Give this or \`runIds\`, not both`,
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BulkRunFilterDto)
  filter?: BulkRunFilterDto;
}

export class BulkRunSkippedDto {
  @ApiProperty({ format: 'uuid', example: '6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817' }) runId: string;
  @ApiProperty({
    enum: BULK_SKIP_REASONS,
    example: 'not_failed',
    description:
      '`not_found`: no such run in this agency; `not_failed`: retry applies to failed runs only; `purged`: its data is past the retention period; `already_finished`: the run has ended; `running`: a worker is executing it now',
  })
  reason: BulkSkipReason;
}

/** The bulk operations' answer (PRODUCT §8.5). */
export class BulkRunsResultDto {
  @ApiProperty({ example: 3, description: 'Runs named, or selected by the filter' }) matched: number;
  @ApiProperty({ example: 2, description: 'Retried or cancelled by this call' }) done: number;
  @ApiProperty({ type: [BulkRunSkippedDto], description: 'The runs left alone, and why' })
  skipped: BulkRunSkippedDto[];
}
