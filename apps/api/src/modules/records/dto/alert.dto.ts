import { ApiProperty } from '@nestjs/swagger';
import type { AlertEntity } from '@automations/persistence';
import { RecordOriginDto } from './record-origin.dto';

export class AlertDto extends RecordOriginDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' })
  clientId: string | null;
  @ApiProperty({
    example: 'automation',
    description: '`automation` for add_alert; system alerts such as `loop_detected` otherwise',
  })
  kind: string;
  @ApiProperty({ example: 'Acme Outdoor starts at risk' }) title: string;
  @ApiProperty({ nullable: true, type: String, example: 'Health is red at onboarding' }) message: string | null;
  @ApiProperty({ enum: ['info', 'warning', 'critical'], example: 'critical' }) severity: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) resolvedAt: string | null;

  static from(alert: AlertEntity): AlertDto {
    return {
      ...RecordOriginDto.from(alert),
      clientId: alert.clientId,
      kind: alert.kind,
      title: alert.title,
      message: alert.message,
      severity: alert.severity,
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    };
  }
}
