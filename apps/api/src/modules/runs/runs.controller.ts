import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
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
import { ApprovalPageDto, ApprovalsQuery, RejectRunDto, RunDetailDto, RunPageDto, RunsQuery, WorkflowRunsQuery } from './run.dto';
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
  constructor(private readonly runs: RunsService) {}

  @Get('runs')
  @ApiOperation({ summary: 'Runs across workflows, newest first' })
  @ApiOkResponse({ type: RunPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: RunsQuery): Promise<RunPageDto> {
    return this.runs.list(principal, query);
  }

  @Get('approvals')
  @ApiOperation({ summary: 'Approvals: the pending queue (oldest first) or decided ones (most recently decided first)' })
  @ApiOkResponse({ type: ApprovalPageDto })
  approvals(@CurrentPrincipal() principal: Principal, @Query() query: ApprovalsQuery): Promise<ApprovalPageDto> {
    return this.runs.approvals(principal, query);
  }

  @Get('runs/:runId')
  @ApiOperation({ summary: 'A run with its trigger, client snapshot, executed definition, steps, approvals and timeline' })
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

  @Post('runs/:runId/approve')
  @UseInterceptors(RejectRequestBody)
  @MinRole('admin')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve the pending step of a run; the step runs and the run continues' })
  @ApiParam({ name: 'runId', format: 'uuid' })
  @ApiOkResponse({ type: RunDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'No pending approval, or it expired (the run was rejected with reason timeout)' })
  approve(@CurrentPrincipal() principal: Principal, @Param('runId', RunIdParam) runId: string): Promise<RunDetailDto> {
    return this.runs.approve(principal, runId);
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
  reject(@CurrentPrincipal() principal: Principal, @Param('runId', RunIdParam) runId: string, @Body() body: RejectRunDto = {}): Promise<RunDetailDto> {
    return this.runs.reject(principal, runId, body?.reason);
  }

  @Get(':id/runs')
  @ApiOperation({ summary: 'Runs of one workflow (also of a deleted one: history is kept), newest first' })
  @ApiOkResponse({ type: RunPageDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  listForWorkflow(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Query() query: WorkflowRunsQuery): Promise<RunPageDto> {
    return this.runs.listForWorkflow(principal, id, query);
  }
}
