import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { collectStageReferences, PIPELINE_STAGE_NAME_PATTERN } from '@automations/domain';
import { AgencyEntity, ClientEntity, WorkflowEntity } from '@automations/persistence';
import { actorOf } from '../../common/actor';
import { ApiError, type FieldErrorDetail } from '../../common/api-error';
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
      if (body.pipelineStages !== undefined && !sameList(body.pipelineStages, agency.pipelineStages)) {
        await this.checkPipelineStages(manager, agency, body.pipelineStages);
        changes.pipelineStages = { from: agency.pipelineStages, to: body.pipelineStages };
        patch.pipelineStages = body.pipelineStages;
      }
      if (Object.keys(patch).length === 0) return agency;
      await manager.getRepository(AgencyEntity).update({ id: agency.id }, patch);
      await this.audit.record(
        { agencyId: agency.id, eventType: 'agency.updated', actor: actorOf(principal), details: { changes } },
        manager,
      );
      return this.find(manager, agency.id);
    });
    return AgencyDto.from(updated);
  }

  /**
   * New names must be lowercase stage names (names already stored pass as they are: the migration kept
   * whatever existing clients used), no duplicates. Removing a stage still in use — by non-deleted clients or
   * by an active automation — is a 409 naming where; inactive automations keep their stored value and are
   * checked again when they are edited or switched on.
   */
  private async checkPipelineStages(manager: EntityManager, agency: AgencyEntity, stages: string[]): Promise<void> {
    const stored = new Set(agency.pipelineStages);
    const pattern = new RegExp(PIPELINE_STAGE_NAME_PATTERN);
    const errors: FieldErrorDetail[] = [];
    const seen = new Set<string>();
    stages.forEach((stage, index) => {
      if (!stored.has(stage) && !pattern.test(stage)) {
        errors.push({
          path: `pipelineStages[${index}]`,
          message: `'${stage}' is not a stage name: lowercase letters, digits, _ or -, starting with a letter or digit, at most 64 characters`,
        });
      } else if (seen.has(stage)) {
        errors.push({ path: `pipelineStages[${index}]`, message: `'${stage}' is listed twice` });
      }
      seen.add(stage);
    });
    if (errors.length) throw ApiError.validation(errors);

    const removed = agency.pipelineStages.filter((stage) => !seen.has(stage));
    if (removed.length === 0) return;
    const clientCounts: { stage: string; count: string }[] = await manager
      .getRepository(ClientEntity)
      .createQueryBuilder('client')
      .select('client.stage', 'stage')
      .addSelect('COUNT(*)', 'count')
      .where({ agencyId: agency.id, deletedAt: IsNull(), stage: In(removed) })
      .groupBy('client.stage')
      .getRawMany();
    const workflows = await manager.getRepository(WorkflowEntity).find({
      where: { agencyId: agency.id, isActive: true, deletedAt: IsNull() },
      select: { id: true, name: true, triggers: true, steps: true },
      order: { name: 'ASC' },
    });
    const uses: { stage: string; clients: number; workflows: { id: string; name: string }[] }[] = [];
    for (const stage of removed) {
      const clients = Number(clientCounts.find((row) => row.stage === stage)?.count ?? 0);
      const naming = workflows.filter((workflow) =>
        collectStageReferences(workflow).some((reference) => reference.stage === stage),
      );
      if (clients > 0 || naming.length > 0)
        uses.push({ stage, clients, workflows: naming.map(({ id, name }) => ({ id, name })) });
    }
    if (uses.length === 0) return;
    const describe = (use: (typeof uses)[number]) => {
      const where = [
        ...(use.clients > 0 ? [`${use.clients} client${use.clients === 1 ? '' : 's'}`] : []),
        ...(use.workflows.length > 0
          ? [
              `active automation${use.workflows.length === 1 ? '' : 's'} ${use.workflows.map((workflow) => `'${workflow.name}'`).join(', ')}`,
            ]
          : []),
      ];
      return `stage '${use.stage}' is used by ${where.join(' and ')}`;
    };
    throw new ApiError(
      HttpStatus.CONFLICT,
      `Cannot remove ${uses.map(describe).join('; ')}: move those clients and edit those automations first`,
      { stagesInUse: uses },
    );
  }

  private async find(manager: EntityManager, agencyId: string, lock = false): Promise<AgencyEntity> {
    const agency = await manager
      .getRepository(AgencyEntity)
      .findOne({ where: { id: agencyId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!agency) throw ApiError.notFound('Agency');
    return agency;
  }
}

/** `europe/paris` → `Europe/Paris`, `utc` → `UTC`: the spelling Intl reports. */
function canonicalTimeZone(timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
