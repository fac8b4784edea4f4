import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationChannel = 'slack' | 'email' | 'in_app';
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed';

@Entity('notifications')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid', { nullable: true }) clientId: string | null;
  @Column('uuid', { nullable: true }) runId: string | null;
  @Column('uuid', { nullable: true }) workflowId: string | null;
  @Column('text', { nullable: true }) stepId: string | null;
  /** Set for in-app notifications addressed to one user. */
  @Column('uuid', { nullable: true }) userId: string | null;
  @Column('text') channel: NotificationChannel;
  @Column('jsonb') recipients: string[];
  @Column('text', { nullable: true }) subject: string | null;
  @Column('text') message: string;
  @Column('text') status: NotificationStatus;
  @Column('jsonb', { nullable: true }) error: Record<string, unknown> | null;
  @Column('timestamptz', { nullable: true }) sentAt: Date | null;
  @Column('timestamptz', { nullable: true }) readAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
