import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import {
  AgencyScopedRepository,
  ClientEntity,
  ClientMetricEntity,
  containsPattern,
  UserEntity,
} from '@automations/persistence';
import { ApiError } from '../../common/api-error';
import { assertKnownStages } from '../../common/pipeline-stages';
import type { Principal } from '../../common/principal';
import { EventRecorder } from '@automations/persistence';
import { lockClients } from '@automations/persistence';
import { EventDispatch } from '../engine/event-dispatch.service';
import { MetricRecorder } from '../events/metric-recorder.service';
import { ClientMetricDto } from './dto/client-metric.dto';
import type { ClientMetricsDto } from './dto/client-metrics.dto';
import type { ClientMetricsQuery } from './dto/client-metrics.query';
import type { ClientPageDto } from './dto/client-page.dto';
import { ClientDto } from './dto/client.dto';
import type { ClientsQuery } from './dto/clients.query';
import type { CreateClientMetricDto } from './dto/create-client-metric.dto';
import type { CreateClientDto } from './dto/create-client.dto';
import type { UpdateClientDto } from './dto/update-client.dto';
import type { MetricNamesDto } from './dto/metric-names.dto';
import { COMMON_METRICS } from '@automations/domain';

@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventRecorder,
    private readonly metrics: MetricRecorder,
    private readonly dispatch: EventDispatch,
  ) {}

  async list(principal: Principal, query: ClientsQuery): Promise<ClientPageDto> {
    const qb = this.clients(principal.agencyId).query('client');
    if (!query.includeDeleted) qb.andWhere('client.deletedAt IS NULL');
    if (query.search) qb.andWhere('client.name ILIKE :pattern', { pattern: containsPattern(query.search) });
    if (query.stage) qb.andWhere('client.stage = :stage', { stage: query.stage });
    if (query.health) qb.andWhere('client.health = :health', { health: query.health });
    const [clients, total] = await qb
      // Case-insensitive whatever the database collation (C sorts "Zeta" before "alpha").
      .orderBy('LOWER(client.name)', 'ASC')
      .addOrderBy('client.name', 'ASC')
      .addOrderBy('client.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return {
      items: clients.map((client) => ClientDto.from(client)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(principal: Principal, id: string, includeDeleted = false): Promise<ClientDto> {
    const client = await this.clients(principal.agencyId).findOne(
      includeDeleted ? { id } : { id, deletedAt: IsNull() },
    );
    if (!client) throw ApiError.notFound('Client');
    return ClientDto.from(client);
  }

  /** Creating a client stores no event: automations start from changes, not from imports. */
  async create(principal: Principal, body: CreateClientDto): Promise<ClientDto> {
    await assertKnownStages(this.dataSource.manager, principal.agencyId, [{ path: 'stage', stage: body.stage }]);
    if (body.assigneeId) await this.assertAssignable(this.dataSource.manager, principal.agencyId, body.assigneeId);
    const client = await this.clients(principal.agencyId).insert({
      name: body.name,
      stage: body.stage,
      health: body.health ?? 'green',
      assigneeId: body.assigneeId ?? null,
      lastActivityAt: body.lastActivityAt ? new Date(body.lastActivityAt) : new Date(),
      deletedAt: null,
    });
    return ClientDto.from(client);
  }

  /** A real change of `stage` stores `client.stage_changed` in the same transaction; the same stage stores nothing. */
  async update(principal: Principal, id: string, body: UpdateClientDto): Promise<ClientDto> {
    const emitted: string[] = [];
    const updated = await this.dataSource.transaction(async (manager) => {
      const current = await this.lockLive(manager, principal.agencyId, id);
      if (body.assigneeId && body.assigneeId !== current.assigneeId)
        await this.assertAssignable(manager, principal.agencyId, body.assigneeId);
      const patch: Partial<ClientEntity> = {};
      if (body.name !== undefined && body.name !== current.name) patch.name = body.name;
      // Only a change is checked: a client still in a stage the pipeline no longer has can be edited otherwise.
      if (body.stage !== undefined && body.stage !== current.stage) {
        await assertKnownStages(manager, principal.agencyId, [{ path: 'stage', stage: body.stage }]);
        patch.stage = body.stage;
      }
      if (body.health !== undefined && body.health !== current.health) patch.health = body.health;
      if (body.assigneeId !== undefined && body.assigneeId !== current.assigneeId) patch.assigneeId = body.assigneeId;
      if (Object.keys(patch).length === 0) return current;

      const clients = this.clients(principal.agencyId, manager);
      await clients.update({ id }, patch);
      if (patch.stage !== undefined) {
        const recorded = await this.events.record(
          {
            agencyId: principal.agencyId,
            clientId: id,
            type: 'client.stage_changed',
            data: { fromStage: current.stage, toStage: patch.stage },
            source: 'client_update',
          },
          manager,
        );
        emitted.push(recorded.id);
      }
      return (await clients.findById(id))!;
    });
    await this.dispatch.dispatch(emitted);
    return ClientDto.from(updated);
  }

  /** Recorded metric names (most clients first; at most 200), then the common metrics not recorded yet. */
  async metricNames(principal: Principal): Promise<MetricNamesDto> {
    const rows: { metric: string; clients: number; last: Date }[] = await this.dataSource.query(
      `SELECT metric, count(DISTINCT client_id)::int AS clients, max(recorded_at) AS last
         FROM client_metrics WHERE agency_id = $1 GROUP BY metric ORDER BY clients DESC, metric LIMIT 200`,
      [principal.agencyId],
    );
    const common = new Map(COMMON_METRICS.map((metric) => [metric.name, metric]));
    const recorded = rows.map((row) => ({
      name: row.metric,
      label: common.get(row.metric)?.label ?? row.metric,
      unit: common.get(row.metric)?.unit ?? null,
      common: common.has(row.metric),
      clients: row.clients,
      lastRecordedAt: new Date(row.last).toISOString(),
    }));
    const seen = new Set(recorded.map((item) => item.name));
    const rest = COMMON_METRICS.filter((metric) => !seen.has(metric.name)).map((metric) => ({
      ...metric,
      common: true,
      clients: 0,
      lastRecordedAt: null,
    }));
    return { items: [...recorded, ...rest] };
  }

  /** Soft delete: the row stays for history; events for it are still accepted. */
  async remove(principal: Principal, id: string): Promise<void> {
    const changed = await this.clients(principal.agencyId).update(
      { id, deletedAt: IsNull() },
      { deletedAt: new Date() },
    );
    if (changed === 0) throw ApiError.notFound('Client');
  }

  /** Stores the value and its `kpi.updated` event (`previousValue` = the value before it) in one transaction. */
  async addMetric(principal: Principal, id: string, body: CreateClientMetricDto): Promise<ClientMetricDto> {
    const recorded = await this.dataSource.transaction(async (manager) => {
      await this.lockLive(manager, principal.agencyId, id);
      return this.metrics.record(
        {
          agencyId: principal.agencyId,
          clientId: id,
          metric: body.metric,
          value: body.value,
          recordedAt: body.recordedAt ? new Date(body.recordedAt) : undefined,
          source: 'metric',
        },
        manager,
      );
    });
    await this.dispatch.dispatch([recorded.event.id]);
    return ClientMetricDto.from(recorded.metric!);
  }

  async listMetrics(principal: Principal, id: string, query: ClientMetricsQuery): Promise<ClientMetricsDto> {
    await this.get(principal, id);
    const metrics = AgencyScopedRepository.for(this.dataSource.manager, ClientMetricEntity, principal.agencyId);
    const latest = await metrics
      .query('m')
      .andWhere('m.clientId = :id', { id })
      .distinctOn(['m.metric'])
      .orderBy('m.metric', 'ASC')
      .addOrderBy('m.recordedAt', 'DESC')
      .addOrderBy('m.createdAt', 'DESC')
      .getMany();
    const history = metrics.query('m').andWhere('m.clientId = :id', { id });
    if (query.metric) history.andWhere('m.metric = :metric', { metric: query.metric });
    const [items, total] = await history
      .orderBy('m.recordedAt', 'DESC')
      .addOrderBy('m.createdAt', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return {
      latest: latest.map(({ metric, value, recordedAt }) => ({ metric, value, recordedAt: recordedAt.toISOString() })),
      items: items.map((metric) => ClientMetricDto.from(metric)),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private clients(agencyId: string, manager: EntityManager = this.dataSource.manager) {
    return AgencyScopedRepository.for(manager, ClientEntity, agencyId);
  }

  /** The client, locked for this transaction; 404 when unknown to the agency or deleted. */
  private async lockLive(manager: EntityManager, agencyId: string, id: string): Promise<ClientEntity> {
    const [client] = await lockClients(manager, agencyId, [id]);
    if (!client || client.deletedAt) throw ApiError.notFound('Client');
    return client;
  }

  private async assertAssignable(manager: EntityManager, agencyId: string, userId: string): Promise<void> {
    const user = await AgencyScopedRepository.for(manager, UserEntity, agencyId).findOne({ id: userId, active: true });
    if (!user) throw ApiError.validation([{ path: 'assigneeId', message: 'must be an active user of your agency' }]);
  }
}
