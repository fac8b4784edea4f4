import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { ACTION_TYPES, ActionType, RunStatus } from '@automations/domain';

export const DEFAULT_ANALYTICS_DAYS = 30;
/** Longest range one request may cover (a year and a day, so a whole leap year fits). */
export const MAX_ANALYTICS_DAYS = 366;
/** `approvals.decidedWithin4hShare`: the feature spec's target is 90 % of approvals processed within 4 hours. */
export const APPROVAL_TARGET_MS = 4 * 3_600_000;

/** Query of `GET /workflows/analytics`. */
export class AnalyticsQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-01T00:00:00Z',
    description: 'Start of the range (inclusive). Default: `to` minus 30 days',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    example: '2026-03-31T00:00:00Z',
    description: 'End of the range (inclusive). Default: now. At most 366 days after `from`',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    description: 'Only this workflow (a deleted one too: history is kept)',
  })
  @IsOptional()
  @IsUUID()
  workflowId?: string;
}

/** One count per run status (PRODUCT.md §1); every status is present, 0 when none. */
export class RunStatusCountsDto implements Record<RunStatus, number> {
  @ApiProperty({ example: 3 }) queued: number;
  @ApiProperty({ example: 1 }) running: number;
  @ApiProperty({ example: 4 }) waiting: number;
  @ApiProperty({ example: 2 }) awaiting_approval: number;
  @ApiProperty({ example: 1210 }) completed: number;
  @ApiProperty({ example: 37 }) failed: number;
  @ApiProperty({ example: 55 }) skipped: number;
  @ApiProperty({ example: 9 }) cancelled: number;
  @ApiProperty({ example: 6 }) rejected: number;
}

export class AnalyticsRangeDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-01T00:00:00.000Z' }) from: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-31T00:00:00.000Z' }) to: string;
  @ApiProperty({ example: 'Europe/Paris', description: 'The agency timezone: `perDay` dates are calendar days there' })
  timezone: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    example: null,
    description: 'The workflow filter, when given',
  })
  workflowId: string | null;
}

export class AnalyticsTotalsDto {
  @ApiProperty({ example: 1327, description: 'Live runs started in the range' }) total: number;
  @ApiProperty({ type: RunStatusCountsDto, description: 'Those runs by their current status' })
  byStatus: RunStatusCountsDto;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.9703,
    description:
      'completed / (completed + failed); null without either. Skipped, cancelled and rejected runs are not failures',
  })
  successRate: number | null;
}

export class AnalyticsDurationsDto {
  @ApiProperty({
    example: 1247,
    description: 'Runs measured: completed and failed runs of the range (finishedAt - startedAt)',
  })
  runs: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1830,
    description: 'Average duration in ms (rounded); null without measured runs',
  })
  avgMs: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 5120,
    description: '95th percentile (continuous) in ms (rounded); null without measured runs',
  })
  p95Ms: number | null;
}

export class AnalyticsDayDto {
  @ApiProperty({ format: 'date', example: '2026-03-02', description: 'Calendar day in the agency timezone' })
  date: string;
  @ApiProperty({ example: 44 }) total: number;
  @ApiProperty({ type: RunStatusCountsDto }) byStatus: RunStatusCountsDto;
}

export class AnalyticsWorkflowDto {
  @ApiProperty({ format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }) workflowId: string;
  @ApiProperty({ example: 'Onboarding kickoff' }) name: string;
  @ApiProperty({ example: false, description: 'The workflow was deleted since (its history is kept)' })
  deleted: boolean;
  @ApiProperty({ example: 412 }) total: number;
  @ApiProperty({ example: 398 }) completed: number;
  @ApiProperty({ example: 9 }) failed: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.9779 }) successRate: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1520,
    description: 'Average duration of its completed and failed runs, ms (rounded)',
  })
  avgMs: number | null;
}

export class AnalyticsActionFailuresDto {
  @ApiProperty({ enum: ACTION_TYPES, example: 'send_notification' }) actionType: ActionType;
  @ApiProperty({ example: 21, description: 'Action steps of live runs that are failed and finished in the range' })
  failures: number;
}

export class AnalyticsApprovalsDto {
  @ApiProperty({ example: 120, description: 'Approvals requested in the range (live runs)' }) requested: number;
  @ApiProperty({ example: 4 }) pending: number;
  @ApiProperty({ example: 101 }) approved: number;
  @ApiProperty({ example: 12 }) rejected: number;
  @ApiProperty({
    example: 3,
    description: 'No decision before the approval timeout (the run was rejected with reason timeout)',
  })
  expired: number;
  @ApiProperty({ example: 113, description: 'Approved or rejected by a person' }) decided: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 5_400_000,
    description: 'Average decidedAt - requested of the decided ones, ms (rounded)',
  })
  avgWaitMs: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 14_400_000,
    description: '90th percentile (continuous) of that wait, ms (rounded)',
  })
  p90WaitMs: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.8843,
    description:
      'Share of the requested approvals a person decided within 4 hours. Pending approvals younger than 4 hours are left out (not known yet); expired and late ones count as not within. Null when nothing is left',
  })
  decidedWithin4hShare: number | null;
}

export class AnalyticsActionTimeSavedDto {
  @ApiProperty({ enum: ACTION_TYPES, example: 'create_task' }) actionType: ActionType;
  @ApiProperty({ example: 412, description: 'Action steps of live runs completed in the range' }) actions: number;
  @ApiProperty({ example: 1236, description: 'actions × minutesPerAction' }) minutes: number;
}

export class MinutesPerActionDto implements Record<ActionType, number> {
  @ApiProperty({ example: 3 }) create_task: number;
  @ApiProperty({ example: 2 }) send_notification: number;
  @ApiProperty({ example: 10 }) draft_communication: number;
  @ApiProperty({ example: 4 }) create_ticket: number;
  @ApiProperty({ example: 2 }) update_client: number;
  @ApiProperty({ example: 2 }) add_alert: number;
}

export class AnalyticsTimeSavedDto {
  @ApiProperty({
    example: 2880,
    description: 'Estimated minutes of manual work saved: completed actions × the documented minutes per action type',
  })
  minutes: number;
  @ApiProperty({ type: [AnalyticsActionTimeSavedDto], description: 'Every action type, most minutes first' })
  byActionType: AnalyticsActionTimeSavedDto[];
  @ApiProperty({ type: MinutesPerActionDto, description: 'The documented estimate per completed action' })
  minutesPerAction: MinutesPerActionDto;
}

/** `GET /workflows/analytics`: live runs of the caller's agency only. */
export class WorkflowAnalyticsDto {
  @ApiProperty({ type: AnalyticsRangeDto }) range: AnalyticsRangeDto;
  @ApiProperty({ type: AnalyticsTotalsDto }) totals: AnalyticsTotalsDto;
  @ApiProperty({ type: AnalyticsDurationsDto }) durations: AnalyticsDurationsDto;
  @ApiProperty({
    type: [AnalyticsDayDto],
    description: 'Every calendar day of the range in the agency timezone, oldest first, days without runs included',
  })
  perDay: AnalyticsDayDto[];
  @ApiProperty({ type: [AnalyticsWorkflowDto], description: 'Workflows with runs in the range, most runs first' })
  perWorkflow: AnalyticsWorkflowDto[];
  @ApiProperty({ type: [AnalyticsActionFailuresDto], description: 'Every action type, most failures first' })
  failuresByActionType: AnalyticsActionFailuresDto[];
  @ApiProperty({ type: AnalyticsApprovalsDto }) approvals: AnalyticsApprovalsDto;
  @ApiProperty({ type: AnalyticsTimeSavedDto }) timeSaved: AnalyticsTimeSavedDto;
}
