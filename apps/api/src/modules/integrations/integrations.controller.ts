import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
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
import type { Principal } from '../../common/principal';
import { IntegrationListDto } from './dto/integration-list.dto';
import { IntegrationDto } from './dto/integration.dto';
import { PutEmailIntegrationDto } from './dto/put-email-integration.dto';
import { PutOpenAiIntegrationDto } from './dto/put-openai-integration.dto';
import { PutSlackIntegrationDto } from './dto/put-slack-integration.dto';
import { INTEGRATION_KINDS, isIntegrationKind } from './integration-kinds';
import { IntegrationsService } from './integrations.service';
import { SlackDirectoryDto, SlackDirectoryQuery } from './dto/slack-directory.dto';
import { SlackDirectoryService } from './slack-directory.service';

/** Managers may read the (masked) settings, e.g. to see whether Slack is connected; only admins change them. */
@ApiTags('integrations')
@ApiBearerAuth()
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Reading needs the manager role, changing needs admin' })
@MinRole('manager')
@Controller('integrations')
export class IntegrationsController {
  constructor(
    private readonly integrations: IntegrationsService,
    private readonly slackDirectory: SlackDirectoryService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'All integrations of the agency, secrets masked' })
  @ApiOkResponse({ type: IntegrationListDto })
  list(@CurrentPrincipal() principal: Principal): Promise<IntegrationListDto> {
    return this.integrations.list(principal);
  }

  @Get('slack/directory')
  @ApiOperation({
    summary: 'Channels and people of the agency’s Slack workspace, for recipient pickers (manager+)',
    description:
      'Read with the agency’s own bot token through conversations.list and users.list (SLACK_API_URL), cached about a minute per agency. ' +
      'Without a Slack integration: `connected: false` and empty lists. Store the ids (C…, U…) in send_notification recipients.',
  })
  @ApiOkResponse({ type: SlackDirectoryDto })
  slackDirectoryList(
    @CurrentPrincipal() principal: Principal,
    @Query() query: SlackDirectoryQuery,
  ): Promise<SlackDirectoryDto> {
    return this.slackDirectory.list(principal, query.search);
  }

  @Get(':kind')
  @ApiOperation({ summary: 'One integration, secret masked' })
  @ApiParam({ name: 'kind', enum: INTEGRATION_KINDS })
  @ApiOkResponse({ type: IntegrationDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentPrincipal() principal: Principal, @Param('kind') kind: string): Promise<IntegrationDto> {
    if (!isIntegrationKind(kind)) throw ApiError.notFound('Integration');
    return this.integrations.get(principal, kind);
  }

  @Put('slack')
  @MinRole('admin')
  @ApiOperation({ summary: 'Configure Slack (admin): bot token and default channel' })
  @ApiOkResponse({ type: IntegrationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  async putSlack(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PutSlackIntegrationDto,
  ): Promise<IntegrationDto> {
    const saved = await this.integrations.put(principal, 'slack', body);
    this.slackDirectory.forget(principal.agencyId);
    return saved;
  }

  @Put('email')
  @MinRole('admin')
  @ApiOperation({ summary: 'Configure email (admin): sender, reply-to and an optional SMTP server' })
  @ApiOkResponse({ type: IntegrationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  putEmail(@CurrentPrincipal() principal: Principal, @Body() body: PutEmailIntegrationDto): Promise<IntegrationDto> {
    return this.integrations.put(principal, 'email', body);
  }

  @Put('openai')
  @MinRole('admin')
  @ApiOperation({ summary: 'Configure the draft writer (admin): an OpenAI-compatible API key, model and base URL' })
  @ApiOkResponse({ type: IntegrationDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  putOpenAi(@CurrentPrincipal() principal: Principal, @Body() body: PutOpenAiIntegrationDto): Promise<IntegrationDto> {
    return this.integrations.put(principal, 'openai', body);
  }
}
