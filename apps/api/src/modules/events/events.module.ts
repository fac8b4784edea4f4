import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventRecorder } from '@automations/persistence';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
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
    EventsService,
  ],
  exports: [EventRecorder, MetricRecorder],
})
export class EventsModule {}
