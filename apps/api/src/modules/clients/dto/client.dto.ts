import { ApiProperty } from '@nestjs/swagger';
import type { ClientEntity } from '@automations/persistence';
import { CLIENT_HEALTH } from '@automations/domain';

export class ClientDto {
  @ApiProperty({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' }) id: string;
  @ApiProperty({ example: 'Acme Outdoor' }) name: string;
  @ApiProperty({ example: 'onboarding' }) stage: string;
  @ApiProperty({ enum: CLIENT_HEALTH, example: 'green' }) health: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })
  assigneeId: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:30:00.000Z' }) lastActivityAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: null }) deletedAt: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-01-15T10:00:00.000Z' }) createdAt: string;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:30:00.000Z' }) updatedAt: string;

  static from(client: ClientEntity): ClientDto {
    return {
      id: client.id,
      name: client.name,
      stage: client.stage,
      health: client.health,
      assigneeId: client.assigneeId,
      lastActivityAt: client.lastActivityAt.toISOString(),
      deletedAt: client.deletedAt?.toISOString() ?? null,
      createdAt: client.createdAt.toISOString(),
      updatedAt: client.updatedAt.toISOString(),
    };
  }
}
