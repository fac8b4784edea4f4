import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EventRecorder, EventToRecord } from '@automations/persistence';
import type { KpiUpdatedDataDto } from './dto/kpi-updated-data.dto';
import type { IngestRequest } from './ingest-request';
import { planStore } from './ingest-store.plan';
import { MetricRecorder } from './metric-recorder.service';

/**
 * Stores the events of checked requests in the caller's transaction: `kpi.updated` through the
 * metric recorder (with its client metric and `previousValue`), all other events of all requests
 * with one multi-row insert. The same idempotency key in two requests resolves to one event (the
 * recorder dedupes within a call and against committed rows).
 */
@Injectable()
export class IngestStore {
  constructor(
    private readonly recorder: EventRecorder,
    private readonly metrics: MetricRecorder,
  ) {}

  /** Ids per request, each in its request's order. */
  async store(manager: EntityManager, requests: readonly IngestRequest[]): Promise<string[][]> {
    const receivedAt = new Date();
    const ids = requests.map((request) => new Array<string>(request.events.length));
    const plain: { request: number; index: number; event: EventToRecord }[] = [];
    const repeats: { request: number; index: number; of: number }[] = [];

    for (const [position, { agencyId, events }] of requests.entries()) {
      for (const [index, step] of planStore(events).entries()) {
        const input = events[index];
        const occurredAt = input.occurredAt ? new Date(input.occurredAt) : undefined;
        if (step.kind === 'repeat') {
          repeats.push({ request: position, index, of: step.of });
        } else if (step.kind === 'kpi') {
          const { metric, value } = input.data as KpiUpdatedDataDto;
          const recorded = await this.metrics.record(
            {
              agencyId,
              clientId: input.clientId,
              metric,
              value,
              recordedAt: occurredAt,
              idempotencyKey: input.idempotencyKey,
              source: 'api',
            },
            manager,
          );
          ids[position][index] = recorded.event.id;
        } else {
          plain.push({
            request: position,
            index,
            event: {
              agencyId,
              clientId: input.clientId,
              type: input.type,
              data: { ...input.data } as Record<string, unknown>,
              occurredAt: occurredAt ?? receivedAt,
              idempotencyKey: input.idempotencyKey,
              source: 'api',
            },
          });
        }
      }
    }

    const recorded = await this.recorder.recordMany(
      plain.map(({ event }) => event),
      manager,
    );
    plain.forEach(({ request, index }, position) => (ids[request][index] = recorded[position].id));
    for (const { request, index, of } of repeats) ids[request][index] = ids[request][of];
    return ids;
  }
}
