import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentPrincipal, MinRole } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { UuidParam } from '../../common/uuid-param.pipe';
import { EventBatchDto } from './dto/event-batch.dto';
import { EVENT_DATA_DTOS } from './dto/event-data.registry';
import { EventDetailDto } from './dto/event-detail.dto';
import { EventInputDto } from './dto/event-input.dto';
import { EventPageDto } from './dto/event-page.dto';
import { EventsAcceptedDto } from './dto/events-accepted.dto';
import { EventsQuery } from './dto/events.query';
import { EventsBodyPipe } from './events-body.pipe';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@ApiExtraModels(EventInputDto, EventBatchDto, ...Object.values(EVENT_DATA_DTOS))
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; `details` lists each field path' })
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post()
  @MinRole('manager')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Push one domain event or a batch of up to 500',
    description:
      'A batch is validated as a whole (any invalid item: 400 naming e.g. `events[3].data.metric`) and stored in one transaction. ' +
      'A repeated `idempotencyKey` returns the first event’s id and stores nothing. Activity events move the client’s `lastActivityAt` forward; ' +
      '`kpi.updated` also stores the client metric. Events for a deleted client are accepted.',
  })
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(EventInputDto) }, { $ref: getSchemaPath(EventBatchDto) }] } })
  @ApiAcceptedResponse({ type: EventsAcceptedDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'A client id unknown to your agency' })
  ingest(
    @CurrentPrincipal() principal: Principal,
    @Body(EventsBodyPipe) body: EventInputDto | EventBatchDto,
  ): Promise<EventsAcceptedDto> {
    return this.events.ingest(principal, body);
  }

  @Get()
  @ApiOperation({ summary: 'Events of the agency, newest first' })
  @ApiOkResponse({ type: EventPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: EventsQuery): Promise<EventPageDto> {
    return this.events.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One event with its processing record (which workflows it started, deduplicated or did not fire)',
  })
  @ApiOkResponse({ type: EventDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string): Promise<EventDetailDto> {
    return this.events.get(principal, id);
  }
}
