import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ApiError } from '../../common/api-error';
import { CurrentPrincipal, MinRole } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import { RejectRequestBody } from '../../common/reject-request-body.interceptor';
import type { Principal } from '../../common/principal';
import { UuidParam } from '../../common/uuid-param.pipe';
import { BULK_RUN_CHUNK_SIZE, MAX_BULK_FILTER_RUNS, MAX_BULK_RUN_IDS } from '@automations/engine';
import {
  ApprovalPageDto,
  ApprovalsQuery,
  ApproveRunDto,
  BulkApproveDto,
  BulkApproveResultDto,
  MAX_BULK_APPROVE,
  RejectRunDto,
  RunDetailDto,
  RunPageDto,
  RunsQuery,
  WorkflowRunsQuery,
} from './run.dto';
import { BulkRunsDto, BulkRunsResultDto } from './bulk-runs.dto';
import { RunsBulkService } from './runs-bulk.service';
import { RunsService } from './runs.service';

/** `:runId` that is not a UUID: a 400 naming `runId`. */
const RunIdParam = new ParseUUIDPipe({
  version: undefined,
  exceptionFactory: () => ApiError.validation([{ path: 'runId', message: 'must be a UUID' }]),
});

/**
 * Run history and decisions. Lives under `/workflows` next to WorkflowsController: the static
 * segments `runs` and `approvals` win over its `:id` (find-my-way prefers static routes).
 */
@ApiTags('runs')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; `details` lists each field path' })
@Controller('workflows')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly bulk: RunsBulkService,
  ) {}

  @Get('runs')
  @ApiOperation({ summary: 'Runs across workflows, newest first' })
  @ApiOkResponse({ type: RunPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: RunsQuery): Promise<RunPageDto> {
    return this.runs.list(principal, query);
  }

  @Get('approvals')
  @ApiOperation({
    summary: 'Approvals: the pending queue (oldest first) or decided ones (most recently decided first)',
  })
  @ApiOkResponse({ type: ApprovalPageDto })
  approvals(@CurrentPrincipal() principal: Principal, @Query() query: ApprovalsQuery): Promise<ApprovalPageDto> {
    return this.runs.approvals(principal, query);
  }

  @Get('runs/:runId')
  @ApiOperation({
    summary: 'A run with its trigger, client snapshot, executed definition, steps, approvals and timeline',
  })
  @ApiParam({ name: 'runId', format: 'uuid' })
  @ApiOkResponse({ type: RunDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  detail(@CurrentPrincipal() principal: Principal, @Param('runId', RunIdParam) runId: string): Promise<RunDetailDto> {
    return this.runs.detail(principal, runId);
  }

  @Post('runs/:runId/retry')
  @UseInterceptors(RejectRequestBody)
  @MinRole('manager')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Retry a failed run from its failed step (completed steps are not executed again)' })
  @ApiParam({ name: 'runId', format: 'uuid' })
  @ApiAcceptedResponse({ type: RunDetailDto, description: 'The run is queued again' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The run is not failed' })
  retry(@CurrentPrincipal() principal: Principal, @Param('runId', RunIdParam) runId: string): Promise<RunDetailDto> {
    return this.runs.retry(principal, runId);
  }

  @Post('runs/bulk-retry')
  @MinRole('manager')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Retry several failed runs at once, each from its failed step',
    description: `Give \`runIds\` (1 to ${MAX_BULK_RUN_IDS}, each once) or a \`filter\` (at most ${MAX_BULK_FILTER_RUNS} failed runs per call, oldest first; repeat the call for the next ones), not both. Each failed run is retried exactly like \`POST /workflows/runs/{runId}/retry\` (one \`run.retried\` audit line per run), ${BULK_RUN_CHUNK_SIZE} runs at a time. The others — not this agency's, not failed, or purged by retention — are listed in \`skipped\`; repeating the call retries nothing more.`,
  })
  @ApiBody({ type: BulkRunsDto })
  @ApiOkResponse({ type: BulkRunsResultDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  bulkRetry(@CurrentPrincipal() principal: Principal, @Body() body: BulkRunsDto): Promise<BulkRunsResultDto> {
    return this.bulk.run('retry', principal, body);
  }

  @Post('runs/bulk-cancel')
  @MinRole('manager')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Cancel several queued, waiting or awaiting-approval runs at once',
    description: `Give \`runIds\` (1 to ${MAX_BULK_RUN_IDS}, each once) or a \`filter\` (at most ${MAX_BULK_FILTER_RUNS} pending runs per call, oldest first; repeat the call for the next ones), not both. Runs are cancelled ${BULK_RUN_CHUNK_SIZE} per transaction the way a disabled workflow's are: their pending approvals (and the drafts waiting for them) are rejected and a queued job finds nothing to do. One \`run.cancelled\` audit line per run. The others — not this agency's, running, or already finished — are listed in \`skipped\`; repeating the call cancels nothing more.`,
  })
  @ApiBody({ type: BulkRunsDto })
  @ApiOkResponse({ type: BulkRunsResultDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  bulkCancel(@CurrentPrincipal() principal: Principal, @Body() body: BulkRunsDto): Promise<BulkRunsResultDto> {
    return this.bulk.run('cancel', principal, body);
  }

  @Post('runs/:runId/approve')
  @MinRole('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Approve the pending step of a run; the step runs and the run continues',
    description:
      'For a `draft_communication` step the draft was written before the run waited: the approval carries it (`draft`: subject, body) and approving marks that draft `approved` (it is never sent automatically). `edits` changes its subject (email) and/or body first; the fields that changed are kept on the approval (`edits`: original and edited) and in the `run.approved` audit line. Other actions are approved before they run and take no edits (400). No body, or `{}`, approves as it is.',
  })
  @ApiParam({ name: 'runId', format: 'uuid' })
  @ApiBody({ type: ApproveRunDto, required: false })
  @ApiOkResponse({ type: RunDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'No pending approval, or it expired (the run was rejected with reason timeout)',
  })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('runId', RunIdParam) runId: string,
    @Body() body: ApproveRunDto = {},
  ): Promise<RunDetailDto> {
    return this.runs.approve(principal, runId, body ?? {});
  }

  @Post('approvals/bulk-approve')
  @MinRole('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: "Approve several runs' pending steps at once, as they are (no edits)",
    description: `Up to ${MAX_BULK_APPROVE} run ids; each is decided on its own exactly like \`POST /workflows/runs/{runId}/approve\` (one audit line per run). Runs that are not this agency's, have no pending approval or whose approval expired are listed in \`skipped\`; repeating the call approves nothing more.`,
  })
  @ApiOkResponse({ type: BulkApproveResultDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  bulkApprove(@CurrentPrincipal() principal: Principal, @Body() body: BulkApproveDto): Promise<BulkApproveResultDto> {
    return this.runs.bulkApprove(principal, body.runIds);
  }

  @Post('runs/:runId/reject')
  @MinRole('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Reject the pending step of a run; the run is rejected and its later steps cancelled' })
  @ApiParam({ name: 'runId', format: 'uuid' })
  @ApiOkResponse({ type: RunDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'No pending approval' })
  reject(
    @CurrentPrincipal() principal: Principal,
    @Param('runId', RunIdParam) runId: string,
    @Body() body: RejectRunDto = {},
  ): Promise<RunDetailDto> {
    return this.runs.reject(principal, runId, body?.reason);
  }

  @Get(':id/runs')
  @ApiOperation({ summary: 'Runs of one workflow (also of a deleted one: history is kept), newest first' })
  @ApiOkResponse({ type: RunPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  listForWorkflow(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() query: WorkflowRunsQuery,
  ): Promise<RunPageDto> {
    return this.runs.listForWorkflow(principal, id, query);
  }
}
