import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type IntegrationKind = 'slack' | 'email' | 'openai';

@Entity('integrations')
export class IntegrationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('text') kind: IntegrationKind;
  @Column('jsonb') settings: Record<string, unknown>;
  /** AES-256-GCM ciphertext (see SecretBox); never returned by the API. */
  @Column('text', { nullable: true, select: false }) secretEncrypted: string | null;
  @Column('text', { nullable: true }) secretLast4: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
