import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { ClientsController } from './clients.controller';
import { ClientsService } from './clients.service';

@Module({ imports: [EventsModule], controllers: [ClientsController], providers: [ClientsService] })
export class ClientsModule {}
