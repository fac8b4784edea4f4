import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AgencyScopedRepository, ClientMetricEntity, EventCausation, EventSource } from '@automations/persistence';
import { EventRecorder, RecordedEvent } from '@automations/persistence';
import { lockClients } from '@automations/persistence';

export interface MetricToRecord {
  agencyId: string;
  clientId: string;
  metric: string;
  value: number;
  /** Default: now. */
  recordedAt?: Date;
  idempotencyKey?: string | null;
  source: EventSource;
  causation?: EventCausation | null;
}

export interface RecordedMetric {
  event: RecordedEvent;
  /** Null when the event was a duplicate (its metric was stored the first time). */
  metric: ClientMetricEntity | null;
  previousValue: number | null;
}

/**
 * One client metric value and its `kpi.updated` event (`{metric, value, previousValue}`), stored
 * in the caller's transaction. `previousValue` is the latest value recorded at or before this
 * one's `recordedAt` (or null), read while the client row is locked so concurrent posts chain.
 */
@Injectable()
export class MetricRecorder {
  constructor(private readonly events: EventRecorder) {}

  async record(input: MetricToRecord, manager: EntityManager): Promise<RecordedMetric> {
    const { agencyId, clientId, metric, value } = input;
    await lockClients(manager, agencyId, [clientId]);
    // Defaulted after the lock: concurrent posts of "now" values get increasing times, so they chain.
    const recordedAt = input.recordedAt ?? new Date();
    const metrics = AgencyScopedRepository.for(manager, ClientMetricEntity, agencyId);
    const previous = await metrics
      .query('m')
      .andWhere('m.clientId = :clientId AND m.metric = :metric AND m.recordedAt <= :recordedAt', {
        clientId,
        metric,
        recordedAt,
      })
      .orderBy('m.recordedAt', 'DESC')
      .addOrderBy('m.createdAt', 'DESC')
      .limit(1)
      .getOne();
    const previousValue = previous?.value ?? null;

    const event = await this.events.record(
      {
        agencyId,
        clientId,
        type: 'kpi.updated',
        data: { metric, value, previousValue },
        occurredAt: recordedAt,
        idempotencyKey: input.idempotencyKey,
        source: input.source,
        causation: input.causation,
      },
      manager,
    );
    if (event.deduplicated) return { event, metric: null, previousValue };

    // clock_timestamp(), not now(): values stored by one transaction keep their order for "latest".
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(ClientMetricEntity)
      .values({ agencyId, clientId, metric, value, recordedAt, createdAt: () => 'clock_timestamp()' })
      .returning('*')
      .execute();
    const row = result.raw[0] as { id: string; created_at: Date };
    const stored = Object.assign(new ClientMetricEntity(), {
      id: row.id,
      agencyId,
      clientId,
      metric,
      value,
      recordedAt,
      createdAt: row.created_at,
    });
    return { event, metric: stored, previousValue };
  }
}
