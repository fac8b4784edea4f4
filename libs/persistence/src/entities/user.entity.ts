import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UserRole } from '@automations/domain';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('text') email: string;
  @Column('text') name: string;
  @Column('text') role: UserRole;
  @Column('text', { select: false }) passwordHash: string;
  @Column('boolean') active: boolean;
  /** Bumped by a password change: JWTs carry the version they were issued under, older ones are refused. */
  @Column('integer', { default: 0 }) tokenVersion: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
