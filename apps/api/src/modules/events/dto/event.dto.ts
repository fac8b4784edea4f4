import { ApiProperty } from '@nestjs/swagger';
import type { EventEntity } from '@automations/persistence';
import { EVENT_TYPES } from '@automations/domain';

export class EventDto {
  @ApiProperty({ format: 'uuid', example: '0b7a1d2e-3c4f-4a5b-8c6d-7e8f9a0b1c2d' }) id: string;
  @ApiProperty({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' }) clientId: string;
  @ApiProperty({ enum: EVENT_TYPES, example: 'kpi.updated' }) type: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { metric: 'roas', value: 1.8, previousValue: 2.4 },
  })
  data: Record<string, unknown>;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:30:00.000Z' }) occurredAt: string;
  @ApiProperty({ nullable: true, type: String, example: 'ads-sync:2026-03-02:roas' }) idempotencyKey: string | null;
  @ApiProperty({
    enum: ['api', 'client_update', 'metric', 'action'],
    example: 'api',
    description: 'Who reported it: the REST API, a client update, a posted metric, or an action of a run',
  })
  source: string;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    example: null,
    description: 'For events emitted by actions: root event, chain of (workflow, client) pairs and depth',
  })
  causation: Record<string, unknown> | null;
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    example: null,
    description: 'When the engine matched it to workflows',
  })
  processedAt: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:30:00.120Z' }) createdAt: string;

  static from(event: EventEntity): EventDto {
    return {
      id: event.id,
      clientId: event.clientId,
      type: event.type,
      data: event.data,
      occurredAt: event.occurredAt.toISOString(),
      idempotencyKey: event.idempotencyKey,
      source: event.source,
      causation: event.causation as unknown as Record<string, unknown> | null,
      processedAt: event.processedAt?.toISOString() ?? null,
      createdAt: event.createdAt.toISOString(),
    };
  }
}
