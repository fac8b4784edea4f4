import { ApiProperty } from '@nestjs/swagger';
import type { NotificationEntity } from '@automations/persistence';
import { RecordOriginDto } from './record-origin.dto';

export class NotificationDto extends RecordOriginDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' })
  clientId: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    example: null,
    description: 'Set for in-app notifications addressed to one user',
  })
  userId: string | null;
  @ApiProperty({ enum: ['slack', 'email', 'in_app'], example: 'slack' }) channel: string;
  @ApiProperty({ type: [String], example: ['C0123ABCD'] }) recipients: string[];
  @ApiProperty({ nullable: true, type: String, example: null }) subject: string | null;
  @ApiProperty({ example: 'Acme Outdoor onboarding started' }) message: string;
  @ApiProperty({ enum: ['pending', 'sending', 'sent', 'failed'], example: 'sent' }) status: string;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    example: null,
    description: 'Why delivery failed',
  })
  error: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-03-02T09:30:02.000Z' }) sentAt:
    string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) readAt: string | null;

  static from(notification: NotificationEntity): NotificationDto {
    return {
      ...RecordOriginDto.from(notification),
      clientId: notification.clientId,
      userId: notification.userId,
      channel: notification.channel,
      recipients: notification.recipients,
      subject: notification.subject,
      message: notification.message,
      status: notification.status,
      error: notification.error,
      sentAt: notification.sentAt?.toISOString() ?? null,
      readAt: notification.readAt?.toISOString() ?? null,
    };
  }
}
