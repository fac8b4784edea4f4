import type { DataSource } from 'typeorm';
import { IntegrationEntity, IntegrationKind, integrationSecretContext, SecretBox } from '@automations/persistence';

export interface IntegrationSettings {
  settings: Record<string, unknown>;
  /** The decrypted secret (bot token, SMTP URL, API key); never logged, never stored elsewhere. */
  secret: string | null;
}

/** Reads an agency's integration and opens its sealed secret. */
export class IntegrationSettingsLoader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly secretBox: SecretBox,
  ) {}

  async load(agencyId: string, kind: IntegrationKind): Promise<IntegrationSettings | null> {
    const row = await this.dataSource
      .getRepository(IntegrationEntity)
      .createQueryBuilder('i')
      .addSelect('i.secretEncrypted')
      .where('i.agencyId = :agencyId AND i.kind = :kind', { agencyId, kind })
      .getOne();
    if (!row) return null;
    const secret = row.secretEncrypted
      ? this.secretBox.open(row.secretEncrypted, integrationSecretContext(agencyId, kind))
      : null;
    return { settings: row.settings, secret };
  }
}
