import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

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
  @Column('text') content: string;
  @Column('text') generator: 'openai' | 'template';
  @Column('text') status: 'pending_review' | 'approved' | 'discarded';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
