import { Module } from '@nestjs/common';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

/** Run history, run detail, the approval queue, and retry / approve / reject (RunControl comes from the global EngineModule). */
@Module({ controllers: [RunsController], providers: [RunsService] })
export class RunsModule {}
