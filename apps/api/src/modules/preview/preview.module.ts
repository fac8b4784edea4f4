import { Module } from '@nestjs/common';
import { RuntimeConfig, SecretBox } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { PreviewController } from './preview.controller';
import { PreviewService } from './preview.service';

/** Test mode: `POST /workflows/{id}/test` and `POST /workflows/test` (read-only; see PreviewService). */
@Module({
  controllers: [PreviewController],
  providers: [
    PreviewService,
    {
      provide: SecretBox,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) => SecretBox.fromConfig(config),
    },
  ],
})
export class PreviewModule {}
