import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentPrincipal, MinRole } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { WorkflowDetailDto } from '../workflows/workflow.dto';
import { CreateTemplateBodyPipe, type CreateTemplateBody } from './create-template-body.pipe';
import { CreateTemplateFromWorkflowDto } from './dto/create-template-from-workflow.dto';
import { CreateTemplateDto } from './dto/create-template.dto';
import { ImportTemplateDto } from './dto/import-template.dto';
import { InstantiateTemplateDto } from './dto/instantiate-template.dto';
import { ShareTemplateDto } from './dto/share-template.dto';
import { TemplateShareCodeDto } from './dto/template-share-code.dto';
import { TemplateDto, TemplatePageDto } from './dto/template.dto';
import { ListTemplatesQuery } from './dto/templates.query';
import { UpdateTemplateDto } from './dto/update-template.dto';
import { TemplateIdParam } from './template-id.pipe';
import { TemplateSharesService } from './template-shares.service';
import { TemplatesService } from './templates.service';

const BUILTIN_READ_ONLY = 'Built-in templates are read-only';

@ApiTags('templates')
@ApiBearerAuth()
@ApiExtraModels(CreateTemplateDto, CreateTemplateFromWorkflowDto)
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; `details` lists each field path' })
@Controller('templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplatesService,
    private readonly shares: TemplateSharesService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The template library: built-ins, your agency’s and imported ones. Most used first, then built-ins in gallery order, then newest',
  })
  @ApiOkResponse({ type: TemplatePageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListTemplatesQuery): Promise<TemplatePageDto> {
    return this.templates.list(principal, query);
  }

  @Post()
  @MinRole('manager')
  @ApiOperation({
    summary: 'Save a template: from its content, or from one of your automations (`fromWorkflowId`)',
    description:
      'Agency-specific values (user ids, Slack ids, email addresses, a schedule’s client filter, names of your clients and people in texts) become placeholders.',
  })
  @ApiBody({
    schema: {
      oneOf: [{ $ref: getSchemaPath(CreateTemplateDto) }, { $ref: getSchemaPath(CreateTemplateFromWorkflowDto) }],
    },
  })
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'fromWorkflowId is not an automation of your agency' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(CreateTemplateBodyPipe) body: CreateTemplateBody,
  ): Promise<TemplateDto> {
    return body.kind === 'fromWorkflow'
      ? this.templates.createFromWorkflow(principal, body.body)
      : this.templates.create(principal, body.body);
  }

  @Post('import')
  @MinRole('admin')
  @ApiOperation({
    summary: 'Copy a template another agency shared into your library (`source: shared`)',
    description: 'An unknown, expired or revoked code answers the same 404.',
  })
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  importShared(@CurrentPrincipal() principal: Principal, @Body() body: ImportTemplateDto): Promise<TemplateDto> {
    return this.shares.importShared(principal, body.shareCode);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One template' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id', TemplateIdParam) id: string): Promise<TemplateDto> {
    return this.templates.get(principal, id);
  }

  @Patch(':id')
  @MinRole('manager')
  @ApiOperation({ summary: 'Edit one of your agency’s templates (the result is validated as a whole)' })
  @ApiBody({ type: UpdateTemplateDto })
  @ApiOkResponse({ type: TemplateDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: BUILTIN_READ_ONLY })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', TemplateIdParam) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<TemplateDto> {
    return this.templates.update(principal, id, body);
  }

  @Delete(':id')
  @MinRole('manager')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete one of your agency’s templates (automations made from it stay; its share code stops working)',
  })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: BUILTIN_READ_ONLY })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@CurrentPrincipal() principal: Principal, @Param('id', TemplateIdParam) id: string): Promise<void> {
    return this.templates.remove(principal, id);
  }

  @Post(':id/instantiate')
  @MinRole('manager')
  @ApiOperation({
    summary: 'Create an automation from the template with a value per placeholder (inactive unless `activate: true`)',
  })
  @ApiCreatedResponse({ type: WorkflowDetailDto, description: 'The created automation, as `POST /workflows` answers' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  instantiate(
    @CurrentPrincipal() principal: Principal,
    @Param('id', TemplateIdParam) id: string,
    @Body() body: InstantiateTemplateDto,
  ): Promise<WorkflowDetailDto> {
    return this.templates.instantiate(principal, id, body);
  }

  @Post(':id/share')
  @MinRole('admin')
  @ApiOperation({
    summary:
      'Make a share code for another agency (valid 30 days unless `expiresInDays`); a new code replaces the previous one',
  })
  @ApiBody({ type: ShareTemplateDto, required: false })
  @ApiCreatedResponse({ type: TemplateShareCodeDto })
  @ApiForbiddenResponse({
    type: ErrorResponseDto,
    description: 'Built-in templates are the same for every agency: nothing to share',
  })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  share(
    @CurrentPrincipal() principal: Principal,
    @Param('id', TemplateIdParam) id: string,
    @Body() body: ShareTemplateDto = {},
  ): Promise<TemplateShareCodeDto> {
    return this.shares.share(principal, id, body?.expiresInDays);
  }

  @Delete(':id/share')
  @MinRole('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the template’s share code' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Built-in templates cannot be shared' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  revokeShare(@CurrentPrincipal() principal: Principal, @Param('id', TemplateIdParam) id: string): Promise<void> {
    return this.shares.revoke(principal, id);
  }
}
