import { Module } from '@nestjs/common';
import { PendingRunsCanceller } from './pending-runs.canceller';
import { WorkflowChangeNotifier } from './workflow-change.notifier';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

@Module({ controllers: [WorkflowsController], providers: [WorkflowsService, WorkflowChangeNotifier, PendingRunsCanceller], exports: [WorkflowsService] })
export class WorkflowsModule {}
