import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export interface AgencySettings {
  maxRunsPerMinute?: number;
}

@Entity('agencies')
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') timezone: string;
  @Column('jsonb') settings: AgencySettings;
  /** Ordered pipeline stages (lowercase names); client stages and stage values in definitions and events must be one of them. */
  @Column('jsonb') pipelineStages: string[];
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
