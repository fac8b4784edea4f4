import { Module } from '@nestjs/common';
import { RuntimeConfig, SecretBox } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

/** Run history, run detail, the approval queue, and retry / approve / reject (RunControl comes from the global EngineModule). */
@Module({
  controllers: [RunsController],
  providers: [
    RunsService,
    {
      provide: SecretBox,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => SecretBox.fromConfig(config),
    },
  ],
})
export class RunsModule {}
