import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityTarget } from 'typeorm';
import {
  AgencyScopedRepository,
  AlertEntity,
  CommunicationDraftEntity,
  NotificationEntity,
  Page,
  TaskEntity,
  TicketEntity,
} from '@automations/persistence';
import type { Principal } from '../../common/principal';
import { AlertDto } from './dto/alert.dto';
import { DraftDto } from './dto/draft.dto';
import { NotificationDto } from './dto/notification.dto';
import type { RecordsQuery } from './dto/records.query';
import { TaskDto } from './dto/task.dto';
import { TicketDto } from './dto/ticket.dto';

/** The columns every action-created record has (tasks, tickets, alerts, drafts, notifications). */
interface RecordRow {
  id: string;
  agencyId: string;
  clientId: string | null;
  runId: string | null;
  workflowId: string | null;
  createdAt: Date;
}

/** Read side of what actions create: the agency's records, filtered by client, run or workflow, newest first. */
@Injectable()
export class RecordsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  tasks(principal: Principal, query: RecordsQuery): Promise<Page<TaskDto>> {
    return this.page(TaskEntity, principal, query, TaskDto.from);
  }

  tickets(principal: Principal, query: RecordsQuery): Promise<Page<TicketDto>> {
    return this.page(TicketEntity, principal, query, TicketDto.from);
  }

  alerts(principal: Principal, query: RecordsQuery): Promise<Page<AlertDto>> {
    return this.page(AlertEntity, principal, query, AlertDto.from);
  }

  drafts(principal: Principal, query: RecordsQuery): Promise<Page<DraftDto>> {
    return this.page(CommunicationDraftEntity, principal, query, DraftDto.from);
  }

  notifications(principal: Principal, query: RecordsQuery): Promise<Page<NotificationDto>> {
    return this.page(NotificationEntity, principal, query, NotificationDto.from);
  }

  private async page<E extends RecordRow, D>(
    entity: EntityTarget<E>,
    principal: Principal,
    query: RecordsQuery,
    toDto: (row: E) => D,
  ): Promise<Page<D>> {
    const qb = AgencyScopedRepository.for(this.dataSource.manager, entity, principal.agencyId).query('record');
    if (query.clientId) qb.andWhere('record.clientId = :clientId', { clientId: query.clientId });
    if (query.runId) qb.andWhere('record.runId = :runId', { runId: query.runId });
    if (query.workflowId) qb.andWhere('record.workflowId = :workflowId', { workflowId: query.workflowId });
    const [rows, total] = await qb
      .orderBy('record.createdAt', 'DESC')
      .addOrderBy('record.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: rows.map((row) => toDto(row)), total, page: query.page, pageSize: query.pageSize };
  }
}
