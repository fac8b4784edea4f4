import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import {
  BUILTIN_TEMPLATES,
  instantiateTemplate,
  validateTemplateContent,
  type TemplateContent,
} from '@automations/domain';
import { AutomationTemplateEntity, containsPattern } from '@automations/persistence';
import { actorOf } from '../../common/actor';
import { ApiError } from '../../common/api-error';
import type { Principal } from '../../common/principal';
import { AuditLog } from '../audit/audit-log.service';
import type { WorkflowDetailDto } from '../workflows/workflow.dto';
import { WorkflowsService } from '../workflows/workflows.service';
import { agencySpecificDefaults, loadAgencyWords, templatizeContent } from './agency-specifics';
import type { CreateTemplateFromWorkflowDto } from './dto/create-template-from-workflow.dto';
import type { InstantiateTemplateDto } from './dto/instantiate-template.dto';
import type { TemplateDto, TemplatePageDto } from './dto/template.dto';
import type { ListTemplatesQuery } from './dto/templates.query';
import { shareableDefinition } from './shareable-definition';
import { TemplateLibrary } from './template-library';
import { fromBuiltin, fromStored, toTemplateDto, type LibraryTemplate } from './template.mapper';

const CONTENT_KEYS = ['name', 'description', 'category', 'definition', 'placeholders'] as const;

@Injectable()
export class TemplatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly library: TemplateLibrary,
    private readonly workflows: WorkflowsService,
    private readonly audit: AuditLog,
  ) {}

  /**
   * The whole library of the agency, filtered, then ordered: most used first; on a tie built-ins in gallery order,
   * then the agency's own and imported templates newest first. A library is small (built-ins plus what an agency
   * saved), so it is ordered in memory.
   */
  async list(principal: Principal, query: ListTemplatesQuery): Promise<TemplatePageDto> {
    const search = query.search?.trim().toLowerCase();
    const usage = await this.library.builtinUsage(principal.agencyId);
    const builtins =
      query.source && query.source !== 'builtin'
        ? []
        : BUILTIN_TEMPLATES.filter(
            (template) =>
              (!query.category || template.category === query.category) &&
              (!search || `${template.name}\n${template.description}`.toLowerCase().includes(search)),
          );
    let stored: AutomationTemplateEntity[] = [];
    if (query.source !== 'builtin') {
      const qb = this.library.stored(principal.agencyId).query('t');
      if (query.category) qb.andWhere('t.category = :category', { category: query.category });
      if (query.source) qb.andWhere('t.source = :source', { source: query.source });
      if (search) {
        const pattern = containsPattern(search);
        qb.andWhere(
          new Brackets((or) =>
            or.where('t.name ILIKE :pattern', { pattern }).orWhere('t.description ILIKE :pattern', { pattern }),
          ),
        );
      }
      stored = await qb.getMany();
    }
    const entries: { template: LibraryTemplate; galleryIndex: number }[] = [
      ...builtins.map((template) => ({
        template: fromBuiltin(template, usage.get(template.id) ?? 0),
        galleryIndex: BUILTIN_TEMPLATES.indexOf(template),
      })),
      ...stored.map((entity) => ({ template: fromStored(entity), galleryIndex: Number.POSITIVE_INFINITY })),
    ];
    entries.sort(
      (a, b) =>
        b.template.usageCount - a.template.usageCount ||
        a.galleryIndex - b.galleryIndex ||
        b.template.createdAt.getTime() - a.template.createdAt.getTime() ||
        a.template.id.localeCompare(b.template.id),
    );
    const page = entries
      .slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
      .map((entry) => entry.template);
    const shares = await this.library.liveShares(
      principal.agencyId,
      page.filter((template) => template.source !== 'builtin').map((template) => template.id),
    );
    return {
      items: page.map((template) => toTemplateDto(template, shares.get(template.id) ?? null)),
      total: entries.length,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async get(principal: Principal, id: string): Promise<TemplateDto> {
    return this.library.toDto(principal.agencyId, await this.library.find(principal.agencyId, id));
  }

  /** From content: validated, then any agency-specific literal left in the definition becomes a placeholder. */
  async create(principal: Principal, body: Record<string, unknown>): Promise<TemplateDto> {
    const content = this.validContent(body);
    const words = await loadAgencyWords(this.dataSource.manager, principal.agencyId);
    assertNoAgencySpecificDefaults(content, words);
    return this.insert(principal, this.validContent(templatizeContent(content, words)), { from: 'content' });
  }

  /** From one of the agency's automations (its current definition, sensitive values opened as the editor sees them). */
  async createFromWorkflow(principal: Principal, body: CreateTemplateFromWorkflowDto): Promise<TemplateDto> {
    const workflow = await this.workflows.get(principal, body.fromWorkflowId);
    const words = await loadAgencyWords(this.dataSource.manager, principal.agencyId);
    const definition = shareableDefinition(workflow);
    const templatized = templatizeContent(
      {
        name: workflow.name,
        description: workflow.description ?? '',
        category: body.category,
        definition,
        placeholders: [],
      },
      words,
      { redactTexts: true },
    );
    const name = body.name?.trim() ?? templatized.name;
    const content = {
      ...templatized,
      name,
      description: body.description?.trim() ?? templatized.description,
      definition: { ...templatized.definition, name },
    };
    return this.insert(principal, this.validContent(content), { from: 'workflow', workflowId: workflow.id });
  }

  async update(principal: Principal, id: string, body: Record<string, unknown>): Promise<TemplateDto> {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw ApiError.validation([{ path: '', message: 'body must be a JSON object' }]);
    if (Object.keys(body).length === 0) throw ApiError.validation([{ path: '', message: 'nothing to update' }]);
    const current = await this.library.findStored(principal.agencyId, id);
    const merged: Record<string, unknown> = { ...pickContent(current), ...body };
    let content = this.validContent(merged);
    if ('definition' in body || 'placeholders' in body) {
      const words = await loadAgencyWords(this.dataSource.manager, principal.agencyId);
      assertNoAgencySpecificDefaults(content, words);
      content = this.validContent(templatizeContent(content, words));
    }
    const changed = Object.keys(body);
    const saved = await this.dataSource.transaction(async (manager) => {
      const locked = await this.library.findStored(principal.agencyId, id, manager, true);
      Object.assign(locked, content);
      const updated = await manager.save(locked);
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          eventType: 'template.updated',
          actor: actorOf(principal),
          details: { templateId: id, name: updated.name, changed },
        },
        manager,
      );
      return updated;
    });
    return this.library.toDto(principal.agencyId, fromStored(saved));
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const template = await this.library.findStored(principal.agencyId, id, manager, true);
      // Its share codes go with it (ON DELETE CASCADE): an imported copy elsewhere is independent and stays.
      await manager.delete(AutomationTemplateEntity, { id, agencyId: principal.agencyId });
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          eventType: 'template.deleted',
          actor: actorOf(principal),
          details: { templateId: id, name: template.name },
        },
        manager,
      );
    });
  }

  /** A new automation from the template, created exactly as `POST /workflows` creates one; the usage count moves in the same transaction. */
  async instantiate(principal: Principal, id: string, body: InstantiateTemplateDto): Promise<WorkflowDetailDto> {
    const template = await this.library.find(principal.agencyId, id);
    const result = instantiateTemplate(template, { values: body.values ?? {}, name: body.name?.trim() });
    if (!result.ok) throw ApiError.validation(result.errors);
    return this.workflows.create(
      principal,
      { ...result.definition, isActive: body.activate ?? false },
      async (manager, workflowId) => {
        await this.countUse(manager, principal.agencyId, template);
        await this.audit.record(
          {
            agencyId: principal.agencyId,
            eventType: 'template.instantiated',
            actor: actorOf(principal),
            workflowId,
            details: { templateId: template.id, templateName: template.name, activated: body.activate ?? false },
          },
          manager,
        );
      },
    );
  }

  private async countUse(manager: EntityManager, agencyId: string, template: LibraryTemplate): Promise<void> {
    if (template.source === 'builtin') {
      await manager.query(
        `INSERT INTO builtin_template_usage (agency_id, template_id, usage_count) VALUES ($1, $2, 1)
         ON CONFLICT (agency_id, template_id) DO UPDATE SET usage_count = builtin_template_usage.usage_count + 1`,
        [agencyId, template.id],
      );
      return;
    }
    await manager.increment(AutomationTemplateEntity, { id: template.id, agencyId }, 'usageCount', 1);
  }

  private validContent(body: unknown): TemplateContent {
    const result = validateTemplateContent(body);
    if (!result.ok) throw ApiError.validation(result.errors);
    return result.value;
  }

  private async insert(
    principal: Principal,
    content: TemplateContent,
    origin: Record<string, unknown>,
  ): Promise<TemplateDto> {
    const saved = await this.dataSource.transaction(async (manager) => {
      const created = await this.library.stored(principal.agencyId, manager).insert({
        ...content,
        source: 'agency',
        sharedFromAgencyName: null,
        usageCount: 0,
        createdByUserId: principal.userId,
        createdByApiKeyId: principal.apiKeyId,
      });
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          eventType: 'template.created',
          actor: actorOf(principal),
          workflowId: (origin.workflowId as string | undefined) ?? null,
          details: { templateId: created.id, name: created.name, ...origin },
        },
        manager,
      );
      return created;
    });
    return this.library.toDto(principal.agencyId, fromStored(saved));
  }
}

function assertNoAgencySpecificDefaults(content: TemplateContent, words: readonly string[]): void {
  const errors = agencySpecificDefaults(content.placeholders, words);
  if (errors.length > 0) throw ApiError.validation(errors);
}

function pickContent(template: AutomationTemplateEntity): Record<string, unknown> {
  return Object.fromEntries(CONTENT_KEYS.map((key) => [key, template[key]]));
}
