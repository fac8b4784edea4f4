import { Module } from '@nestjs/common';
import { SECURITY_SETTINGS, type SecuritySettings } from '../../common/security-settings';
import { LiveStreamRegistry } from './live-stream-registry';
import { LiveUpdateSubscriber } from './live-update-subscriber.service';
import { StreamController } from './stream.controller';
import { StreamCredentialLimit } from './stream-credential-limit';
import { StreamSettings } from './stream.settings';

/** `GET /stream`: run and approval changes published by the workers (and the API's own decisions), per agency. */
@Module({
  controllers: [StreamController],
  providers: [
    LiveStreamRegistry,
    LiveUpdateSubscriber,
    { provide: StreamSettings, useFactory: () => new StreamSettings() },
    {
      provide: StreamCredentialLimit,
      inject: [SECURITY_SETTINGS],
      useFactory: (security: SecuritySettings) => new StreamCredentialLimit(security.maxStreamsPerCredential),
    },
  ],
})
export class StreamModule {}
