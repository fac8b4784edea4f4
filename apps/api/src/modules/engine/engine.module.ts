import { Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ApprovalNotifier,
  createSchedulesQueue,
  EmailSender,
  EngineQueues,
  IntegrationSettingsLoader,
  LiveRunChangeListener,
  LiveUpdatePublisher,
  RunControl,
  ScheduleSync,
  SlackNotifier,
} from '@automations/engine';
import { RuntimeConfig, SecretBox } from '@automations/persistence';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { EventDispatch } from './event-dispatch.service';

const SCHEDULES_QUEUE = Symbol('SCHEDULES_QUEUE');

/**
 * The API's handles on the engine: the queues it feeds, the schedules it keeps in step, the run decisions it can take
 * and the live-update channel it announces them on (like the worker's).
 */
@Global()
@Module({
  providers: [
    {
      provide: EngineQueues,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) =>
        new EngineQueues({ redisUrl: config.redisUrl, prefix: config.queuePrefix }),
    },
    {
      provide: LiveUpdatePublisher,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) =>
        new LiveUpdatePublisher({
          redisUrl: config.redisUrl,
          queuePrefix: config.queuePrefix,
          logger: new Logger('LiveUpdates'),
        }),
    },
    {
      provide: LiveRunChangeListener,
      inject: [LiveUpdatePublisher],
      useFactory: (live: LiveUpdatePublisher) => new LiveRunChangeListener(live),
    },
    {
      provide: RunControl,
      inject: [getDataSourceToken(), EngineQueues, LiveRunChangeListener, RUNTIME_CONFIG],
      // An approval decided after its deadline expires here, before the worker's sweep: the admins hear of it the same way.
      useFactory: (
        dataSource: DataSource,
        queues: EngineQueues,
        changes: LiveRunChangeListener,
        config: RuntimeConfig,
      ) =>
        new RunControl(
          dataSource,
          queues,
          changes,
          new ApprovalNotifier(
            dataSource,
            new IntegrationSettingsLoader(dataSource, SecretBox.fromConfig(config)),
            new SlackNotifier({ slackApiUrl: config.slackApiUrl }),
            new EmailSender({ defaultSmtpUrl: config.smtpUrl, defaultFrom: config.emailFrom }),
          ),
        ),
    },
    {
      provide: SCHEDULES_QUEUE,
      inject: [RUNTIME_CONFIG],
      useFactory: (config: RuntimeConfig) =>
        createSchedulesQueue({ redisUrl: config.redisUrl, prefix: config.queuePrefix }),
    },
    {
      provide: ScheduleSync,
      inject: [SCHEDULES_QUEUE],
      useFactory: (queue: ReturnType<typeof createSchedulesQueue>) => new ScheduleSync(queue),
    },
    EventDispatch,
  ],
  exports: [EngineQueues, RunControl, LiveRunChangeListener, EventDispatch, ScheduleSync],
})
export class EngineModule implements OnApplicationShutdown {
  constructor(
    @Inject(EngineQueues) private readonly queues: EngineQueues,
    @Inject(SCHEDULES_QUEUE) private readonly schedules: ReturnType<typeof createSchedulesQueue>,
    @Inject(LiveUpdatePublisher) private readonly live: LiveUpdatePublisher,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.queues.close(), this.schedules.close(), this.live.close()]);
  }
}
