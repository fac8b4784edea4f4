import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DraftStatus = 'pending_review' | 'pending_approval' | 'approved' | 'rejected' | 'expired' | 'discarded';

@Entity('communication_drafts')
export class CommunicationDraftEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid') clientId: string;
  @Column('uuid', { nullable: true }) runId: string | null;
  @Column('uuid', { nullable: true }) workflowId: string | null;
  @Column('text', { nullable: true }) stepId: string | null;
  @Column('text') platform: string;
  @Column('text') tone: string;
  /** Email drafts: the subject line; null for Slack. */
  @Column('text', { nullable: true }) subject: string | null;
  /** The body. */
  @Column('text') content: string;
  @Column('text') generator: 'openai' | 'template';
  /**
   * `pending_review`: written by a step without approval; `pending_approval`: written before its step's approval, which
   * decides it (`approved`, `rejected` — also when its run is cancelled — or `expired`). Never sent automatically.
   */
  @Column('text') status: DraftStatus;
  /** When a reviewer edited it while approving (the original is kept on the approval's `edits`). */
  @Column('timestamptz', { nullable: true }) editedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
