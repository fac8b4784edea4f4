import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface DraftEdits {
  subject?: { original: string | null; edited: string };
  body?: { original: string; edited: string };
}

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
  /** The draft this approval decides (`draft_communication` steps: written before the run waits). */
  @Column('uuid', { nullable: true }) draftId: string | null;
  /** The reviewer's edit of that draft when approving: each changed field's original and edited text. */
  @Column('jsonb', { nullable: true }) edits: DraftEdits | null;
  @Column('timestamptz') expiresAt: Date;
  @Column('uuid', { nullable: true }) decidedByUserId: string | null;
  @Column('uuid', { nullable: true }) decidedByApiKeyId: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) reason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
