import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, MinRole } from '../../common/auth.decorators';
import { ErrorResponseDto } from '../../common/page.dto';
import type { Principal } from '../../common/principal';
import { UuidParam } from '../../common/uuid-param.pipe';
import { WorkflowDetailDto } from '../workflows/workflow.dto';
import { ImportWorkflowDto } from './dto/import-workflow.dto';
import { PortableWorkflowDocumentDto } from './dto/portable-workflow-document.dto';
import { PortableWorkflowsService } from './portable-workflows.service';

/** Workflows as files (PRODUCT.md §8.2): export with agency-specific values as placeholders, import as a new inactive automation. */
@ApiTags('workflows')
@ApiBearerAuth()
@ApiBadRequestResponse({ type: ErrorResponseDto, description: 'Invalid input; `details` lists each field path' })
@Controller('workflows')
export class PortableWorkflowsController {
  constructor(private readonly portable: PortableWorkflowsService) {}

  @Post('import')
  @MinRole('admin')
  @ApiOperation({ summary: 'Create an inactive automation from an exported document and a value per placeholder' })
  @ApiCreatedResponse({ type: WorkflowDetailDto, description: 'The created automation, as `POST /workflows` answers' })
  importDocument(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ImportWorkflowDto,
  ): Promise<WorkflowDetailDto> {
    return this.portable.importDocument(principal, body);
  }

  @Get(':id/export')
  @ApiOperation({
    summary:
      'The automation as a portable document (`automations.workflow/v1`); agency-specific values become placeholders',
  })
  @ApiOkResponse({ type: PortableWorkflowDocumentDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  exportDocument(
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
  ): Promise<PortableWorkflowDocumentDto> {
    return this.portable.exportDocument(principal, id);
  }
}
