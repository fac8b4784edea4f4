import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('alerts')
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid', { nullable: true }) clientId: string | null;
  @Column('uuid', { nullable: true }) runId: string | null;
  @Column('uuid', { nullable: true }) workflowId: string | null;
  @Column('text', { nullable: true }) stepId: string | null;
  /** `automation` for add_alert; system alerts such as `loop_detected` or health rules otherwise. */
  @Column('text') kind: string;
  @Column('text') title: string;
  @Column('text', { nullable: true }) message: string | null;
  @Column('text') severity: string;
  @Column('timestamptz', { nullable: true }) resolvedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
