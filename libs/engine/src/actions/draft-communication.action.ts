import { CommunicationDraftEntity } from '@automations/persistence';
import type { IntegrationSettingsLoader } from '../context/integration-settings.loader';
import { createCommunicationDrafter } from '../integrations/communication-drafter.factory';
import type { ActionExecution, ActionExecutor, StepEffect } from './action-executor';
import { stepOrigin } from './step-origin';

export interface DraftDefaults {
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  openaiModel: string;
}

/**
 * Writes a draft for human review (never sent). The agency's OpenAI integration, else the server's
 * OPENAI_* settings, else the deterministic template drafter. The model gets the admin's
 * instructions raw and the client's data as data, never spliced into the instructions.
 */
export class DraftCommunicationAction implements ActionExecutor<'draft_communication'> {
  readonly type = 'draft_communication' as const;
  readonly effects = 'external' as const;

  constructor(
    private readonly integrations: IntegrationSettingsLoader,
    private readonly defaults: DraftDefaults,
  ) {}

  async execute(execution: ActionExecution<'draft_communication'>): Promise<StepEffect> {
    // A draft already written for this run and step (before its approval) is the draft: never a second one.
    const existing = await execution.dataSource
      .getRepository(CommunicationDraftEntity)
      .findOne({ where: { agencyId: execution.agencyId, runId: execution.runId, stepId: execution.step.id } });
    if (existing) return execution.commit(async () => ({ output: DraftCommunicationAction.outputOf(existing) }));
    const raw = execution.step.config;
    const integration = await this.integrations.load(execution.agencyId, 'openai');
    const apiKey = integration?.secret ?? this.defaults.openaiApiKey;
    const drafter = createCommunicationDrafter({
      apiKey,
      baseUrl: (integration?.settings.baseUrl as string | undefined) ?? this.defaults.openaiBaseUrl,
      model: (integration?.settings.model as string | undefined) ?? this.defaults.openaiModel,
    });
    const client = execution.snapshot.client;
    const draft = await drafter.draft({
      platform: raw.platform,
      tone: raw.tone,
      // The template drafter fills variables itself from the rendered text; the model reads data separately.
      template: apiKey ? raw.template : execution.config.template,
      client: { name: client.name, stage: client.stage, health: client.health, assigneeName: client.assignee?.name },
      trigger: execution.trigger,
      agencyName: execution.snapshot.agency.name,
    });
    return execution.commit(async (manager) => {
      const saved = await manager.save(
        manager.create(CommunicationDraftEntity, {
          ...stepOrigin(execution),
          platform: raw.platform,
          tone: raw.tone,
          subject: raw.platform === 'email' ? (draft.subject ?? null) : null,
          content: draft.content,
          generator: draft.generator,
          status: execution.forApproval ? 'pending_approval' : 'pending_review',
          editedAt: null,
        }),
      );
      return { output: DraftCommunicationAction.outputOf(saved) };
    });
  }

  static outputOf(draft: CommunicationDraftEntity): Record<string, unknown> {
    return {
      draftId: draft.id,
      generator: draft.generator,
      ...(draft.subject ? { subject: draft.subject } : {}),
      preview: draft.content.slice(0, 200),
    };
  }
}
