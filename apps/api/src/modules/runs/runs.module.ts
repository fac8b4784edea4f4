import { Module } from '@nestjs/common';
import { RuntimeConfig, SecretBox } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { RunsController } from './runs.controller';
import { RunsBulkService } from './runs-bulk.service';
import { RunsService } from './runs.service';

/** Run history, run detail, the approval queue, and retry / approve / reject, bulk retry and cancel (RunControl comes from the global EngineModule). */
@Module({
  controllers: [RunsController],
  providers: [
    RunsService,
    RunsBulkService,
    {
      provide: SecretBox,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => SecretBox.fromConfig(config),
    },
  ],
})
export class RunsModule {}
