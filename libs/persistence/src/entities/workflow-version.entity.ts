import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WorkflowDefinition } from '@automations/domain';

/** Every saved definition of a workflow, so a run can show exactly what it executed. */
@Entity('workflow_versions')
export class WorkflowVersionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid') workflowId: string;
  @Column('integer') version: number;
  @Column('jsonb') definition: WorkflowDefinition;
  @Column('uuid', { nullable: true }) createdByUserId: string | null;
  @Column('uuid', { nullable: true }) createdByApiKeyId: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
