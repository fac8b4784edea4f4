import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import {
  collectReferencedUserIds,
  listActionSteps,
  validateWorkflowDefinition,
  type DefinitionWarning,
  type WorkflowDefinition,
} from '@automations/domain';
import {
  PreviewAiDrafterResolver,
  PreviewClientNotFoundError,
  ReadOnlyClientReader,
  withReadOnlyTransaction,
  WorkflowPreviewer,
  type CommunicationDrafter,
  type PreviewSubject,
  type PreviewWarning,
} from '@automations/engine';
import {
  AgencyScopedRepository,
  openDefinition,
  RuntimeConfig,
  SecretBox,
  UserEntity,
  WorkflowEntity,
} from '@automations/persistence';
import { ApiError, FieldErrorDetail } from '../../common/api-error';
import type { Principal } from '../../common/principal';
import { RUNTIME_CONFIG } from '../../common/runtime-config.token';
import { toDefinition } from '../workflows/workflow.mapper';
import type { PreviewDefinitionDto, PreviewWorkflowDto, WorkflowPreviewDto } from './preview.dto';

interface PreviewTarget {
  agencyId: string;
  workflow: WorkflowPreviewDto['workflow'];
  definition: WorkflowDefinition;
  warnings: PreviewWarning[];
}

/** `definition` + a validator path (`''`, `steps[0].config`) → `definition`, `definition.steps[0].config`. */
const underDefinition = (path: string) => (path === '' ? 'definition' : `definition.${path}`);

/** Exactly one of `clientId` and `client`. */
function subjectProblems(body: PreviewWorkflowDto): FieldErrorDetail[] {
  if (body.clientId !== undefined && body.client !== undefined)
    return [{ path: 'client', message: 'give either clientId or client, not both' }];
  if (body.clientId === undefined && body.client === undefined)
    return [
      {
        path: 'clientId',
        message: 'is required: give clientId (a client of your agency) or client (an inline sample client)',
      },
    ];
  return [];
}

function subjectOf(body: PreviewWorkflowDto): PreviewSubject {
  if (body.clientId !== undefined) return { clientId: body.clientId };
  const sample = body.client!;
  return {
    sample: {
      name: sample.name,
      stage: sample.stage,
      health: sample.health,
      ...(sample.assignee ? { assignee: { name: sample.assignee.name, email: sample.assignee.email } } : {}),
      ...(sample.metrics ? { metrics: sample.metrics } : {}),
      ...(sample.lastActivityAt ? { lastActivityAt: sample.lastActivityAt } : {}),
    },
  };
}

/**
 * Test mode: what a run would do, without doing it. Every database read here happens in a
 * `READ ONLY` transaction, and the previewer is built with nothing but a read-only reader — no
 * queues, no Slack/SMTP adapters; the AI provider is only called when the request asks (`useAi`).
 */
@Injectable()
export class PreviewService {
  private readonly previewer: WorkflowPreviewer;
  private readonly aiDrafters: PreviewAiDrafterResolver;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(RUNTIME_CONFIG) config: RuntimeConfig,
    private readonly secretBox: SecretBox,
  ) {
    this.previewer = new WorkflowPreviewer(new ReadOnlyClientReader(dataSource));
    this.aiDrafters = new PreviewAiDrafterResolver(dataSource, secretBox, {
      openaiApiKey: config.openaiApiKey,
      openaiBaseUrl: config.openaiBaseUrl,
      openaiModel: config.openaiModel,
    });
  }

  async previewSaved(principal: Principal, id: string, body: PreviewWorkflowDto): Promise<WorkflowPreviewDto> {
    const problems = subjectProblems(body);
    if (problems.length) throw ApiError.validation(problems);
    const workflow = await withReadOnlyTransaction(this.dataSource, (manager) =>
      AgencyScopedRepository.for(manager, WorkflowEntity, principal.agencyId).findOne({ id, deletedAt: IsNull() }),
    );
    if (!workflow) throw ApiError.notFound('Workflow');
    const warnings: PreviewWarning[] = workflow.pausedReason
      ? [{ code: 'workflow_paused', message: `The system paused this workflow (${workflow.pausedReason})` }]
      : [];
    return this.run(
      {
        agencyId: principal.agencyId,
        workflow: { id: workflow.id, name: workflow.name, version: workflow.version },
        definition: openDefinition(
          this.secretBox,
          { agencyId: workflow.agencyId, workflowId: workflow.id },
          toDefinition(workflow),
        ),
        warnings,
      },
      body,
    );
  }

  async previewDefinition(principal: Principal, body: PreviewDefinitionDto): Promise<WorkflowPreviewDto> {
    const problems = subjectProblems(body);
    const result = validateWorkflowDefinition(body.definition);
    if (!result.ok)
      problems.push(...result.errors.map((error) => ({ path: underDefinition(error.path), message: error.message })));
    else problems.push(...(await this.unknownUsers(principal.agencyId, result.value)));
    if (problems.length || !result.ok) throw ApiError.validation(problems);
    const warnings = result.warnings.map((warning: DefinitionWarning) => ({
      ...warning,
      ...(warning.path !== undefined ? { path: underDefinition(warning.path) } : {}),
    }));
    return this.run(
      {
        agencyId: principal.agencyId,
        workflow: { id: null, name: result.value.name, version: null },
        definition: result.value,
        warnings,
      },
      body,
    );
  }

  private async run(target: PreviewTarget, body: PreviewWorkflowDto): Promise<WorkflowPreviewDto> {
    const warnings = [...target.warnings];
    let aiDrafter: CommunicationDrafter | undefined;
    if (body.useAi && listActionSteps(target.definition.steps).some((step) => step.type === 'draft_communication')) {
      const resolved = await this.aiDrafters.resolve(target.agencyId);
      if (resolved.drafter) aiDrafter = resolved.drafter;
      else warnings.push({ code: 'ai_provider_missing', message: `useAi: ${resolved.reason}` });
    }
    try {
      const preview = await this.previewer.preview({
        agencyId: target.agencyId,
        definition: target.definition,
        workflowName: target.workflow.name,
        subject: subjectOf(body),
        ...(body.event
          ? { event: { type: body.event.type, data: { ...(body.event.data as object) } as Record<string, unknown> } }
          : {}),
        ...(aiDrafter ? { aiDrafter } : {}),
      });
      return { workflow: target.workflow, ...preview, warnings: [...warnings, ...preview.warnings] };
    } catch (error) {
      if (error instanceof PreviewClientNotFoundError) throw ApiError.notFound('Client');
      throw error;
    }
  }

  /** As on save: users a definition references must belong to the agency. */
  private async unknownUsers(agencyId: string, definition: WorkflowDefinition): Promise<FieldErrorDetail[]> {
    const referenced = collectReferencedUserIds(definition);
    if (referenced.length === 0) return [];
    const found = await withReadOnlyTransaction(this.dataSource, (manager) =>
      AgencyScopedRepository.for(manager, UserEntity, agencyId).find({ id: In(referenced) }),
    );
    const known = new Set(found.map((user) => user.id));
    return referenced
      .filter((userId) => !known.has(userId))
      .map((userId) => ({ path: 'definition.steps', message: `user ${userId} is not a user of this agency` }));
  }
}
