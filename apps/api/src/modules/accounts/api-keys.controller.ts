import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencyScopedRepository, ApiKeyEntity } from '@automations/persistence';
import { actorOf } from '../../common/actor';
import { ApiError } from '../../common/api-error';
import { CurrentPrincipal, MinRole } from '../../common/auth.decorators';
import { PaginationQuery } from '../../common/pagination.query';
import type { Principal } from '../../common/principal';
import { UuidParam } from '../../common/uuid-param.pipe';
import { AuditLog } from '../audit/audit-log.service';
import { AgencyProvisioner } from './agency-provisioner';
import { ApiKeyDto, ApiKeyPageDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-key.dto';
import { CredentialResolver } from '../auth/credential-resolver.service';

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

@ApiTags('api-keys')
@ApiBearerAuth()
@MinRole('admin')
@Controller('api-keys')
export class ApiKeysController {
  private readonly provisioner: AgencyProvisioner;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly credentials: CredentialResolver,
  ) {
    this.provisioner = new AgencyProvisioner(dataSource);
  }

  @Get()
  @ApiOperation({ summary: 'API keys of the agency (secrets are never shown again)' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PaginationQuery): Promise<ApiKeyPageDto> {
    const page = await AgencyScopedRepository.for(this.dataSource.manager, ApiKeyEntity, principal.agencyId).findPage({}, { createdAt: 'DESC' }, query);
    return { ...page, items: page.items.map(toDto) };
  }

  @Post()
  @ApiOperation({ summary: 'Create an API key with a role; the key is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const { apiKey, plaintext } = await this.provisioner.createApiKey({ agencyId: principal.agencyId, name: body.name, role: body.role, createdByUserId: principal.userId });
    await this.audit.record({ agencyId: principal.agencyId, eventType: 'api_key.created', actor: actorOf(principal), details: { apiKeyId: apiKey.id, role: apiKey.role } });
    return { ...toDto(apiKey), key: plaintext };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiNoContentResponse()
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string): Promise<void> {
    const key = await AgencyScopedRepository.for(this.dataSource.manager, ApiKeyEntity, principal.agencyId).findById(id);
    if (!key) throw ApiError.notFound('API key');
    await this.provisioner.revokeApiKey(principal.agencyId, id);
    this.credentials.forgetApiKeys();
    await this.audit.record({ agencyId: principal.agencyId, eventType: 'api_key.revoked', actor: actorOf(principal), details: { apiKeyId: id } });
  }
}
