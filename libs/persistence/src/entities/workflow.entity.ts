import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Step, TriggerDefinition } from '@automations/domain';

/** Run counters live in `workflow_counters` (sharded): see `loadWorkflowCounts`. */
@Entity('workflows')
export class WorkflowEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('boolean') isActive: boolean;
  @Column('jsonb') triggers: TriggerDefinition[];
  @Column('jsonb') steps: Step[];
  @Column('boolean') requiresApproval: boolean;
  @Column('integer') version: number;
  @Column('uuid', { nullable: true }) createdByUserId: string | null;
  @Column('uuid', { nullable: true }) createdByApiKeyId: string | null;
  @Column('uuid', { nullable: true }) updatedByUserId: string | null;
  @Column('uuid', { nullable: true }) updatedByApiKeyId: string | null;
  @Column('text', { nullable: true }) pausedReason: string | null;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
