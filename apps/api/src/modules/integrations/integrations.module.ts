import { Module } from '@nestjs/common';
import { RuntimeConfig, SecretBox } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { IntegrationsController } from './integrations.controller';
import { IntegrationsService } from './integrations.service';
import { SlackDirectoryService } from './slack-directory.service';

@Module({
  controllers: [IntegrationsController],
  providers: [
    IntegrationsService,
    SlackDirectoryService,
    {
      provide: SecretBox,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => SecretBox.fromConfig(config),
    },
  ],
})
export class IntegrationsModule {}
