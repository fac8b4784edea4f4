import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageMetaDto } from '../../common/page.dto';
import { PaginationQuery } from '../../common/pagination.query';

export const WORKFLOW_SORTS = [
  'name',
  '-name',
  'updatedAt',
  '-updatedAt',
  'createdAt',
  '-createdAt',
  'lastRunAt',
  '-lastRunAt',
  'runCount',
  '-runCount',
] as const;
export type WorkflowSort = (typeof WORKFLOW_SORTS)[number];

export class ListWorkflowsQuery extends PaginationQuery {
  @ApiPropertyOptional({
    enum: ['active', 'paused'],
    description: 'paused = not active (disabled by a user or paused by the system)',
  })
  @IsOptional()
  @IsIn(['active', 'paused'])
  status?: 'active' | 'paused';

  @ApiPropertyOptional({ example: 'onboarding', description: 'Case-insensitive match on name or description' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ enum: WORKFLOW_SORTS, default: '-updatedAt' })
  @IsOptional()
  @IsIn(WORKFLOW_SORTS)
  sort?: WorkflowSort;
}

export class ToggleWorkflowDto {
  @ApiPropertyOptional({ example: false, description: 'Target state; without it the workflow is flipped' })
  @IsOptional()
  @IsBoolean()
  isActive?: boolean;
}

export class ActorRefDto {
  @ApiProperty({ enum: ['user', 'api_key'] }) type: 'user' | 'api_key';
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class WarningDto {
  @ApiProperty({ example: 'too_many_actions' }) code: string;
  @ApiPropertyOptional({ example: 'steps' }) path?: string;
  @ApiProperty({ example: 'This workflow has 51 actions; long chains run in chunks and are harder to debug' })
  message: string;
}

export class WorkflowSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Onboarding kickoff' }) name: string;
  @ApiProperty({ type: String, nullable: true, example: 'Kick off every new client' }) description: string | null;
  @ApiProperty({ example: true }) isActive: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why the system paused it, e.g. loop_detected',
  })
  pausedReason: string | null;
  @ApiProperty({ example: false }) requiresApproval: boolean;
  @ApiProperty({ example: 3 }) version: number;
  @ApiProperty({ example: ['stage_change', 'kpi_threshold'], type: [String] }) triggerTypes: string[];
  @ApiProperty({ example: 4 }) actionCount: number;
  @ApiProperty({ example: 120 }) runCount: number;
  @ApiProperty({ example: 115 }) successCount: number;
  @ApiProperty({ example: 3 }) failureCount: number;
  @ApiProperty({ example: 2 }) skipCount: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.975,
    description: 'successCount / (successCount + failureCount); null before any finished run',
  })
  successRate: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastRunAt: string | null;
  @ApiProperty({ example: 1, description: 'Failed runs not yet retried' }) failedRunsNeedingAttention: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class WorkflowPageDto extends PageMetaDto {
  @ApiProperty({ type: [WorkflowSummaryDto] }) items: WorkflowSummaryDto[];
}

export class WorkflowDetailDto extends WorkflowSummaryDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
  })
  triggers: Record<string, unknown>[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [
      { id: 'task', type: 'create_task', config: { title: 'Kickoff call with {{client.name}}', priority: 'high' } },
    ],
  })
  steps: Record<string, unknown>[];

  @ApiProperty({ type: ActorRefDto, nullable: true }) createdBy: ActorRefDto | null;
  @ApiProperty({ type: ActorRefDto, nullable: true }) updatedBy: ActorRefDto | null;
  @ApiProperty({ type: [WarningDto] }) warnings: WarningDto[];
}

export class WorkflowVersionDto {
  @ApiProperty({ example: 2 }) version: number;
  @ApiProperty({ type: 'object', additionalProperties: true }) definition: Record<string, unknown>;
  @ApiProperty({ type: ActorRefDto, nullable: true }) createdBy: ActorRefDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class WorkflowVersionListDto {
  @ApiProperty({ type: [WorkflowVersionDto] }) items: WorkflowVersionDto[];
}

export class TypeDescriptorDto {
  @ApiProperty({ example: 'stage_change' }) type: string;
  @ApiProperty({ example: 'Stage change' }) label: string;
  @ApiProperty({ example: 'Fires when a client moves into a stage' }) description: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON Schema of `config`' })
  configSchema: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) examples: Record<
    string,
    unknown
  >[];
}

export class TypeDescriptorListDto {
  @ApiProperty({ type: [TypeDescriptorDto] }) items: TypeDescriptorDto[];
}
