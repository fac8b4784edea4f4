import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuntimeConfig } from '@automations/persistence';
import {
  environmentOf,
  interpolate,
  loadCompose,
  networksOf,
  readmeConfigVariables,
  REPO_ROOT,
} from './support/compose-file';

/** Invariants of docker-compose.yml (production defaults, issue 11), read with the `yaml` parser. */
describe('docker-compose.yml', () => {
  const compose = loadCompose();
  const { services } = compose;
  const APP_SERVICES = ['api', 'worker'];
  const SHELL = { POSTGRES_PASSWORD: 'pg-secret', JWT_SECRET: 'j'.repeat(48), ENCRYPTION_KEY: 'k'.repeat(48) };

  it('has the services of npm start', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker']);
  });

  it('holds no literal password or secret: each comes from the environment, required where the app needs it', () => {
    expect(services.postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?.+\}$/);
    for (const [name, service] of Object.entries(services)) {
      for (const [key, raw] of Object.entries(service.environment ?? {})) {
        const value = String(raw ?? '');
        if (/PASSWORD|SECRET|_KEY$|KEY_/.test(key)) {
          expect({ service: name, key, value }).toEqual({
            service: name,
            key,
            value: expect.stringMatching(new RegExp(`^\\$\\{${key}(:[-?].*)?\\}$`)),
          });
        }
        // Credentials inside URLs are interpolated too (no postgres:postgres@).
        const credentials = /:\/\/[^/:@]*:([^@]*)@/.exec(value);
        if (credentials)
          expect({ service: name, key, password: credentials[1] }).toEqual({
            service: name,
            key,
            password: expect.stringMatching(/^\$\{[A-Z_]+(:[-?][^}]*)?\}$/),
          });
      }
    }
    expect(JSON.stringify(compose)).not.toMatch(/postgres:postgres@|demo-password/);
    for (const required of ['JWT_SECRET', 'ENCRYPTION_KEY']) {
      for (const name of APP_SERVICES)
        expect(String(services[name].environment?.[required])).toMatch(new RegExp(`^\\$\\{${required}:\\?`));
    }
  });

  it('refuses to interpolate without POSTGRES_PASSWORD, JWT_SECRET or ENCRYPTION_KEY', () => {
    for (const missing of Object.keys(SHELL)) {
      expect(() => environmentOf(services.api, { ...SHELL, [missing]: '' })).toThrow(missing);
    }
    expect(environmentOf(services.api, SHELL).DATABASE_URL).toBe(
      'postgres://postgres:pg-secret@postgres:5432/automations',
    );
  });

  it('declares how api, worker and migrate are built: one image from the Dockerfile', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      expect(services[name].build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
      expect(services[name].image).toBe('automations:latest');
    }
    const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/RUN npm run build/);
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    // Every command and healthcheck script of the compose file is a compiled source of this repository.
    const scripts = Object.values(services)
      .flatMap((service) => [...(service.command ?? []), ...(service.healthcheck?.test ?? [])])
      .filter((part) => /^dist\/apps\/.+\.js$/.test(part));
    expect(scripts.sort()).toEqual([
      'dist/apps/api/cli/main.js',
      'dist/apps/api/main.js',
      'dist/apps/worker/healthcheck.js',
      'dist/apps/worker/main.js',
    ]);
    for (const script of scripts) {
      const source = script.replace(/^dist\/apps\/(\w+)\//, 'apps/$1/src/').replace(/\.js$/, '.ts');
      expect(existsSync(join(REPO_ROOT, source))).toBe(true);
    }
  });

  it('gives the worker a healthcheck on its liveness file, and the api one on /health/ready', () => {
    expect(services.worker.healthcheck?.test).toEqual(['CMD', 'node', 'dist/apps/worker/healthcheck.js']);
    expect(services.worker.healthcheck).toMatchObject({
      interval: expect.any(String),
      timeout: expect.any(String),
      retries: expect.any(Number),
    });
    expect(services.api.healthcheck?.test.join(' ')).toContain('/health/ready');
  });

  it('passes every variable of the README configuration table through to the api and the worker (empty = default)', () => {
    const variables = readmeConfigVariables();
    expect(variables).toEqual(
      expect.arrayContaining([
        'DATABASE_URL',
        'JWT_SECRET',
        'WORKER_CONCURRENCY',
        'API_RATE_LIMIT_PER_MINUTE',
        'SEED_DEMO',
        'WORKER_LIVENESS_SECONDS',
      ]),
    );
    // Fixed by the compose file itself: the container port, the production mode and the addresses of its own services.
    const FIXED: Record<string, string> = { NODE_ENV: 'production', PORT: '3000', REDIS_URL: 'redis://redis:6379' };
    for (const name of [...APP_SERVICES, 'migrate']) {
      const environment = services[name].environment ?? {};
      for (const variable of variables) {
        if (variable === 'PORT' && name !== 'api') continue;
        expect({ service: name, variable, present: variable in environment }).toEqual({
          service: name,
          variable,
          present: true,
        });
        const value = String(environment[variable]);
        if (variable in FIXED) expect(value).toBe(FIXED[variable]);
        else
          expect({ service: name, variable, value }).toEqual({
            service: name,
            variable,
            value: expect.stringContaining(`\${${variable === 'DATABASE_URL' ? 'POSTGRES_PASSWORD' : variable}:`),
          });
      }
    }
  });

  it('runs with the defaults when the tuning variables are left unset (empty strings)', () => {
    const config = loadRuntimeConfig(environmentOf(services.worker, SHELL));
    const defaults = loadRuntimeConfig({ NODE_ENV: 'production', ...SHELL });
    expect({ ...config, databaseUrl: undefined, redisUrl: undefined }).toEqual({
      ...defaults,
      databaseUrl: undefined,
      redisUrl: undefined,
    });
    expect(interpolate('${WORKER_CONCURRENCY:-}', { WORKER_CONCURRENCY: '8' })).toBe('8');
    expect(
      loadRuntimeConfig(environmentOf(services.worker, { ...SHELL, WORKER_CONCURRENCY: '8' })).workerConcurrency,
    ).toBe(8);
  });

  it('keeps postgres and redis on an internal network without published ports; api and worker reach out through edge', () => {
    const internal = Object.entries(compose.networks ?? {})
      .filter(([, network]) => network?.internal === true)
      .map(([name]) => name);
    expect(internal).toEqual(['backend']);
    for (const name of ['postgres', 'redis', 'migrate']) {
      expect(services[name].ports).toBeUndefined();
      expect(networksOf(services[name])).toEqual(['backend']);
    }
    for (const name of APP_SERVICES) expect(networksOf(services[name]).sort()).toEqual(['backend', 'edge']);
    expect(services.worker.ports).toBeUndefined();
    expect(services.api.ports).toEqual(['3000:3000']);
  });

  it('restarts api, worker and the data stores unless stopped; migrate runs once', () => {
    for (const name of [...APP_SERVICES, 'postgres', 'redis'])
      expect({ name, restart: services[name].restart }).toEqual({ name, restart: 'unless-stopped' });
    expect(services.migrate.restart).toBe('no');
    expect(services.migrate.command).toEqual(['node', 'dist/apps/api/cli/main.js', 'prepare']);
    for (const name of APP_SERVICES)
      expect(services[name].depends_on?.migrate).toEqual({ condition: 'service_completed_successfully' });
  });
});
