import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('tickets')
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid') clientId: string;
  @Column('uuid', { nullable: true }) runId: string | null;
  @Column('uuid', { nullable: true }) workflowId: string | null;
  @Column('text', { nullable: true }) stepId: string | null;
  @Column('text') title: string;
  @Column('text', { nullable: true }) description: string | null;
  @Column('text') priority: string;
  @Column('text') category: string;
  @Column('text') status: 'open' | 'closed';
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
