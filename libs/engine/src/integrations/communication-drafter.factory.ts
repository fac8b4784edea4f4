import type { CommunicationDrafter } from './communication-drafter';
import { OpenAiDrafter } from './openai-drafter';
import { TemplateDrafter } from './template-drafter';

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

export interface CommunicationDrafterConfig {
  /** `OPENAI_API_KEY` or the agency's OpenAI integration secret; without one, drafts come from the template drafter. */
  apiKey?: string | null;
  baseUrl?: string | null;
  /** Default `DEFAULT_OPENAI_MODEL`. */
  model?: string | null;
  timeoutMs?: number;
}

/** An `OpenAiDrafter` when an API key is configured, else the deterministic `TemplateDrafter`. */
export function createCommunicationDrafter(config: CommunicationDrafterConfig = {}): CommunicationDrafter {
  const apiKey = config.apiKey?.trim();
  if (!apiKey) return new TemplateDrafter();
  return new OpenAiDrafter({
    apiKey,
    baseUrl: config.baseUrl?.trim() || undefined,
    model: config.model?.trim() || DEFAULT_OPENAI_MODEL,
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
  });
}
