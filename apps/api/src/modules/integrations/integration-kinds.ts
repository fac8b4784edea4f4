import type { IntegrationKind } from '@automations/persistence';

export const INTEGRATION_KINDS = ['slack', 'email', 'openai'] as const satisfies readonly IntegrationKind[];

export interface IntegrationSecretSpec {
  /** The body field holding the secret: write-only, stored sealed in `secret_encrypted`. */
  field: string;
  /** Whether the integration cannot work without it (then the first PUT must carry it). */
  required: boolean;
}

export const INTEGRATION_SECRETS: Record<IntegrationKind, IntegrationSecretSpec> = {
  slack: { field: 'botToken', required: true },
  // Without an SMTP URL of its own the agency's email goes through the server's SMTP_URL.
  email: { field: 'smtpUrl', required: false },
  openai: { field: 'apiKey', required: true },
};

export function isIntegrationKind(value: string): value is IntegrationKind {
  return (INTEGRATION_KINDS as readonly string[]).includes(value);
}
