import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { UserRole } from '@automations/domain';
import { loadRuntimeConfig, RuntimeConfig } from '@automations/persistence';
import { createTestDatabase, createTestQueuePrefix, TestDatabase } from '@automations/testing';
import { createApiApp } from '../../src/app.factory';
import { AgencyProvisioner } from '../../src/modules/accounts/agency-provisioner';

export interface TestAgency {
  agencyId: string;
  adminUserId: string;
  /** Bearer tokens (JWTs from /auth/login) per role, and an admin API key. */
  tokens: Record<UserRole, string>;
  userIds: Record<UserRole, string>;
  apiKey: string;
}

export interface TestApi {
  app: NestFastifyApplication;
  config: RuntimeConfig;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  /** `pipelineStages` replaces the default stages (`lead`, `onboarding`, `active`, `at_risk`, `churned`). */
  createAgency(name?: string, options?: { pipelineStages?: readonly string[] }): Promise<TestAgency>;
  close(): Promise<void>;
}

let counter = 0;

/**
 * The local test servers (OpenAI-compatible, SMTP sink, Slack) listen on loopback, which tenant-supplied URLs may only
 * reach when the operator allow-lists it (OUTBOUND_ALLOWED_HOSTS): the test API gets this allow-list, and so does this
 * process's environment, read by the engine running in it.
 */
export const TEST_OUTBOUND_ALLOWED_HOSTS = '127.0.0.0/8,::1,localhost';

/** A real API on its own migrated database, with helpers to provision agencies and log users in. */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const database: TestDatabase = await createTestDatabase();
  const config = loadRuntimeConfig({
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    QUEUE_PREFIX: createTestQueuePrefix(),
    DB_POOL_SIZE: '5',
    ...env,
  });
  process.env.OUTBOUND_ALLOWED_HOSTS ??= TEST_OUTBOUND_ALLOWED_HOSTS;
  const app = await createApiApp(config, {
    logger: false,
    env: { ...process.env, OUTBOUND_ALLOWED_HOSTS: TEST_OUTBOUND_ALLOWED_HOSTS, ...env },
  });
  const dataSource = app.get(DataSource);
  const provisioner = new AgencyProvisioner(dataSource);
  const http = () => request(app.getHttpServer());

  async function login(email: string, password: string): Promise<string> {
    const response = await http().post('/api/v1/auth/login').send({ email, password }).expect(200);
    return response.body.accessToken;
  }

  async function createAgency(
    name = `Agency ${++counter}`,
    options: { pipelineStages?: readonly string[] } = {},
  ): Promise<TestAgency> {
    const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${Math.random().toString(36).slice(2, 8)}`;
    const password = 'correct horse battery';
    const created = await provisioner.createAgency({
      name,
      adminEmail: `admin@${slug}.test`,
      adminPassword: password,
      timezone: 'Europe/Paris',
    });
    if (options.pipelineStages) {
      await dataSource.query(`UPDATE agencies SET pipeline_stages = $1::jsonb WHERE id = $2`, [
        JSON.stringify(options.pipelineStages),
        created.agencyId,
      ]);
    }
    const manager = await provisioner.createUser({
      agencyId: created.agencyId,
      email: `manager@${slug}.test`,
      password,
      role: 'manager',
      name: 'Mia Manager',
    });
    const viewer = await provisioner.createUser({
      agencyId: created.agencyId,
      email: `viewer@${slug}.test`,
      password,
      role: 'viewer',
      name: 'Vic Viewer',
    });
    return {
      agencyId: created.agencyId,
      adminUserId: created.userId,
      apiKey: created.apiKey,
      userIds: { admin: created.userId, manager: manager.id, viewer: viewer.id },
      tokens: {
        admin: await login(`admin@${slug}.test`, password),
        manager: await login(`manager@${slug}.test`, password),
        viewer: await login(`viewer@${slug}.test`, password),
      },
    };
  }

  return {
    app,
    config,
    dataSource,
    http,
    createAgency,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/**
 * The usual tenancy fixture: a test API with two agencies (`alpha`, `beta`), so every test can check that one agency
 * never sees or changes the other's data.
 */
export async function startTestApiWithTwoAgencies(
  names: [string, string] = ['Alpha', 'Beta'],
  env: Record<string, string> = {},
): Promise<{ api: TestApi; alpha: TestAgency; beta: TestAgency }> {
  const api = await startTestApi(env);
  return { api, alpha: await api.createAgency(names[0]), beta: await api.createAgency(names[1]) };
}
