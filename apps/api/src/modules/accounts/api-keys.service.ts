import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencyScopedRepository, ApiKeyEntity } from '@automations/persistence';
import { actorOf } from '../../common/actor';
import { ApiError } from '../../common/api-error';
import type { PaginationQuery } from '../../common/pagination.query';
import type { Principal } from '../../common/principal';
import { AuditLog } from '../audit/audit-log.service';
import { CredentialResolver } from '../auth/credential-resolver.service';
import { AgencyProvisioner } from './agency-provisioner';
import type { ApiKeyDto, ApiKeyPageDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';

function toDto(key: ApiKeyEntity): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: `ak_${key.keyPrefix}`,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}

/** The agency's API keys: listing (secrets never shown again), issuing with a role and revoking (audited). */
@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly provisioner: AgencyProvisioner,
    private readonly audit: AuditLog,
    private readonly credentials: CredentialResolver,
  ) {}

  async list(principal: Principal, query: PaginationQuery): Promise<ApiKeyPageDto> {
    const page = await this.apiKeys(principal).findPage({}, { createdAt: 'DESC' }, query);
    return { ...page, items: page.items.map(toDto) };
  }

  async create(principal: Principal, body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { apiKey, plaintext } = await this.provisioner.createApiKey({
      agencyId: principal.agencyId,
      name: body.name,
      role: body.role,
      createdByUserId: principal.userId,
    });
    await this.audit.record({
      agencyId: principal.agencyId,
      eventType: 'api_key.created',
      actor: actorOf(principal),
      details: { apiKeyId: apiKey.id, role: apiKey.role },
    });
    return { ...toDto(apiKey), key: plaintext };
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    const key = await this.apiKeys(principal).findById(id);
    if (!key) throw ApiError.notFound('API key');
    await this.provisioner.revokeApiKey(principal.agencyId, id);
    // The resolver caches resolved keys: a revoked key must stop working at once.
    this.credentials.forgetApiKeys();
    await this.audit.record({
      agencyId: principal.agencyId,
      eventType: 'api_key.revoked',
      actor: actorOf(principal),
      details: { apiKeyId: id },
    });
  }

  private apiKeys(principal: Principal) {
    return AgencyScopedRepository.for(this.dataSource.manager, ApiKeyEntity, principal.agencyId);
  }
}
