import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ActorType = 'user' | 'api_key' | 'system';

@Entity('audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid', { nullable: true }) workflowId: string | null;
  @Column('text') eventType: string;
  @Column('text') actorType: ActorType;
  @Column('uuid', { nullable: true }) actorId: string | null;
  @Column('uuid', { nullable: true }) clientId: string | null;
  @Column('jsonb') details: Record<string, unknown>;
  @Column('timestamptz') at: Date;
}
