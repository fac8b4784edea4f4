import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired';

@Entity('approvals')
export class ApprovalEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid') runId: string;
  @Column('text') stepId: string;
  @Column('text') actionType: string;
  @Column('jsonb') renderedConfig: Record<string, unknown>;
  @Column('text') status: ApprovalStatus;
  @Column('timestamptz') expiresAt: Date;
  @Column('uuid', { nullable: true }) decidedByUserId: string | null;
  @Column('uuid', { nullable: true }) decidedByApiKeyId: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) reason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
