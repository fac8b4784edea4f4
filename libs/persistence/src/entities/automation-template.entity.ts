import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { TemplateCategory, TemplateDefinition, TemplatePlaceholder } from '@automations/domain';

/** Where an agency's template came from; built-in templates live in code (`BUILTIN_TEMPLATES`), never here. */
export type StoredTemplateSource = 'agency' | 'shared';

/** A template of one agency's library: saved by it, or imported from another agency's share code (a copy). */
@Entity('automation_templates')
export class AutomationTemplateEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('text') source: StoredTemplateSource;
  @Column('text') name: string;
  @Column('text') description: string;
  @Column('text') category: TemplateCategory;
  @Column('jsonb') definition: TemplateDefinition;
  @Column('jsonb') placeholders: TemplatePlaceholder[];
  /** The sharing agency's name at import time (a copy: nothing links back to that agency). */
  @Column('text', { nullable: true }) sharedFromAgencyName: string | null;
  @Column('uuid', { nullable: true }) createdByUserId: string | null;
  @Column('uuid', { nullable: true }) createdByApiKeyId: string | null;
  /** Automations this agency created from it. */
  @Column('integer') usageCount: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
