import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEventEntity } from '@automations/persistence';
import type { Actor } from '../../common/actor';

export interface AuditEntry {
  agencyId: string;
  eventType: string;
  actor: Actor;
  workflowId?: string | null;
  clientId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends audit events; pass the transaction's manager so the audit commits with the change it describes. */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.save(
      manager.create(AuditEventEntity, {
        agencyId: entry.agencyId,
        eventType: entry.eventType,
        actorType: entry.actor.actorType,
        actorId: entry.actor.actorId,
        workflowId: entry.workflowId ?? null,
        clientId: entry.clientId ?? null,
        details: entry.details ?? {},
        at: new Date(),
      }),
    );
  }
}
