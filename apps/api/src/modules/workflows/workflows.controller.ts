import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { actionCatalog, triggerCatalog, workflowDefinitionExample } from '@automations/domain';
import { CurrentPrincipal, MinRole } from '../../common/auth.decorators';
import { positiveIntParam } from '../../common/int-param.pipe';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { UuidParam } from '../../common/uuid-param.pipe';
import {
  ListWorkflowsQuery,
  ToggleWorkflowDto,
  TypeDescriptorListDto,
  WorkflowDetailDto,
  WorkflowPageDto,
  WorkflowVersionDto,
  WorkflowVersionListDto,
} from './workflow.dto';
import { WORKFLOW_DEFINITION_SCHEMA_NAME } from './workflow-definition.openapi';
import { WorkflowsService } from './workflows.service';
import { RestoreWorkflowVersionDto, WorkflowVersionDiffDto } from './workflow-version.dto';
import { WorkflowVersionsService } from './workflow-versions.service';

const definitionBody = (description: string) =>
  ApiBody({
    description,
    schema: { $ref: `#/components/schemas/${WORKFLOW_DEFINITION_SCHEMA_NAME}` },
    examples: { onboarding: { summary: 'Onboarding kickoff (PRODUCT.md §2)', value: workflowDefinitionExample } },
  });

@ApiTags('workflows')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; `details` lists each field path' })
@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly workflows: WorkflowsService,
    private readonly workflowVersions: WorkflowVersionsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List automations with status, search, sort and pagination' })
  @ApiOkResponse({ type: WorkflowPageDto })
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListWorkflowsQuery): Promise<WorkflowPageDto> {
    return this.workflows.list(principal, query);
  }

  @Get('triggers/types')
  @ApiOperation({ summary: 'Trigger types with their config JSON Schema and examples' })
  @ApiOkResponse({ type: TypeDescriptorListDto })
  triggerTypes(): TypeDescriptorListDto {
    return { items: triggerCatalog as unknown as TypeDescriptorListDto['items'] };
  }

  @Get('actions/types')
  @ApiOperation({ summary: 'Action types with their config JSON Schema and examples' })
  @ApiOkResponse({ type: TypeDescriptorListDto })
  actionTypes(): TypeDescriptorListDto {
    return { items: actionCatalog as unknown as TypeDescriptorListDto['items'] };
  }

  @Post()
  @MinRole('manager')
  @definitionBody('A workflow definition (PRODUCT.md §2). Missing step ids are filled in.')
  @ApiOperation({ summary: 'Create an automation (201 echoes the stored definition and any warnings)' })
  @ApiCreatedResponse({ type: WorkflowDetailDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: Record<string, unknown>): Promise<WorkflowDetailDto> {
    return this.workflows.create(principal, body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An automation with its definition and counters' })
  @ApiOkResponse({ type: WorkflowDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  get(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string): Promise<WorkflowDetailDto> {
    return this.workflows.get(principal, id);
  }

  @Patch(':id')
  @MinRole('manager')
  @ApiBody({
    description:
      'Any subset of the definition fields, plus optional `expectedVersion` (409 when the workflow has moved on). Each save bumps `version`.',
    schema: {
      type: 'object',
      properties: {
        expectedVersion: { type: 'integer', example: 3 },
        name: { type: 'string' },
        description: { type: 'string' },
        isActive: { type: 'boolean' },
        requiresApproval: { type: 'boolean' },
        triggers: { type: 'array', items: { type: 'object', additionalProperties: true } },
        steps: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
    },
    examples: { rename: { summary: 'Rename', value: { name: 'Onboarding kickoff v2', expectedVersion: 1 } } },
  })
  @ApiOperation({ summary: 'Update an automation' })
  @ApiOkResponse({ type: WorkflowDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<WorkflowDetailDto> {
    return this.workflows.update(principal, id, body);
  }

  @Delete(':id')
  @MinRole('manager')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Soft-delete an automation; its queued, waiting and awaiting-approval runs are cancelled, history is kept',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string): Promise<void> {
    return this.workflows.remove(principal, id);
  }

  @Patch(':id/toggle')
  @MinRole('manager')
  @ApiOperation({
    summary: 'Enable or disable; without a body the state flips. Disabling cancels queued and waiting runs.',
  })
  @ApiOkResponse({ type: WorkflowDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  toggle(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: ToggleWorkflowDto = {},
  ): Promise<WorkflowDetailDto> {
    return this.workflows.toggle(principal, id, body?.isActive);
  }

  @Get(':id/versions')
  @ApiOperation({ summary: 'Every saved definition of the automation, newest first' })
  @ApiOkResponse({ type: WorkflowVersionListDto })
  async versions(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
  ): Promise<WorkflowVersionListDto> {
    return { items: await this.workflows.versions(principal, id) };
  }

  @Get(':id/versions/:version')
  @ApiOperation({ summary: 'One saved definition' })
  @ApiOkResponse({ type: WorkflowVersionDto })
  version(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Param('version', positiveIntParam('version')) version: number,
  ): Promise<WorkflowVersionDto> {
    return this.workflows.version(principal, id, version);
  }

  @Post(':id/versions/:version/restore')
  @MinRole('manager')
  @ApiOperation({
    summary:
      'Restore a version: a new version whose definition (name, description, requiresApproval, triggers, steps) equals it; isActive is kept, the history is never rewritten',
    description:
      "Saved like PATCH (today's pipeline stages and users are validated: 400 naming the field). 201 with the workflow as it now is; audit `workflow.restored` with `fromVersion` and `toVersion`.",
  })
  @ApiCreatedResponse({ type: WorkflowDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such workflow or version' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Viewers cannot restore' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'The version is already the current one, or the workflow is not at `expectedVersion`',
  })
  restore(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Param('version', positiveIntParam('version')) version: number,
    @Body() body: RestoreWorkflowVersionDto = {},
  ): Promise<WorkflowDetailDto> {
    return this.workflowVersions.restore(principal, id, version, body?.expectedVersion);
  }

  @Get(':id/versions/:from/diff/:to')
  @ApiOperation({
    summary:
      'What changed from one saved version to another: triggers (by type), steps (by id, at any depth), settings',
  })
  @ApiOkResponse({ type: WorkflowVersionDiffDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'No such workflow, or either version is not one of it' })
  diff(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Param('from', positiveIntParam('from')) from: number,
    @Param('to', positiveIntParam('to')) to: number,
  ): Promise<WorkflowVersionDiffDto> {
    return this.workflowVersions.diff(principal, id, from, to);
  }
}
