import { ApiProperty } from '@nestjs/swagger';
import type { ClientMetricEntity } from '@automations/persistence';

export class ClientMetricDto {
  @ApiProperty({ format: 'uuid', example: '5c4b3a29-1807-4f6e-9d5c-4b3a29180706' }) id: string;
  @ApiProperty({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' }) clientId: string;
  @ApiProperty({ example: 'roas' }) metric: string;
  @ApiProperty({ example: 1.8 }) value: number;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:00:00.000Z' }) recordedAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:00:01.250Z' }) createdAt: string;

  static from(metric: ClientMetricEntity): ClientMetricDto {
    return {
      id: metric.id,
      clientId: metric.clientId,
      metric: metric.metric,
      value: metric.value,
      recordedAt: metric.recordedAt.toISOString(),
      createdAt: metric.createdAt.toISOString(),
    };
  }
}
