import { ApiProperty } from '@nestjs/swagger';

export interface RecordOriginRow {
  id: string;
  runId: string | null;
  workflowId: string | null;
  stepId: string | null;
  createdAt: Date;
}

/** What every record created by an action carries: its id and the run, workflow and step that created it. */
export class RecordOriginDto {
  @ApiProperty({ format: 'uuid', example: '0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '6e5d4c3b-2a19-4f08-8e7d-6c5b4a392817' })
  runId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, example: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' })
  workflowId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'task' }) stepId: string | null;
  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:30:01.000Z' }) createdAt: string;

  static from(row: RecordOriginRow): RecordOriginDto {
    return {
      id: row.id,
      runId: row.runId,
      workflowId: row.workflowId,
      stepId: row.stepId,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
