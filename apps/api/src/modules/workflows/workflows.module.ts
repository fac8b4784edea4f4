import { Module } from '@nestjs/common';
import { RuntimeConfig, SecretBox } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { PendingRunsCanceller } from './pending-runs.canceller';
import { WorkflowChangeNotifier } from './workflow-change.notifier';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';
import { WorkflowVersionsService } from './workflow-versions.service';

@Module({
  controllers: [WorkflowsController],
  providers: [
    WorkflowsService,
    WorkflowVersionsService,
    WorkflowChangeNotifier,
    PendingRunsCanceller,
    {
      provide: SecretBox,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => SecretBox.fromConfig(config),
    },
  ],
  exports: [WorkflowsService],
})
export class WorkflowsModule {}
