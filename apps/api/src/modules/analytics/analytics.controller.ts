import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { AnalyticsQuery, WorkflowAnalyticsDto } from './analytics.dto';
import { AnalyticsService } from './analytics.service';

/**
 * Automation performance of the caller's agency. Lives under `/workflows` next to
 * WorkflowsController: the static segment `analytics` wins over its `:id` (find-my-way prefers static routes).
 */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller('workflows')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('analytics')
  @ApiOperation({
    summary:
      'Automation performance: runs per status and per day, success rate, durations, per workflow, failures per action type, approval waits, estimated time saved',
    description:
      'Live runs only. Runs count when they **started** in [from, to] (by their current status); failures and time saved per action type count action steps that **finished** in the range; approvals count when they were **requested** in the range. `perDay` uses calendar days of the agency timezone.',
  })
  @ApiOkResponse({ type: WorkflowAnalyticsDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Invalid `from`/`to`/`workflowId`, `to` before `from`, or a range over 366 days',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: '`workflowId` is not a workflow of the agency' })
  get(@CurrentPrincipal() principal: Principal, @Query() query: AnalyticsQuery): Promise<WorkflowAnalyticsDto> {
    return this.analytics.analytics(principal, query);
  }
}
