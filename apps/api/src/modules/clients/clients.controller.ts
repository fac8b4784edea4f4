import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, MinRole } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { UuidParam } from '../../common/uuid-param.pipe';
import { ClientsService } from './clients.service';
import { ClientLookupQuery } from './dto/client-lookup.query';
import { ClientMetricDto } from './dto/client-metric.dto';
import { ClientMetricsDto } from './dto/client-metrics.dto';
import { ClientMetricsQuery } from './dto/client-metrics.query';
import { ClientPageDto } from './dto/client-page.dto';
import { ClientDto } from './dto/client.dto';
import { ClientsQuery } from './dto/clients.query';
import { CreateClientMetricDto } from './dto/create-client-metric.dto';
import { CreateClientDto } from './dto/create-client.dto';
import { UpdateClientDto } from './dto/update-client.dto';
import { MetricNamesDto } from './dto/metric-names.dto';

@ApiTags('clients')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; `details` lists each field path' })
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @ApiOperation({ summary: 'Clients of the agency, by name' })
  @ApiOkResponse({ type: ClientPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ClientsQuery): Promise<ClientPageDto> {
    return this.clients.list(principal, query);
  }

  @Post()
  @MinRole('manager')
  @ApiOperation({ summary: 'Create a client (accepts `lastActivityAt` for imports; stores no event)' })
  @ApiCreatedResponse({ type: ClientDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateClientDto): Promise<ClientDto> {
    return this.clients.create(principal, body);
  }

  @Get('metrics/names')
  @ApiOperation({
    summary:
      'Metric names to pick from: those recorded for the agency’s clients plus the common ones (roas, cpa, ctr, spend…), with units',
    description:
      'For metric pickers (kpi_threshold triggers, conditions on metrics.<name>). Any metric name may still be recorded or used.',
  })
  @ApiOkResponse({ type: MetricNamesDto })
  metricNames(@CurrentPrincipal() principal: Principal): Promise<MetricNamesDto> {
    return this.clients.metricNames(principal);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One client (404 when deleted, unless includeDeleted=true)' })
  @ApiOkResponse({ type: ClientDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() query: ClientLookupQuery,
  ): Promise<ClientDto> {
    return this.clients.get(principal, id, query.includeDeleted);
  }

  @Patch(':id')
  @MinRole('manager')
  @ApiOperation({ summary: 'Update a client; a change of stage stores a client.stage_changed event' })
  @ApiOkResponse({ type: ClientDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: UpdateClientDto,
  ): Promise<ClientDto> {
    return this.clients.update(principal, id, body);
  }

  @Delete(':id')
  @MinRole('manager')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Soft-delete a client (history is kept; later events for it are accepted, its runs skipped)',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string): Promise<void> {
    return this.clients.remove(principal, id);
  }

  @Post(':id/metrics')
  @MinRole('manager')
  @ApiOperation({ summary: 'Record a metric value; stores a kpi.updated event with the previous value' })
  @ApiCreatedResponse({ type: ClientMetricDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  addMetric(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: CreateClientMetricDto,
  ): Promise<ClientMetricDto> {
    return this.clients.addMetric(principal, id, body);
  }

  @Get(':id/metrics')
  @ApiOperation({ summary: 'Latest value per metric, and the history newest first' })
  @ApiOkResponse({ type: ClientMetricsDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  listMetrics(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() query: ClientMetricsQuery,
  ): Promise<ClientMetricsDto> {
    return this.clients.listMetrics(principal, id, query);
  }
}
