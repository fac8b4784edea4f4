import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { StepStatus } from '@automations/domain';

@Entity('run_steps')
export class RunStepEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid') runId: string;
  @Column('text') stepId: string;
  @Column('text') type: string;
  @Column('text') status: StepStatus;
  @Column('integer') attempts: number;
  @Column('jsonb', { nullable: true }) input: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) output: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) error: Record<string, unknown> | null;
  @Column('timestamptz', { nullable: true }) scheduledFor: Date | null;
  @Column('timestamptz', { nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
