import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgencyEntity } from '@automations/persistence';
import { actorOf } from '../../common/actor';
import { ApiError } from '../../common/api-error';
import type { Principal } from '../../common/principal';
import { AuditLog } from '../audit/audit-log.service';
import { AgencyDto } from './dto/agency.dto';
import type { UpdateAgencyDto } from './dto/update-agency.dto';

type Change = { from: unknown; to: unknown };

/** The caller's own agency: the tenant row itself, so it is looked up by the credential's agency id only. */
@Injectable()
export class AgencyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  async get(principal: Principal): Promise<AgencyDto> {
    return AgencyDto.from(await this.find(this.dataSource.manager, principal.agencyId));
  }

  /** Changes what the body names; settings are merged key by key. Audited as `agency.updated` with from/to values. */
  async update(principal: Principal, body: UpdateAgencyDto): Promise<AgencyDto> {
    const updated = await this.dataSource.transaction(async (manager) => {
      const agency = await this.find(manager, principal.agencyId, true);
      const changes: Record<string, Change> = {};
      const patch: Partial<AgencyEntity> = {};
      if (body.name !== undefined && body.name !== agency.name) {
        changes.name = { from: agency.name, to: body.name };
        patch.name = body.name;
      }
      const timezone = body.timezone === undefined ? undefined : canonicalTimeZone(body.timezone);
      if (timezone !== undefined && timezone !== agency.timezone) {
        changes.timezone = { from: agency.timezone, to: timezone };
        patch.timezone = timezone;
      }
      const settings = { ...agency.settings };
      for (const [key, value] of Object.entries(body.settings ?? {}) as [keyof typeof settings, number | undefined][]) {
        if (value === undefined || settings[key] === value) continue;
        changes[`settings.${key}`] = { from: settings[key] ?? null, to: value };
        settings[key] = value;
        patch.settings = settings;
      }
      if (Object.keys(patch).length === 0) return agency;
      await manager.getRepository(AgencyEntity).update({ id: agency.id }, patch);
      await this.audit.record({ agencyId: agency.id, eventType: 'agency.updated', actor: actorOf(principal), details: { changes } }, manager);
      return this.find(manager, agency.id);
    });
    return AgencyDto.from(updated);
  }

  private async find(manager: EntityManager, agencyId: string, lock = false): Promise<AgencyEntity> {
    const agency = await manager.getRepository(AgencyEntity).findOne({ where: { id: agencyId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!agency) throw ApiError.notFound('Agency');
    return agency;
  }
}

/** `europe/paris` → `Europe/Paris`, `utc` → `UTC`: the spelling Intl reports. */
function canonicalTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}
