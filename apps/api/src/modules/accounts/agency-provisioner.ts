import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { UserRole } from '@automations/domain';
import { AgencyEntity, ApiKeyEntity, UserEntity } from '@automations/persistence';
import { ApiKeyCodec } from '../auth/api-key-codec';
import { PasswordHasher } from '../auth/password-hasher';
import { passwordProblem, WeakPasswordError } from '../auth/password-policy';

export interface NewAgency {
  name: string;
  timezone?: string;
  adminEmail: string;
  adminPassword: string;
  adminName?: string;
}

export interface NewUser {
  agencyId: string;
  email: string;
  password: string;
  name?: string;
  role: UserRole;
}

export interface NewApiKey {
  agencyId: string;
  name: string;
  role: UserRole;
  createdByUserId?: string | null;
}

export interface CreatedApiKey {
  apiKey: ApiKeyEntity;
  /** The only time the secret is ever visible. */
  plaintext: string;
}

/** Creates agencies, users and API keys: shared by the REST API (injected), the ops CLI and the demo seed (built with their DataSource). */
@Injectable()
export class AgencyProvisioner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async createAgency(input: NewAgency): Promise<{ agencyId: string; userId: string; apiKey: string }> {
    return this.dataSource.transaction(async (manager) => {
      const agency = await manager.save(
        manager.create(AgencyEntity, {
          name: input.name,
          timezone: input.timezone ?? 'UTC',
          settings: { maxRunsPerMinute: 600 },
        }),
      );
      const user = await this.insertUser(manager, {
        agencyId: agency.id,
        email: input.adminEmail,
        password: input.adminPassword,
        name: input.adminName ?? 'Admin',
        role: 'admin',
      });
      const key = await this.insertApiKey(manager, {
        agencyId: agency.id,
        name: 'Initial admin key',
        role: 'admin',
        createdByUserId: user.id,
      });
      return { agencyId: agency.id, userId: user.id, apiKey: key.plaintext };
    });
  }

  createUser(input: NewUser, manager: EntityManager = this.dataSource.manager): Promise<UserEntity> {
    return this.insertUser(manager, input);
  }

  createApiKey(input: NewApiKey, manager: EntityManager = this.dataSource.manager): Promise<CreatedApiKey> {
    return this.insertApiKey(manager, input);
  }

  async revokeApiKey(agencyId: string, apiKeyId: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set({ revokedAt: () => 'now()' })
      .where({ id: apiKeyId, agencyId })
      .andWhere('revoked_at IS NULL')
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Refuses a password that passwordProblem refuses (every way in: REST, CLI, demo seed). */
  private async insertUser(manager: EntityManager, input: NewUser): Promise<UserEntity> {
    const problem = passwordProblem(input.password, input.email);
    if (problem) throw new WeakPasswordError(problem);
    const passwordHash = await PasswordHasher.hash(input.password);
    const user = await manager.save(
      manager.create(UserEntity, {
        agencyId: input.agencyId,
        email: input.email.trim().toLowerCase(),
        name: input.name ?? input.email.split('@')[0],
        role: input.role,
        passwordHash,
        active: true,
      }),
    );
    delete (user as Partial<UserEntity>).passwordHash;
    return user;
  }

  private async insertApiKey(manager: EntityManager, input: NewApiKey): Promise<CreatedApiKey> {
    const issued = ApiKeyCodec.issue();
    const apiKey = await manager.save(
      manager.create(ApiKeyEntity, {
        agencyId: input.agencyId,
        name: input.name,
        role: input.role,
        keyPrefix: issued.prefix,
        secretHash: issued.secretHash,
        createdByUserId: input.createdByUserId ?? null,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    delete (apiKey as Partial<ApiKeyEntity>).secretHash;
    return { apiKey, plaintext: issued.plaintext };
  }
}
