import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  createPortableDocument,
  instantiateTemplate,
  parsePortableDocument,
  templatizeDefinition,
} from '@automations/domain';
import { actorOf } from '../../common/actor';
import { ApiError } from '../../common/api-error';
import type { Principal } from '../../common/principal';
import { AuditLog } from '../audit/audit-log.service';
import type { WorkflowDetailDto } from '../workflows/workflow.dto';
import { WorkflowsService } from '../workflows/workflows.service';
import { loadAgencyWords } from './agency-specifics';
import type { ImportWorkflowDto } from './dto/import-workflow.dto';
import type { PortableWorkflowDocumentDto } from './dto/portable-workflow-document.dto';
import { shareableDefinition } from './shareable-definition';

/** Workflows as files (PRODUCT.md §8.2): the same templatizing as saving a template, and the same creation as `POST /workflows`. */
@Injectable()
export class PortableWorkflowsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: WorkflowsService,
    private readonly audit: AuditLog,
  ) {}

  async exportDocument(principal: Principal, id: string): Promise<PortableWorkflowDocumentDto> {
    const workflow = await this.workflows.get(principal, id);
    const definition = shareableDefinition(workflow);
    const templatized = templatizeDefinition(definition, {
      redact: await loadAgencyWords(this.dataSource.manager, principal.agencyId),
    });
    const document = createPortableDocument(templatized.definition, templatized.placeholders, new Date());
    await this.audit.record({
      agencyId: principal.agencyId,
      eventType: 'workflow.exported',
      actor: actorOf(principal),
      workflowId: id,
      details: { placeholders: document.placeholders.length },
    });
    return document;
  }

  /** A new, inactive automation: the document's placeholders filled with `values`, then the normal workflow validation. */
  async importDocument(principal: Principal, body: ImportWorkflowDto): Promise<WorkflowDetailDto> {
    const parsed = parsePortableDocument(body.document);
    if (!parsed.ok) throw ApiError.validation(parsed.errors);
    const result = instantiateTemplate(parsed.value, { values: body.values ?? {}, name: body.name?.trim() });
    if (!result.ok) throw ApiError.validation(result.errors);
    return this.workflows.create(principal, { ...result.definition, isActive: false }, async (manager, workflowId) => {
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          eventType: 'workflow.imported',
          actor: actorOf(principal),
          workflowId,
          details: { format: parsed.value.format, placeholders: parsed.value.placeholders.length },
        },
        manager,
      );
    });
  }
}
