import { Module } from '@nestjs/common';
import { WorkflowChangeNotifier } from './workflow-change.notifier';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

@Module({ controllers: [WorkflowsController], providers: [WorkflowsService, WorkflowChangeNotifier], exports: [WorkflowsService] })
export class WorkflowsModule {}
