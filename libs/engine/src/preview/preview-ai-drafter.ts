import type { DataSource } from 'typeorm';
import { IntegrationEntity, integrationSecretContext, type SecretBox } from '@automations/persistence';
import type { CommunicationDrafter } from '../integrations/communication-drafter';
import { createCommunicationDrafter } from '../integrations/communication-drafter.factory';
import { withReadOnlyTransaction } from './read-only-transaction';

export interface PreviewAiDefaults {
  /** The server's `OPENAI_*` settings, used when the agency has no OpenAI integration (as in a run). */
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  openaiModel: string;
  /** Default 30 s: a preview is interactive. */
  timeoutMs?: number;
}

export type PreviewAiDrafterResolution =
  | { drafter: CommunicationDrafter; provider: 'agency' | 'server' }
  /** No provider is configured: a real run drafts with the template drafter too. */
  | { drafter: null; reason: string };

/**
 * The AI drafter a run of the agency would use (its OpenAI integration, else the server's
 * OPENAI_* settings), for a preview that asked for one (`useAi`). The integration is read in a
 * `READ ONLY` transaction; the drafter it returns can only call the model.
 */
export class PreviewAiDrafterResolver {
  readonly #dataSource: DataSource;
  readonly #secretBox: SecretBox;
  readonly #defaults: PreviewAiDefaults;

  constructor(dataSource: DataSource, secretBox: SecretBox, defaults: PreviewAiDefaults) {
    this.#dataSource = dataSource;
    this.#secretBox = secretBox;
    this.#defaults = defaults;
  }

  async resolve(agencyId: string): Promise<PreviewAiDrafterResolution> {
    const integration = await withReadOnlyTransaction(this.#dataSource, (manager) =>
      manager
        .getRepository(IntegrationEntity)
        .createQueryBuilder('i')
        .addSelect('i.secretEncrypted')
        .where('i.agencyId = :agencyId AND i.kind = :kind', { agencyId, kind: 'openai' })
        .getOne(),
    );
    const secret = integration?.secretEncrypted
      ? this.#secretBox.open(integration.secretEncrypted, integrationSecretContext(agencyId, 'openai'))
      : null;
    const apiKey = secret?.trim() || this.#defaults.openaiApiKey?.trim();
    if (!apiKey)
      return {
        drafter: null,
        reason:
          'no AI provider is configured (OpenAI integration or OPENAI_API_KEY): a run would use the template drafter too',
      };
    const settings = integration?.settings ?? {};
    return {
      drafter: createCommunicationDrafter({
        apiKey,
        baseUrl: (settings.baseUrl as string | undefined) ?? this.#defaults.openaiBaseUrl,
        model: (settings.model as string | undefined) ?? this.#defaults.openaiModel,
        timeoutMs: this.#defaults.timeoutMs ?? 30_000,
      }),
      provider: secret ? 'agency' : 'server',
    };
  }
}
