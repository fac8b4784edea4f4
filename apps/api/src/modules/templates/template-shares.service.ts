import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { validateTemplateContent } from '@automations/domain';
import { AgencyEntity, AutomationTemplateEntity, TemplateShareEntity } from '@automations/persistence';
import { actorOf } from '../../common/actor';
import { ApiError } from '../../common/api-error';
import type { Principal } from '../../common/principal';
import { AuditLog } from '../audit/audit-log.service';
import { loadAgencyWords, templatizeContent } from './agency-specifics';
import { DEFAULT_SHARE_DAYS } from './dto/share-template.dto';
import type { TemplateShareCodeDto } from './dto/template-share-code.dto';
import type { TemplateDto } from './dto/template.dto';
import { hashShareCode, newShareCode } from './share-code';
import { TemplateLibrary } from './template-library';
import { fromStored } from './template.mapper';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Share codes of an agency's templates, and imports of another agency's template by its code (PRODUCT.md §8.2). */
@Injectable()
export class TemplateSharesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly library: TemplateLibrary,
    private readonly audit: AuditLog,
  ) {}

  /** A template has at most one live code: a new one revokes the previous. */
  async share(principal: Principal, id: string, expiresInDays = DEFAULT_SHARE_DAYS): Promise<TemplateShareCodeDto> {
    const shareCode = newShareCode();
    const expiresAt = new Date(Date.now() + expiresInDays * DAY_MS);
    await this.dataSource.transaction(async (manager) => {
      const template = await this.library.findStored(principal.agencyId, id, manager, true);
      const replaced = await manager.update(
        TemplateShareEntity,
        { agencyId: principal.agencyId, templateId: id, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      await manager.insert(TemplateShareEntity, {
        agencyId: principal.agencyId,
        templateId: id,
        codeHash: hashShareCode(shareCode),
        expiresAt,
        revokedAt: null,
        createdByUserId: principal.userId,
        createdByApiKeyId: principal.apiKeyId,
      });
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          eventType: 'template.shared',
          actor: actorOf(principal),
          details: {
            templateId: id,
            name: template.name,
            expiresAt: expiresAt.toISOString(),
            replacedCodes: replaced.affected ?? 0,
          },
        },
        manager,
      );
    });
    return { shareCode, expiresAt: expiresAt.toISOString() };
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const template = await this.library.findStored(principal.agencyId, id, manager, true);
      const revoked = await manager.update(
        TemplateShareEntity,
        { agencyId: principal.agencyId, templateId: id, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      if (revoked.affected) {
        await this.audit.record(
          {
            agencyId: principal.agencyId,
            eventType: 'template.share_revoked',
            actor: actorOf(principal),
            details: { templateId: id, name: template.name },
          },
          manager,
        );
      }
    });
  }

  /**
   * Copies the shared template's content into the caller's library. The code is the only cross-agency lookup of the
   * product; the copy keeps nothing that links back but the sharing agency's name, and as a second line of defence
   * the content is templatized again against the sharing agency's words (its name, clients, people, emails).
   */
  async importShared(principal: Principal, shareCode: string): Promise<TemplateDto> {
    const share = await this.dataSource
      .getRepository(TemplateShareEntity)
      .findOne({ where: { codeHash: hashShareCode(shareCode), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) } });
    const source = share
      ? await this.dataSource
          .getRepository(AutomationTemplateEntity)
          .findOne({ where: { id: share.templateId, agencyId: share.agencyId } })
      : null;
    const sourceAgency = source
      ? await this.dataSource.getRepository(AgencyEntity).findOne({ where: { id: source.agencyId } })
      : null;
    // Unknown, expired, revoked or deleted: one answer, so a guess learns nothing.
    if (!source || !sourceAgency) throw ApiError.notFound('Share code');

    // The sharing agency's own name too: a message signed with it would otherwise go out from the receiving agency.
    const words = [...(await loadAgencyWords(this.dataSource.manager, source.agencyId)), sourceAgency.name];
    const copy = templatizeContent(
      {
        name: source.name,
        description: source.description,
        category: source.category,
        definition: source.definition,
        placeholders: source.placeholders,
      },
      words,
      { scrubPlaceholders: true, redactTexts: true },
    );
    const checked = validateTemplateContent(copy);
    if (!checked.ok) throw ApiError.validation(checked.errors);

    const saved = await this.dataSource.transaction(async (manager) => {
      const created = await this.library.stored(principal.agencyId, manager).insert({
        ...checked.value,
        source: 'shared',
        sharedFromAgencyName: sourceAgency.name,
        usageCount: 0,
        createdByUserId: principal.userId,
        createdByApiKeyId: principal.apiKeyId,
      });
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          eventType: 'template.imported',
          actor: actorOf(principal),
          details: { templateId: created.id, name: created.name, sharedFrom: sourceAgency.name },
        },
        manager,
      );
      return created;
    });
    return this.library.toDto(principal.agencyId, fromStored(saved));
  }
}
