import type { CommunicationDrafter } from './communication-drafter';
import { OpenAiDrafter } from './openai-drafter';
import { OutboundPolicy } from './outbound-policy';
import { TemplateDrafter } from './template-drafter';

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

export interface CommunicationDrafterConfig {
  /** `OPENAI_API_KEY` or the agency's OpenAI integration secret; without one, drafts come from the template drafter. */
  apiKey?: string | null;
  baseUrl?: string | null;
  /** Default `DEFAULT_OPENAI_MODEL`. */
  model?: string | null;
  timeoutMs?: number;
  /**
   * The policy for a base URL that is not the operator's (`OPENAI_BASE_URL`). Default: `OutboundPolicy.fromEnv()`
   * when `baseUrl` differs from `OPENAI_BASE_URL` (it came from an agency's integration), else none.
   */
  outbound?: OutboundPolicy | null;
  /** The environment telling the operator's settings apart (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** Whether a base URL is the operator's own (OpenAI's default or `OPENAI_BASE_URL`), which needs no address check. */
export function isOperatorOpenAiUrl(baseUrl: string | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return !baseUrl || baseUrl === env.OPENAI_BASE_URL?.trim();
}

/** An `OpenAiDrafter` when an API key is configured, else the deterministic `TemplateDrafter`. */
export function createCommunicationDrafter(config: CommunicationDrafterConfig = {}): CommunicationDrafter {
  const apiKey = config.apiKey?.trim();
  if (!apiKey) return new TemplateDrafter();
  const baseUrl = config.baseUrl?.trim() || undefined;
  const env = config.env ?? process.env;
  const outbound =
    config.outbound !== undefined
      ? config.outbound
      : isOperatorOpenAiUrl(baseUrl, env)
        ? null
        : OutboundPolicy.fromEnv(env);
  return new OpenAiDrafter({
    apiKey,
    baseUrl,
    outbound,
    model: config.model?.trim() || DEFAULT_OPENAI_MODEL,
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
  });
}
