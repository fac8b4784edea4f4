import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyScopedRepository, EventEntity } from '@automations/persistence';
import { ApiError } from '../../common/api-error';
import { assertKnownStages } from '../../common/pipeline-stages';
import { EventDispatch } from '../engine/event-dispatch.service';
import type { Principal } from '../../common/principal';
import { EventBatchDto } from './dto/event-batch.dto';
import { EventDetailDto } from './dto/event-detail.dto';
import type { EventInputDto } from './dto/event-input.dto';
import { EventPageDto } from './dto/event-page.dto';
import { EventDto } from './dto/event.dto';
import type { EventsAcceptedDto } from './dto/events-accepted.dto';
import type { EventsQuery } from './dto/events.query';
import type { KpiUpdatedDataDto } from './dto/kpi-updated-data.dto';
import { EventRecorder, EventToRecord } from '@automations/persistence';
import { lockClients } from '@automations/persistence';
import { MetricRecorder } from './metric-recorder.service';

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recorder: EventRecorder,
    private readonly metrics: MetricRecorder,
    private readonly dispatch: EventDispatch,
  ) {}

  /**
   * Stores one event or a batch in one transaction. `kpi.updated` events also store the client
   * metric and carry `previousValue`, exactly like `POST /clients/{id}/metrics`.
   */
  async ingest(principal: Principal, body: EventInputDto | EventBatchDto): Promise<EventsAcceptedDto> {
    const batch = body instanceof EventBatchDto;
    const events = batch ? body.events : [body];
    const pathOf = (index: number, field: string) => (batch ? `events[${index}].${field}` : field);
    const ids = await this.dataSource.transaction(async (manager) => {
      const known = new Set(
        (
          await lockClients(
            manager,
            principal.agencyId,
            events.map((event) => event.clientId),
          )
        ).map((client) => client.id),
      );
      const unknown = events.findIndex((event) => !known.has(event.clientId));
      if (unknown >= 0)
        throw new ApiError(HttpStatus.NOT_FOUND, 'Client not found', [
          { path: pathOf(unknown, 'clientId'), message: 'no such client' },
        ]);
      // `toStage` must be a pipeline stage; `fromStage` is history (it may name a stage removed since) and is not checked.
      await assertKnownStages(
        manager,
        principal.agencyId,
        events.flatMap((event, index) =>
          event.type === 'client.stage_changed'
            ? [{ path: pathOf(index, 'data.toStage'), stage: (event.data as { toStage: string }).toStage }]
            : [],
        ),
      );
      return this.store(manager, principal.agencyId, events);
    });
    await this.dispatch.dispatch(ids);
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

  /** Ids in request order; a key repeated inside the request resolves to its first occurrence. */
  private async store(manager: EntityManager, agencyId: string, events: EventInputDto[]): Promise<string[]> {
    const receivedAt = new Date();
    const ids: string[] = new Array(events.length);
    const firstIndexByKey = new Map<string, number>();
    const repeats: [index: number, first: number][] = [];
    const plain: { index: number; event: EventToRecord }[] = [];

    for (const [index, input] of events.entries()) {
      const key = input.idempotencyKey;
      if (key !== undefined) {
        const first = firstIndexByKey.get(key);
        if (first !== undefined) {
          repeats.push([index, first]);
          continue;
        }
        firstIndexByKey.set(key, index);
      }
      const occurredAt = input.occurredAt ? new Date(input.occurredAt) : undefined;
      if (input.type === 'kpi.updated') {
        const { metric, value } = input.data as KpiUpdatedDataDto;
        const recorded = await this.metrics.record(
          {
            agencyId,
            clientId: input.clientId,
            metric,
            value,
            recordedAt: occurredAt,
            idempotencyKey: key,
            source: 'api',
          },
          manager,
        );
        ids[index] = recorded.event.id;
      } else {
        const data = { ...input.data } as Record<string, unknown>;
        plain.push({
          index,
          event: {
            agencyId,
            clientId: input.clientId,
            type: input.type,
            data,
            occurredAt: occurredAt ?? receivedAt,
            idempotencyKey: key,
            source: 'api',
          },
        });
      }
    }

    const recorded = await this.recorder.recordMany(
      plain.map(({ event }) => event),
      manager,
    );
    plain.forEach(({ index }, position) => (ids[index] = recorded[position].id));
    for (const [index, first] of repeats) ids[index] = ids[first];
    return ids;
  }
}
