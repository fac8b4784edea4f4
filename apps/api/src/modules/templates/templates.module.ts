import { Module } from '@nestjs/common';
import { WorkflowsModule } from '../workflows/workflows.module';
import { PortableWorkflowsController } from './portable-workflows.controller';
import { PortableWorkflowsService } from './portable-workflows.service';
import { TemplateLibrary } from './template-library';
import { TemplateSharesService } from './template-shares.service';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';

@Module({
  imports: [WorkflowsModule],
  controllers: [TemplatesController, PortableWorkflowsController],
  providers: [TemplateLibrary, TemplatesService, TemplateSharesService, PortableWorkflowsService],
})
export class TemplatesModule {}
