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
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { RUN_STATUSES, RunStatus, STEP_STATUSES, StepStatus } from '@automations/domain';
import { PageMetaDto } from '../../common/page.dto';
import { PaginationQuery } from '../../common/pagination.query';
import { TIMELINE_KINDS, TimelineKind } from './run-timeline';

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApprovalStatusFilter = (typeof APPROVAL_STATUSES)[number];
export const MAX_REJECT_REASON_LENGTH = 500;

/** Filters of `GET /workflows/{id}/runs`. */
export class WorkflowRunsQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: RUN_STATUSES, example: 'failed' }) @IsOptional() @IsIn(RUN_STATUSES) status?: RunStatus;
  @ApiPropertyOptional({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' })
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

/** Filters of `GET /workflows/runs` (across workflows). */
export class RunsQuery extends WorkflowRunsQuery {
  @ApiPropertyOptional({ format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })
  @IsOptional()
  @IsUUID()
  workflowId?: string;
}

export class ApprovalsQuery extends PaginationQuery {
  @ApiPropertyOptional({
    enum: APPROVAL_STATUSES,
    default: 'pending',
    description: 'pending is a queue (oldest first); the others are history (most recently decided first)',
  })
  @IsOptional()
  @IsIn(APPROVAL_STATUSES)
  status: ApprovalStatusFilter = 'pending';
}

export class RejectRunDto {
  @ApiPropertyOptional({ maxLength: MAX_REJECT_REASON_LENGTH, example: 'Tone is too pushy for this client' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_REJECT_REASON_LENGTH)
  reason?: string;
}

export const MAX_DRAFT_SUBJECT_LENGTH = 150;
export const MAX_DRAFT_BODY_LENGTH = 20_000;
export const MAX_BULK_APPROVE = 100;
export const DRAFT_STATUSES = [
  'pending_review',
  'pending_approval',
  'approved',
  'rejected',
  'expired',
  'discarded',
] as const;

/** The reviewer's changes to the draft an approval decides (PRODUCT §8.7); a field left out stays as written. */
export class DraftEditsDto {
  @ApiPropertyOptional({
    maxLength: MAX_DRAFT_SUBJECT_LENGTH,
    example: 'Welcome aboard, Acme Dental!',
    description: 'New subject line (email drafts only; one line, not blank)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DRAFT_SUBJECT_LENGTH)
  @Matches(/\S/, { message: 'must not be blank' })
  @Matches(/^[^\r\n]*$/, { message: 'must be one line' })
  subject?: string;

  @ApiPropertyOptional({
    maxLength: MAX_DRAFT_BODY_LENGTH,
    example:
      'Hi Acme team,\n\nWelcome aboard! Could we book the kickoff call for Thursday?\n\nBest regards,\nDemo Agency',
    description: 'New body (not blank)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DRAFT_BODY_LENGTH)
  @Matches(/\S/, { message: 'must not be blank' })
  body?: string;
}

/** Optional body of `POST /workflows/runs/{runId}/approve`. */
export class ApproveRunDto {
  @ApiPropertyOptional({
    type: DraftEditsDto,
    description:
      'Only for the approval of a draft (`draft` is set on it): the draft is approved with these changes, which are kept with the approval (original and edited) and in the audit line. At least one of subject, body.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DraftEditsDto)
  edits?: DraftEditsDto;
}

export class BulkApproveDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_BULK_APPROVE,
    example: ['6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817'],
    description: 'Runs whose pending approval to approve as they are (no edits)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_APPROVE)
  @ArrayUnique()
  @IsUUID(undefined, { each: true })
  runIds: string[];
}

export class BulkSkippedDto {
  @ApiProperty({ format: 'uuid', example: '6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817' }) runId: string;
  @ApiProperty({
    enum: ['not_found', 'not_pending', 'expired'],
    example: 'not_pending',
    description: '`expired`: the approval was past its expiry; the run was rejected (timeout)',
  })
  reason: 'not_found' | 'not_pending' | 'expired';
}

/** The bulk operations' answer (PRODUCT §8.5): how many runs were named, how many were approved, and why the others were not. */
export class BulkApproveResultDto {
  @ApiProperty({ example: 3, description: 'Run ids given' }) matched: number;
  @ApiProperty({ example: 2, description: 'Approved by this call' }) done: number;
  @ApiProperty({ type: [BulkSkippedDto] }) skipped: BulkSkippedDto[];
}

/** The draft an approval decides: written before the run waited, approved (with the reviewer's edits) or rejected with it. */
export class ApprovalDraftDto {
  @ApiProperty({ format: 'uuid', example: '0d7c3e2a-1b4f-4c5d-9e8f-7a6b5c4d3e2f' }) id: string;
  @ApiProperty({ enum: ['email', 'slack'], example: 'email' }) platform: string;
  @ApiProperty({ example: 'friendly' }) tone: string;
  @ApiProperty({ enum: ['openai', 'template'], example: 'openai' }) generator: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Welcome aboard, Acme Dental!',
    description: 'Email drafts; null for Slack',
  })
  subject: string | null;
  @ApiProperty({
    example: 'Hi Acme team,\n\nWelcome aboard! Could we book a kickoff call this week?\n\nBest regards,\nDemo Agency',
    description: 'The current text (edited when the reviewer edited it)',
  })
  body: string;
  @ApiProperty({ enum: DRAFT_STATUSES, example: 'pending_approval' }) status: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'When the reviewer edited it while approving',
  })
  editedAt: string | null;
}

export class DecidedByDto {
  @ApiProperty({ enum: ['user', 'api_key'], example: 'user' }) type: 'user' | 'api_key';
  @ApiProperty({ format: 'uuid', example: '9b2f6a1e-0c3d-4e5f-8a7b-6c5d4e3f2a1b' }) id: string;
}

export class RunSummaryDto {
  @ApiProperty({ format: 'uuid', example: '6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817' }) id: string;
  @ApiProperty({ format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }) workflowId: string;
  @ApiProperty({ example: 'Onboarding kickoff' }) workflowName: string;
  @ApiProperty({ example: 3, description: 'The workflow version the run executes' }) workflowVersion: number;
  @ApiProperty({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' }) clientId: string;
  @ApiProperty({ example: 'Acme Dental' }) clientName: string;
  @ApiProperty({ enum: ['live', 'test'], example: 'live' }) mode: 'live' | 'test';
  @ApiProperty({ enum: RUN_STATUSES, example: 'completed' }) status: RunStatus;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why a run was skipped, cancelled or rejected',
  })
  reason: string | null;
  @ApiProperty({ example: 1, description: 'Incremented by each retry' }) attempt: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: null,
    description: '`{code, message}` of a failed run',
  })
  error: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:15:00.000Z' }) startedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T09:15:02.340Z' }) finishedAt:
    string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2340,
    description: 'finishedAt - startedAt; null while the run is not finished',
  })
  durationMs: number | null;
}

export class RunPageDto extends PageMetaDto {
  @ApiProperty({ type: [RunSummaryDto] }) items: RunSummaryDto[];
}

export class RunStepDto {
  @ApiProperty({ example: 'task' }) stepId: string;
  @ApiProperty({ example: 'create_task', description: 'An action type, or `branch`' }) type: string;
  @ApiProperty({ enum: STEP_STATUSES, example: 'completed' }) status: StepStatus;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { title: 'Kickoff call with Acme Dental', priority: 'high' },
    description: 'The rendered config',
  })
  input: Record<string, unknown> | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { taskId: '0d7c3e2a-1b4f-4c5d-9e8f-7a6b5c4d3e2f' },
  })
  output: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: null }) error: Record<
    string,
    unknown
  > | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'Due time of a delayed step',
  })
  scheduledFor: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T09:15:00.120Z' }) startedAt:
    string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2026-03-02T09:15:00.480Z' }) finishedAt:
    string | null;
  @ApiProperty({ type: Number, nullable: true, example: 360 }) durationMs: number | null;
}

export class RunApprovalDto {
  @ApiProperty({ format: 'uuid', example: '5c4b3a29-1807-4f6e-9d8c-7b6a59483726' }) id: string;
  @ApiProperty({ example: 'draft' }) stepId: string;
  @ApiProperty({ example: 'draft_communication' }) actionType: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { platform: 'email', tone: 'friendly', template: 'Welcome Acme Dental and propose a kickoff call' },
    description:
      "The step's rendered config (for a draft: the instructions it was written from); `{}` once purged by retention",
  })
  renderedConfig: Record<string, unknown>;
  @ApiProperty({ enum: APPROVAL_STATUSES, example: 'pending' }) status: ApprovalStatusFilter;
  @ApiProperty({ format: 'date-time', example: '2026-03-03T09:15:00.000Z' }) expiresAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:15:00.000Z' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null }) decidedAt: string | null;
  @ApiProperty({
    type: DecidedByDto,
    nullable: true,
    description: 'null while pending and when it expired (decided by the system)',
  })
  decidedBy: DecidedByDto | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Rejection reason, or `timeout`' }) reason:
    string | null;
  @ApiProperty({
    type: ApprovalDraftDto,
    nullable: true,
    description:
      'For a `draft_communication` step: the draft being approved (subject, body) — what the reviewer approves, and may edit. null for other actions, which are approved before they run (their `renderedConfig` is what will run)',
  })
  draft: ApprovalDraftDto | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: null,
    description:
      "The reviewer's edit of the draft when approving: `{subject?: {original, edited}, body?: {original, edited}}`, only the fields that changed; null when approved as written",
  })
  edits: Record<string, unknown> | null;
}

export class ApprovalQueueItemDto extends RunApprovalDto {
  @ApiProperty({ format: 'uuid', example: '6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817' }) runId: string;
  @ApiProperty({ format: 'uuid', example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }) workflowId: string;
  @ApiProperty({ example: 'Onboarding kickoff' }) workflowName: string;
  @ApiProperty({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' }) clientId: string;
  @ApiProperty({ example: 'Acme Dental' }) clientName: string;
}

export class ApprovalPageDto extends PageMetaDto {
  @ApiProperty({ type: [ApprovalQueueItemDto] }) items: ApprovalQueueItemDto[];
}

export class TimelineEntryDto {
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:15:00.120Z' }) at: string;
  @ApiProperty({ enum: TIMELINE_KINDS, example: 'step.completed' }) kind: TimelineKind;
  @ApiPropertyOptional({ example: 'task' }) stepId?: string;
  @ApiProperty({ example: 'Completed create_task' }) message: string;
}

export class RunDetailDto extends RunSummaryDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: {
      eventId: null,
      type: 'client.stage_changed',
      data: { from: 'lead', to: 'onboarding' },
      occurredAt: '2026-03-02T09:14:59.000Z',
    },
  })
  triggerEvent: Record<string, unknown> | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The client as it was when the run was triggered',
    example: { client: { name: 'Acme Dental', stage: 'onboarding', health: 'green' }, metrics: { roas: 1.4 } },
  })
  clientSnapshot: Record<string, unknown> | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The workflow definition of the version this run executed',
  })
  definition: Record<string, unknown> | null;
  @ApiProperty({ type: [RunStepDto], description: 'Steps that have a record, in the definition order (depth-first)' })
  steps: RunStepDto[];
  @ApiProperty({ type: [RunApprovalDto] }) approvals: RunApprovalDto[];
  @ApiProperty({ type: [TimelineEntryDto], description: 'What happened, oldest first' }) timeline: TimelineEntryDto[];
}
