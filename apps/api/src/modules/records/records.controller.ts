import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { AlertPageDto } from './dto/alert-page.dto';
import { DraftPageDto } from './dto/draft-page.dto';
import { NotificationPageDto } from './dto/notification-page.dto';
import { RecordsQuery } from './dto/records.query';
import { TaskPageDto } from './dto/task-page.dto';
import { TicketPageDto } from './dto/ticket-page.dto';
import { RecordsService } from './records.service';

/** What the actions of runs created, each keeping the `runId` and `workflowId` that created it. */
@ApiTags('records')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid filter; `details` lists each field path' })
@Controller()
export class RecordsController {
  constructor(private readonly records: RecordsService) {}

  @Get('tasks')
  @ApiOperation({ summary: 'Tasks, newest first' })
  @ApiOkResponse({ type: TaskPageDto })
  tasks(@CurrentPrincipal() principal: Principal, @Query() query: RecordsQuery): Promise<TaskPageDto> {
    return this.records.tasks(principal, query);
  }

  @Get('tickets')
  @ApiOperation({ summary: 'Support tickets, newest first' })
  @ApiOkResponse({ type: TicketPageDto })
  tickets(@CurrentPrincipal() principal: Principal, @Query() query: RecordsQuery): Promise<TicketPageDto> {
    return this.records.tickets(principal, query);
  }

  @Get('alerts')
  @ApiOperation({ summary: 'Intelligence Center alerts, newest first' })
  @ApiOkResponse({ type: AlertPageDto })
  alerts(@CurrentPrincipal() principal: Principal, @Query() query: RecordsQuery): Promise<AlertPageDto> {
    return this.records.alerts(principal, query);
  }

  @Get('drafts')
  @ApiOperation({ summary: 'Communication drafts awaiting or after review, newest first' })
  @ApiOkResponse({ type: DraftPageDto })
  drafts(@CurrentPrincipal() principal: Principal, @Query() query: RecordsQuery): Promise<DraftPageDto> {
    return this.records.drafts(principal, query);
  }

  @Get('notifications')
  @ApiOperation({
    summary: 'Notifications sent by runs (Slack, email, in-app) with their delivery status, newest first',
  })
  @ApiOkResponse({ type: NotificationPageDto })
  notifications(@CurrentPrincipal() principal: Principal, @Query() query: RecordsQuery): Promise<NotificationPageDto> {
    return this.records.notifications(principal, query);
  }
}
