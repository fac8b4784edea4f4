import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { workflowDefinitionExample } from '@automations/domain';
import { CurrentPrincipal, MinRole } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { UuidParam } from '../../common/uuid-param.pipe';
import { PreviewDefinitionDto, PreviewWorkflowDto, WorkflowPreviewDto } from './preview.dto';
import { PreviewService } from './preview.service';

const sampleClient = {
  name: 'Acme Outdoor',
  stage: 'onboarding',
  health: 'green',
  assignee: { name: 'Mia Manager', email: 'mia@agency.test' },
  metrics: { roas: 1.6 },
};
const stageEvent = { type: 'client.stage_changed', data: { fromStage: 'lead', toStage: 'onboarding' } };

/** Test mode (PRODUCT.md §6): per-step outcome and rendered config of a workflow for one client, with no side effects. */
@ApiTags('workflows')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; `details` lists each field path' })
@ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Previews need the manager role' })
@Controller('workflows')
export class PreviewController {
  constructor(private readonly previews: PreviewService) {}

  @Post('test')
  @MinRole('manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview an unsaved definition for a client or an inline sample client, and an optional event',
    description:
      'Trigger evaluation, the branch taken, each step’s rendered config and what it would do (execute, wait N minutes, await approval, skipped by its condition). ' +
      'No writes, no queued jobs, no Slack/email sends; drafts come from the template drafter unless `useAi` is true. The definition is validated as on save (paths under `definition.`).',
  })
  @ApiBody({
    type: PreviewDefinitionDto,
    examples: {
      sample: {
        summary: 'Onboarding kickoff for a sample client',
        value: { definition: workflowDefinitionExample, client: sampleClient, event: stageEvent },
      },
      client: {
        summary: 'For a client of the agency',
        value: { definition: workflowDefinitionExample, clientId: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' },
      },
    },
  })
  @ApiOkResponse({ type: WorkflowPreviewDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: '`clientId` is not a client of your agency' })
  previewDefinition(
    @CurrentPrincipal() principal: Principal,
    @Body() body: PreviewDefinitionDto,
  ): Promise<WorkflowPreviewDto> {
    return this.previews.previewDefinition(principal, body);
  }

  @Post(':id/test')
  @MinRole('manager')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Preview a saved automation for a client or an inline sample client, and an optional event',
    description:
      'Trigger evaluation, the branch taken, each step’s rendered config and what it would do (execute, wait N minutes, await approval, skipped by its condition). ' +
      'No writes, no queued jobs, no Slack/email sends; drafts come from the template drafter unless `useAi` is true.',
  })
  @ApiBody({
    type: PreviewWorkflowDto,
    examples: {
      client: {
        summary: 'A client of the agency, on a stage change',
        value: { clientId: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10', event: stageEvent },
      },
      sample: { summary: 'A sample client, triggers checked on its state', value: { client: sampleClient } },
    },
  })
  @ApiOkResponse({ type: WorkflowPreviewDto })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'No such automation, or `clientId` is not a client of your agency',
  })
  previewSaved(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: PreviewWorkflowDto,
  ): Promise<WorkflowPreviewDto> {
    return this.previews.previewSaved(principal, id, body);
  }
}
