import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ClientHealth } from '@automations/domain';

@Entity('clients')
export class ClientEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('text') name: string;
  @Column('text') stage: string;
  @Column('text') health: ClientHealth;
  @Column('uuid', { nullable: true }) assigneeId: string | null;
  @Column('timestamptz') lastActivityAt: Date;
  /** When `stage` last changed; a reported stage change older than this does not move it back. */
  @Column('timestamptz', { default: () => 'now()' }) stageChangedAt: Date;
  @Column('timestamptz', { nullable: true }) deletedAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
