import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('client_metrics')
export class ClientMetricEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid') clientId: string;
  @Column('text') metric: string;
  @Column('double precision') value: number;
  @Column('timestamptz') recordedAt: Date;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
