import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { USER_ROLES, UserRole } from '@automations/domain';
import { buildDataSourceOptions, ensureDatabaseExists, migrateDatabase, RuntimeConfig } from '@automations/persistence';
import { AgencyProvisioner } from '../modules/accounts/agency-provisioner';
import { DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, DemoSeeder } from './demo-seeder';

export class CliUsageError extends Error {}

type Output = (line: string) => void;

function required(values: Record<string, string | undefined>, name: string): string {
  const value = values[name];
  if (!value) throw new CliUsageError(`--${name} is required`);
  return value;
}

function role(value: string | undefined, fallback: UserRole): UserRole {
  const chosen = value ?? fallback;
  if (!(USER_ROLES as readonly string[]).includes(chosen)) throw new CliUsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
  return chosen as UserRole;
}

async function withDataSource<T>(config: RuntimeConfig, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  await ensureDatabaseExists(config.databaseUrl);
  await migrateDatabase(config.databaseUrl);
  const dataSource = new DataSource({ ...buildDataSourceOptions({ url: config.databaseUrl, poolSize: 2 }), logging: false });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export const CLI_USAGE = `Usage: npm run cli -- <command> [options]
  prepare                         create the database if missing, migrate, seed a demo agency when empty
  migrate                         create the database if missing and run pending migrations
  create-agency --name N --admin-email E --admin-password P [--timezone Z]
  create-user --agency-id A --email E --password P --role viewer|manager|admin [--name N]
  create-api-key --agency-id A --name N [--role viewer|manager|admin]
  revoke-api-key --agency-id A --api-key-id K`;

/** Each ops command prints exactly one JSON line on success (scripts parse it); `prepare` speaks to a human. */
export async function runCliCommand(argv: string[], config: RuntimeConfig, out: Output): Promise<void> {
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
      const result = await withDataSource(config, (dataSource) => new DemoSeeder(dataSource).seedIfEmpty());
      const url = `http://127.0.0.1:${config.port}`;
      if (result.seeded) {
        out(`Demo agency seeded. Sign in at ${url} with ${result.email} / ${result.password}`);
        out(`Admin API key (shown once): ${result.apiKey}`);
      } else {
        out(`Database ready. Sign in at ${url} (demo login ${DEMO_ADMIN_EMAIL} / ${DEMO_ADMIN_PASSWORD} unless changed; new keys: npm run cli -- create-api-key)`);
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
        new AgencyProvisioner(dataSource).createApiKey({ agencyId: required(values, 'agency-id'), name: required(values, 'name'), role: role(values.role, 'admin') }),
      );
      out(JSON.stringify({ apiKeyId: apiKey.id, agencyId: apiKey.agencyId, role: apiKey.role, apiKey: plaintext }));
      return;
    }
    case 'revoke-api-key': {
      const revoked = await withDataSource(config, (dataSource) => new AgencyProvisioner(dataSource).revokeApiKey(required(values, 'agency-id'), required(values, 'api-key-id')));
      out(JSON.stringify({ revoked }));
      return;
    }
    default:
      throw new CliUsageError(command ? `Unknown command "${command}"` : 'No command given');
  }
}
