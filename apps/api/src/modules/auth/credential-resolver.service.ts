import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, IsNull } from 'typeorm';
import { isUuid } from '@automations/domain';
import { ApiKeyEntity, UserEntity } from '@automations/persistence';
import type { Principal } from '../../common/principal';
import { ApiKeyCache } from './api-key-cache';
import { ApiKeyCodec } from './api-key-codec';

export interface AccessTokenClaims {
  sub: string;
  agencyId: string;
  /** The user's `tokenVersion` when the token was issued (absent: 0); a password change bumps it. */
  ver?: number;
}

/** Turns a bearer token (a JWT of a user, or an API key) into the caller's Principal, or null. */
@Injectable()
export class CredentialResolver {
  private readonly apiKeys = new ApiKeyCache();

  constructor(
    private readonly jwt: JwtService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  /** After a revoke: no key is taken from the cache any more (see ApiKeyCache). */
  forgetApiKeys(): void {
    this.apiKeys.clear();
  }

  async resolve(token: string): Promise<Principal | null> {
    return token.startsWith('ak_') ? this.resolveApiKey(token) : this.resolveJwt(token);
  }

  private async resolveJwt(token: string): Promise<Principal | null> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    // Ids that are not uuids never match a user (and must not reach a uuid column as a query error).
    if (!isUuid(claims.sub) || !isUuid(claims.agencyId)) return null;
    // The role and the active flag are read live, so a demoted or deactivated user loses access at once.
    const user = await this.dataSource
      .getRepository(UserEntity)
      .findOne({ where: { id: claims.sub, agencyId: claims.agencyId } });
    if (!user || !user.active) return null;
    // Issued before the user's last password change: refused.
    if ((claims.ver ?? 0) !== user.tokenVersion) return null;
    return {
      agencyId: user.agencyId,
      role: user.role,
      actorType: 'user',
      actorId: user.id,
      userId: user.id,
      apiKeyId: null,
    };
  }

  private async resolveApiKey(token: string): Promise<Principal | null> {
    const parsed = ApiKeyCodec.parse(token);
    if (!parsed) return null;
    const key = this.apiKeys.get(parsed.prefix) ?? (await this.loadApiKey(parsed.prefix));
    if (!key || !ApiKeyCodec.matches(parsed.secret, key.secretHash)) return null;
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000) {
      key.lastUsedAt = new Date();
      void this.touch(key.id);
    }
    return {
      agencyId: key.agencyId,
      role: key.role,
      actorType: 'api_key',
      actorId: key.id,
      userId: null,
      apiKeyId: key.id,
    };
  }

  private async loadApiKey(prefix: string): Promise<ApiKeyEntity | null> {
    const key = await this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('key')
      .addSelect('key.secretHash')
      .where('key.keyPrefix = :prefix', { prefix })
      .andWhere('key.revokedAt IS NULL')
      .getOne();
    if (key) this.apiKeys.set(prefix, key);
    return key;
  }

  /** lastUsedAt at minute precision: one write per key per minute, not one per request. */
  private async touch(keyId: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ lastUsedAt: () => 'now()' })
      .where('id = :keyId', { keyId })
      .andWhere("(last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
      .andWhere({ revokedAt: IsNull() })
      .execute()
      .catch(() => undefined);
  }
}
