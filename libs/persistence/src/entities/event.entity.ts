import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Where an event came from; `action` events carry causation for loop detection. */
export type EventSource = 'api' | 'client_update' | 'metric' | 'action';

export interface EventCausation {
  rootEventId: string;
  chain: { workflowId: string; clientId: string }[];
  depth: number;
}

@Entity('events')
export class EventEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') agencyId: string;
  @Column('uuid') clientId: string;
  @Column('text') type: string;
  @Column('jsonb') data: Record<string, unknown>;
  @Column('timestamptz') occurredAt: Date;
  @Column('text', { nullable: true }) idempotencyKey: string | null;
  @Column('jsonb', { nullable: true }) causation: EventCausation | null;
  @Column('text') source: EventSource;
  @Column('timestamptz', { nullable: true }) processedAt: Date | null;
  /** Per candidate workflow: started / deduplicated / not fired and why (filled by the engine). */
  @Column('jsonb', { nullable: true }) processing: Record<string, unknown>[] | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
