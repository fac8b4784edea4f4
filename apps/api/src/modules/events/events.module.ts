import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventRecorder } from '@automations/persistence';
import { EventsController } from './events.controller';
import { EventIngestBatcher } from './event-ingest.batcher';
import { EventIngestSettings } from './event-ingest.settings';
import { EventsService } from './events.service';
import { IngestStore } from './ingest.store';
import { IngestWriter } from './ingest.writer';
import { MetricRecorder } from './metric-recorder.service';

@Module({
  controllers: [EventsController],
  providers: [
    {
      provide: EventRecorder,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) => new EventRecorder(dataSource),
    },
    MetricRecorder,
    { provide: EventIngestSettings, useFactory: () => new EventIngestSettings() },
    IngestStore,
    IngestWriter,
    EventIngestBatcher,
    EventsService,
  ],
  exports: [EventRecorder, MetricRecorder],
})
export class EventsModule {}
