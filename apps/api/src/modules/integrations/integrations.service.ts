import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  AgencyScopedRepository,
  IntegrationEntity,
  IntegrationKind,
  integrationSecretContext,
  SecretBox,
} from '@automations/persistence';
import { tenantSmtpUrlProblem } from '@automations/engine';
import { actorOf } from '../../common/actor';
import { ApiError, type FieldErrorDetail } from '../../common/api-error';
import { SECURITY_SETTINGS, type SecuritySettings } from '../../common/security-settings';
import type { Principal } from '../../common/principal';
import { AuditLog } from '../audit/audit-log.service';
import type { IntegrationListDto } from './dto/integration-list.dto';
import type { IntegrationDto } from './dto/integration.dto';
import { INTEGRATION_KINDS, INTEGRATION_SECRETS } from './integration-kinds';

/** Secrets shorter than this show no last 4 characters: that would reveal too much of them. */
const MIN_LENGTH_FOR_LAST4 = 12;

/**
 * Per-agency Slack, email and OpenAI settings. Secrets are write-only: sealed with SecretBox
 * (AES-256-GCM, bound to agency and kind) and only ever shown as `{set, last4}`.
 */
@Injectable()
export class IntegrationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly secretBox: SecretBox,
    @Inject(SECURITY_SETTINGS) private readonly security: SecuritySettings,
  ) {}

  async list(principal: Principal): Promise<IntegrationListDto> {
    const rows = await this.integrations(this.dataSource.manager, principal.agencyId)
      .query('integration')
      .addSelect('integration.secretEncrypted')
      .getMany();
    return { items: INTEGRATION_KINDS.map((kind) => this.toDto(kind, rows.find((row) => row.kind === kind) ?? null)) };
  }

  async get(principal: Principal, kind: IntegrationKind): Promise<IntegrationDto> {
    return this.toDto(kind, await this.find(this.dataSource.manager, principal.agencyId, kind));
  }

  /**
   * Replaces the non-secret settings with the body's; the secret is replaced only when the body
   * carries one. Audited with the names of what changed, never values.
   */
  async put(principal: Principal, kind: IntegrationKind, body: object): Promise<IntegrationDto> {
    const { field: secretField, required: secretRequired } = INTEGRATION_SECRETS[kind];
    const { [secretField]: secret, ...rest } = body as Record<string, unknown>;
    const settings = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    const newSecret = typeof secret === 'string' ? secret : null;
    const problems = await this.outboundProblems(kind, body as Record<string, unknown>);
    if (problems.length > 0) throw ApiError.validation(problems);

    const saved = await this.dataSource.transaction(async (manager) => {
      // Create-if-missing, then lock: two first PUTs at once cannot collide on (agency_id, kind).
      await manager
        .createQueryBuilder()
        .insert()
        .into(IntegrationEntity)
        .values({ agencyId: principal.agencyId, kind, settings: {} })
        .orIgnore()
        .execute();
      const current = (await this.find(manager, principal.agencyId, kind, true))!;
      if (secretRequired && newSecret === null && !current.secretEncrypted) {
        throw ApiError.validation([{ path: secretField, message: 'is required: no secret is stored yet' }]);
      }

      const changed = [...new Set([...Object.keys(current.settings), ...Object.keys(settings)])]
        .filter((key) => JSON.stringify(current.settings[key]) !== JSON.stringify(settings[key]))
        .sort();
      const patch: Partial<IntegrationEntity> = { settings };
      if (newSecret !== null) {
        patch.secretEncrypted = this.secretBox.seal(newSecret, integrationSecretContext(principal.agencyId, kind));
        patch.secretLast4 = newSecret.length >= MIN_LENGTH_FOR_LAST4 ? newSecret.slice(-4) : null;
        changed.push(secretField);
      }
      await this.integrations(manager, principal.agencyId).update({ id: current.id }, patch);
      await this.audit.record(
        {
          agencyId: principal.agencyId,
          eventType: 'integration.updated',
          actor: actorOf(principal),
          details: { kind, changed },
        },
        manager,
      );
      return this.find(manager, principal.agencyId, kind);
    });
    return this.toDto(kind, saved);
  }

  /**
   * URLs the worker will connect to with the agency's secrets (the OpenAI base URL, the SMTP URL) must point to the
   * public internet, unless OUTBOUND_ALLOWED_HOSTS allows them (SSRF: 169.254.169.254, loopback, private networks).
   * Checked again on every connection, on the resolved address.
   */
  private async outboundProblems(kind: IntegrationKind, body: Record<string, unknown>): Promise<FieldErrorDetail[]> {
    const field = kind === 'openai' ? 'baseUrl' : kind === 'email' ? 'smtpUrl' : null;
    const value = field ? body[field] : undefined;
    if (!field || typeof value !== 'string') return [];
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return [{ path: field, message: 'is not a valid URL' }];
    }
    const optionProblem = kind === 'email' ? tenantSmtpUrlProblem(value) : null;
    if (optionProblem) return [{ path: field, message: optionProblem }];
    const hostProblem = await this.security.outbound.checkHost(url.hostname);
    return hostProblem ? [{ path: field, message: hostProblem }] : [];
  }

  private integrations(manager: EntityManager, agencyId: string) {
    return AgencyScopedRepository.for(manager, IntegrationEntity, agencyId);
  }

  /** The row with its ciphertext (needed to tell whether a secret is set; never leaves this class). */
  private find(
    manager: EntityManager,
    agencyId: string,
    kind: IntegrationKind,
    lock = false,
  ): Promise<IntegrationEntity | null> {
    const qb = this.integrations(manager, agencyId)
      .query('integration')
      .addSelect('integration.secretEncrypted')
      .andWhere('integration.kind = :kind', { kind });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  private toDto(kind: IntegrationKind, row: IntegrationEntity | null): IntegrationDto {
    const secretSet = Boolean(row?.secretEncrypted);
    return {
      kind,
      configured: row !== null && (secretSet || !INTEGRATION_SECRETS[kind].required),
      settings: row?.settings ?? {},
      secret: { set: secretSet, last4: secretSet ? (row?.secretLast4 ?? null) : null },
      updatedAt: row?.updatedAt.toISOString() ?? null,
    };
  }
}
