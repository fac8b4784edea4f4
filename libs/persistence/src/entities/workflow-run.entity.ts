import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { RunStatus } from '@automations/domain';

@Entity('workflow_runs')
export class WorkflowRunEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid') workflowId: string;
  @Column('integer') workflowVersion: number;
  @Column('uuid') clientId: string;
  @Column('text') mode: 'live' | 'test';
  @Column('text') status: RunStatus;
  /** Human-readable reason for skipped / cancelled / rejected runs. */
  @Column('text', { nullable: true }) reason: string | null;
  @Column('uuid', { nullable: true }) triggerEventId: string | null;
  @Column('jsonb', { nullable: true }) triggerEvent: Record<string, unknown> | null;
  @Column('jsonb', { nullable: true }) clientSnapshot: Record<string, unknown> | null;
  @Column('integer') attempt: number;
  @Column('jsonb', { nullable: true }) error: Record<string, unknown> | null;
  /** Where the run resumes (engine-owned). */
  @Column('jsonb', { nullable: true }) cursor: Record<string, unknown> | null;
  @Column('text', { nullable: true }) leaseOwner: string | null;
  @Column('timestamptz', { nullable: true }) leaseExpiresAt: Date | null;
  /** Fencing token: bumped on every lease so a stale worker cannot commit. */
  @Column('bigint') leaseToken: string;
  @Column('timestamptz', { nullable: true }) nextAttemptAt: Date | null;
  @Column('timestamptz') startedAt: Date;
  @Column('timestamptz', { nullable: true }) finishedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
