import { Module } from '@nestjs/common';
import { EventRecorder } from './event-recorder.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { MetricRecorder } from './metric-recorder.service';

@Module({
  controllers: [EventsController],
  providers: [EventRecorder, MetricRecorder, EventsService],
  exports: [EventRecorder, MetricRecorder],
})
export class EventsModule {}
