import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { USER_ROLES, UserRole } from '@automations/domain';
import {
  buildDataSourceOptions,
  ensureDatabaseExists,
  migrateDatabase,
  RuntimeConfig,
  UserEntity,
} from '@automations/persistence';
import { AgencyProvisioner } from '../modules/accounts/agency-provisioner';
import { SecretBox } from '@automations/persistence';
import { DEFAULT_ROTATION_BATCH, KeyRotation } from './key-rotation';
import { DEMO_ADMIN_EMAIL, DemoSeeder, generateDemoPassword, SeedResult } from './demo-seeder';

export class CliUsageError extends Error {}

type Output = (line: string) => void;

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) throw new CliUsageError(`--${name} is required`);
  return value;
}

function role(value: string | undefined, fallback: UserRole): UserRole {
  const chosen = value ?? fallback;
  if (!(USER_ROLES as readonly string[]).includes(chosen))
    throw new CliUsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
  return chosen as UserRole;
}

/**
 * Whether `prepare` may seed the demo agency: `--demo` always; otherwise SEED_DEMO (true/false, 1/0, yes/no);
 * unset or empty: in development yes, in production (NODE_ENV=production) never.
 */
export function demoSeedWanted(demoFlag: boolean | undefined, seedDemo: string | undefined, nodeEnv: string): boolean {
  if (demoFlag) return true;
  const value = seedDemo?.trim().toLowerCase();
  if (!value) return nodeEnv !== 'production';
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new CliUsageError(`SEED_DEMO must be true or false, got "${seedDemo}"`);
}

async function withDataSource<T>(config: RuntimeConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  await ensureDatabaseExists(config.databaseUrl);
  await migrateDatabase(config.databaseUrl);
  return withMigratedDataSource(config, work);
}

async function withMigratedDataSource<T>(
  config: RuntimeConfig,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource({
    ...buildDataSourceOptions({ url: config.databaseUrl, poolSize: 2, applicationName: 'automations-cli' }),
    logging: false,
  });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export const CLI_USAGE = `Usage: npm run cli -- <command> [options]
  prepare [--demo] [--json]       create the database if missing, migrate, seed a demo agency when empty
                                  (not in production unless --demo or SEED_DEMO=true; the admin password is
                                  DEMO_PASSWORD or a random one, printed once; --json prints one JSON line)
  migrate                         create the database if missing and run pending migrations
  create-agency --name N --admin-email E --admin-password P [--timezone Z]
  create-user --agency-id A --email E --password P --role viewer|manager|admin [--name N]
  create-api-key --agency-id A --name N [--role viewer|manager|admin]
  revoke-api-key --agency-id A --api-key-id K
  rotate-keys [--batch-size N]    seal integration secrets and sensitive workflow fields under ENCRYPTION_KEY
                                  (opening ENCRYPTION_KEY_PREVIOUS); resumable, idempotent; prints counts`;

/**
 * Each ops command prints exactly one JSON line on success (scripts parse it); `prepare` speaks to a human
 * unless given `--json`. `env` supplies SEED_DEMO and DEMO_PASSWORD (read by `prepare` only).
 */
export async function runCliCommand(
  argv: string[],
  config: RuntimeConfig,
  out: Output,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      timezone: { type: 'string' },
      'agency-id': { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      'api-key-id': { type: 'string' },
      'batch-size': { type: 'string' },
      demo: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    strict: true,
  });

  switch (command) {
    case 'migrate': {
      const created = await ensureDatabaseExists(config.databaseUrl);
      const applied = await migrateDatabase(config.databaseUrl);
      out(JSON.stringify({ databaseCreated: created, migrationsApplied: applied }));
      return;
    }
    case 'prepare': {
      const seedDemo = demoSeedWanted(values.demo, env.SEED_DEMO, config.nodeEnv);
      const databaseCreated = await ensureDatabaseExists(config.databaseUrl);
      const migrationsApplied = await migrateDatabase(config.databaseUrl);
      const generated = !env.DEMO_PASSWORD;
      const { seed, demoAdmin } = await withMigratedDataSource(config, async (dataSource) => {
        const result: SeedResult = seedDemo
          ? await new DemoSeeder(dataSource).seedIfEmpty(env.DEMO_PASSWORD || generateDemoPassword())
          : { seeded: false };
        const admin = result.seeded
          ? null
          : await dataSource.getRepository(UserEntity).findOne({ where: { email: DEMO_ADMIN_EMAIL } });
        return { seed: result, demoAdmin: admin };
      });
      if (values.json) {
        const demo = seed.seeded
          ? { agencyId: seed.agencyId, email: seed.email, password: seed.password, apiKey: seed.apiKey }
          : null;
        out(JSON.stringify({ databaseCreated, migrationsApplied, seeded: seed.seeded, demo }));
        return;
      }
      const url = `http://127.0.0.1:${config.port}`;
      // The production image has no dev dependencies (no tsc for `npm run cli`): name the built CLI there.
      const cli = config.nodeEnv === 'production' ? 'node dist/apps/api/cli/main.js' : 'npm run cli --';
      if (seed.seeded) {
        out(
          `Demo agency seeded. Sign in at ${url} with ${seed.email} / ${seed.password}${generated ? ' (random password, shown once; DEMO_PASSWORD sets one)' : ''}`,
        );
        out(`Admin API key (shown once): ${seed.apiKey}`);
      } else if (demoAdmin) {
        out(
          `Database ready. Sign in at ${url} as ${DEMO_ADMIN_EMAIL} with the password printed when it was seeded ` +
            `(another admin: ${cli} create-user --agency-id ${demoAdmin.agencyId} --email E --password P --role admin; new keys: ${cli} create-api-key)`,
        );
      } else if (!seedDemo) {
        out(
          `Database ready, no demo data (NODE_ENV=${config.nodeEnv}; SEED_DEMO=true or --demo seeds one). New agencies: ${cli} create-agency --name N --admin-email E --admin-password P`,
        );
      } else {
        out(`Database ready. Sign in at ${url} (new agencies: ${cli} create-agency; new keys: ${cli} create-api-key)`);
      }
      out(`API docs: ${url}/api/docs`);
      return;
    }
    case 'create-agency': {
      const result = await withDataSource(config, (dataSource) =>
        new AgencyProvisioner(dataSource).createAgency({
          name: required(values, 'name'),
          adminEmail: required(values, 'admin-email'),
          adminPassword: required(values, 'admin-password'),
          timezone: values.timezone,
        }),
      );
      out(JSON.stringify(result));
      return;
    }
    case 'create-user': {
      const user = await withDataSource(config, (dataSource) =>
        new AgencyProvisioner(dataSource).createUser({
          agencyId: required(values, 'agency-id'),
          email: required(values, 'email'),
          password: required(values, 'password'),
          role: role(values.role, 'viewer'),
          name: values.name,
        }),
      );
      out(JSON.stringify({ userId: user.id, agencyId: user.agencyId, role: user.role }));
      return;
    }
    case 'create-api-key': {
      const { apiKey, plaintext } = await withDataSource(config, (dataSource) =>
        new AgencyProvisioner(dataSource).createApiKey({
          agencyId: required(values, 'agency-id'),
          name: required(values, 'name'),
          role: role(values.role, 'admin'),
        }),
      );
      out(JSON.stringify({ apiKeyId: apiKey.id, agencyId: apiKey.agencyId, role: apiKey.role, apiKey: plaintext }));
      return;
    }
    case 'revoke-api-key': {
      const revoked = await withDataSource(config, (dataSource) =>
        new AgencyProvisioner(dataSource).revokeApiKey(required(values, 'agency-id'), required(values, 'api-key-id')),
      );
      out(JSON.stringify({ revoked }));
      return;
    }
    case 'rotate-keys': {
      const batchSize = values['batch-size'] === undefined ? DEFAULT_ROTATION_BATCH : Number(values['batch-size']);
      if (!Number.isInteger(batchSize) || batchSize < 1)
        throw new CliUsageError('--batch-size must be a positive integer');
      const report = await withDataSource(config, (dataSource) =>
        new KeyRotation(dataSource, SecretBox.fromConfig(config), batchSize).run(),
      );
      out(JSON.stringify(report));
      return;
    }
    default:
      throw new CliUsageError(command ? `Unknown command "${command}"` : 'No command given');
  }
}
