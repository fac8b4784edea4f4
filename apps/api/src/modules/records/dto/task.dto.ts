import { ApiProperty } from '@nestjs/swagger';
import type { TaskEntity } from '@automations/persistence';
import { RecordOriginDto } from './record-origin.dto';

export class TaskDto extends RecordOriginDto {
  @ApiProperty({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' }) clientId: string;
  @ApiProperty({ example: 'Kickoff call with Acme Outdoor' }) title: string;
  @ApiProperty({ nullable: true, type: String, example: 'Agree on goals and reporting cadence' }) description:
    string | null;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'urgent'], example: 'high' }) priority: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-03-04T09:30:00.000Z' }) dueAt:
    string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' })
  assigneeId: string | null;
  @ApiProperty({ enum: ['open', 'done'], example: 'open' }) status: string;

  static from(task: TaskEntity): TaskDto {
    return {
      ...RecordOriginDto.from(task),
      clientId: task.clientId,
      title: task.title,
      description: task.description,
      priority: task.priority,
      dueAt: task.dueAt?.toISOString() ?? null,
      assigneeId: task.assigneeId,
      status: task.status,
    };
  }
}
