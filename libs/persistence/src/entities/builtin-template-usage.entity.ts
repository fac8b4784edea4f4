import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How many automations one agency created from a built-in template (built-ins themselves live in code). */
@Entity('builtin_template_usage')
export class BuiltinTemplateUsageEntity {
  @PrimaryColumn('uuid') agencyId: string;
  @PrimaryColumn('text') templateId: string;
  @Column('integer') usageCount: number;
}
