import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, MoreThan } from 'typeorm';
import { getBuiltinTemplate } from '@automations/domain';
import {
  AgencyScopedRepository,
  AutomationTemplateEntity,
  BuiltinTemplateUsageEntity,
  TemplateShareEntity,
} from '@automations/persistence';
import { ApiError } from '../../common/api-error';
import type { TemplateDto } from './dto/template.dto';
import { isBuiltinTemplateId } from './template-id.pipe';
import { fromBuiltin, fromStored, toTemplateDto, type LibraryTemplate } from './template.mapper';

/** Reads of an agency's template library: built-ins from code, the agency's own and imported ones from its rows. */
@Injectable()
export class TemplateLibrary {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  stored(agencyId: string, manager: EntityManager = this.dataSource.manager) {
    return AgencyScopedRepository.for(manager, AutomationTemplateEntity, agencyId);
  }

  /** Any template the agency can read (built-in or its own); another agency's id is a 404. */
  async find(agencyId: string, id: string): Promise<LibraryTemplate> {
    if (isBuiltinTemplateId(id)) {
      const builtin = getBuiltinTemplate(id);
      if (!builtin) throw ApiError.notFound('Template');
      const usage = await this.dataSource.manager
        .getRepository(BuiltinTemplateUsageEntity)
        .findOne({ where: { agencyId, templateId: id } });
      return fromBuiltin(builtin, usage?.usageCount ?? 0);
    }
    return fromStored(await this.findStored(agencyId, id));
  }

  /** A template the agency may change (its own or imported); a built-in one is read-only (403), locked with `lock`. */
  async findStored(
    agencyId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<AutomationTemplateEntity> {
    if (isBuiltinTemplateId(id)) {
      if (!getBuiltinTemplate(id)) throw ApiError.notFound('Template');
      throw ApiError.forbidden(
        'Built-in templates are read-only and the same for every agency: save a copy to change it',
      );
    }
    const template = await manager
      .getRepository(AutomationTemplateEntity)
      .findOne({ where: { id, agencyId }, lock: lock ? { mode: 'pessimistic_write' } : undefined });
    if (!template) throw ApiError.notFound('Template');
    return template;
  }

  async builtinUsage(agencyId: string, manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    const rows = await manager.getRepository(BuiltinTemplateUsageEntity).find({ where: { agencyId } });
    return new Map(rows.map((row) => [row.templateId, row.usageCount]));
  }

  /** The live (unrevoked, unexpired) share of each stored template. */
  async liveShares(
    agencyId: string,
    templateIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, TemplateShareEntity>> {
    if (templateIds.length === 0) return new Map();
    const shares = await manager
      .getRepository(TemplateShareEntity)
      .find({ where: { agencyId, templateId: In(templateIds), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) } });
    return new Map(shares.map((share) => [share.templateId, share]));
  }

  async toDto(
    agencyId: string,
    template: LibraryTemplate,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<TemplateDto> {
    const shares =
      template.source === 'builtin'
        ? new Map<string, TemplateShareEntity>()
        : await this.liveShares(agencyId, [template.id], manager);
    return toTemplateDto(template, shares.get(template.id) ?? null);
  }
}
