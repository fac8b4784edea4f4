import { Module } from '@nestjs/common';
import { LiveStreamRegistry } from './live-stream-registry';
import { LiveUpdateSubscriber } from './live-update-subscriber.service';
import { StreamController } from './stream.controller';
import { StreamSettings } from './stream.settings';

/** `GET /stream`: run and approval changes published by the workers (and the API's own decisions), per agency. */
@Module({
  controllers: [StreamController],
  providers: [LiveStreamRegistry, LiveUpdateSubscriber, { provide: StreamSettings, useFactory: () => new StreamSettings() }],
})
export class StreamModule {}
