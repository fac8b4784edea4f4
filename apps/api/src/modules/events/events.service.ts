import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencyScopedRepository, EventEntity } from '@automations/persistence';
import { ApiError } from '../../common/api-error';
import type { Principal } from '../../common/principal';
import { EventBatchDto } from './dto/event-batch.dto';
import { EventDetailDto } from './dto/event-detail.dto';
import type { EventInputDto } from './dto/event-input.dto';
import { EventPageDto } from './dto/event-page.dto';
import { EventDto } from './dto/event.dto';
import type { EventsAcceptedDto } from './dto/events-accepted.dto';
import type { EventsQuery } from './dto/events.query';
import { EventIngestBatcher } from './event-ingest.batcher';

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batcher: EventIngestBatcher,
  ) {}

  /**
   * Stores one event or a batch, committed (with concurrent requests, see EventIngestBatcher) and handed
   * to the worker before it answers. `kpi.updated` events also store the client metric and carry
   * `previousValue`, exactly like `POST /clients/{id}/metrics`.
   */
  async ingest(principal: Principal, body: EventInputDto | EventBatchDto): Promise<EventsAcceptedDto> {
    const batch = body instanceof EventBatchDto;
    const ids = await this.batcher.submit({
      agencyId: principal.agencyId,
      events: batch ? body.events : [body],
      batch,
    });
    return batch ? { ids } : { id: ids[0], ids };
  }

  async list(principal: Principal, query: EventsQuery): Promise<EventPageDto> {
    const qb = this.events(principal.agencyId).query('event');
    if (query.clientId) qb.andWhere('event.clientId = :clientId', { clientId: query.clientId });
    if (query.type) qb.andWhere('event.type = :type', { type: query.type });
    if (query.from) qb.andWhere('event.occurredAt >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('event.occurredAt <= :to', { to: new Date(query.to) });
    const [events, total] = await qb
      .orderBy('event.occurredAt', 'DESC')
      .addOrderBy('event.createdAt', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: events.map((event) => EventDto.from(event)), total, page: query.page, pageSize: query.pageSize };
  }

  async get(principal: Principal, id: string): Promise<EventDetailDto> {
    const event = await this.events(principal.agencyId).findById(id);
    if (!event) throw ApiError.notFound('Event');
    return EventDetailDto.from(event);
  }

  private events(agencyId: string) {
    return AgencyScopedRepository.for(this.dataSource.manager, EventEntity, agencyId);
  }
}
