import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { AgencyScopedRepository, AuditEventEntity, type Page, type PageRequest } from '@automations/persistence';

/** Narrows the audit trail; an absent field does not filter. */
export interface AuditFilter {
  workflowId?: string;
  clientId?: string;
  eventType?: string;
}

/** An audit event as the agency reads it (its own agency id left out). */
export type AuditTrailEvent = Omit<AuditEventEntity, 'agencyId'>;

/** Reads an agency's audit trail (`AuditLog` writes it). */
@Injectable()
export class AuditTrail {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of the agency's audit events matching the filter, newest first. */
  async page(agencyId: string, filter: AuditFilter, request: PageRequest): Promise<Page<AuditTrailEvent>> {
    const repo = AgencyScopedRepository.for(this.dataSource.manager, AuditEventEntity, agencyId);
    const where: FindOptionsWhere<AuditEventEntity> = {};
    if (filter.workflowId) where.workflowId = filter.workflowId;
    if (filter.clientId) where.clientId = filter.clientId;
    if (filter.eventType) where.eventType = filter.eventType;
    const page = await repo.findPage(where, { at: 'DESC' }, request);
    return { ...page, items: page.items.map(({ agencyId: _agencyId, ...rest }) => rest) };
  }
}
