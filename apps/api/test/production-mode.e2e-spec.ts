import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { Client } from 'pg';
import { createTestQueuePrefix, eventually } from '@automations/testing';
import { environmentOf, loadCompose, REPO_ROOT } from './support/compose-file';

/**
 * The built processes (`npm run build:server` first) with docker-compose.yml's environment — production mode,
 * strong secrets, every tuning variable empty — against local Postgres and Redis, on a fresh database and a fresh
 * QUEUE_PREFIX: what `docker compose up` would run, without Docker.
 */
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();

/** `command` is a compose command (`["node", "dist/…"]`): run with this Node, from the repository root. */
function start(command: string[], env: Record<string, string>): Started {
  const [program, ...args] = command;
  if (program !== 'node') throw new Error(`unexpected compose command ${command.join(' ')}`);
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

async function finish(started: Started, timeoutMs = 30_000): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`process did not exit within ${timeoutMs} ms:\n${started.output()}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([started.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM, then the exit: 0, or the signal itself once Nest's shutdown hooks are done (it re-raises it). */
async function stop(started: Started): Promise<number | NodeJS.Signals | null> {
  if (started.child.exitCode === null && started.child.signalCode === null) {
    started.child.kill('SIGTERM');
    await finish(started, 60_000);
  }
  return started.child.exitCode ?? started.child.signalCode;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('production mode with the compose environment (built api, worker and CLI)', () => {
  const compose = loadCompose();
  const databaseName = `automations_test_prod_${process.pid}_${randomBytes(3).toString('hex')}`;
  const queuePrefix = createTestQueuePrefix();
  const dir = mkdtempSync(join(tmpdir(), 'prod-mode-'));
  const livenessFile = join(dir, 'worker-alive');
  const secret = () => randomBytes(48).toString('base64');
  let port: number;

  /** What compose hands `service`, with the hosts of its network replaced by the local Postgres and Redis. */
  function envFor(service: string, shell: Record<string, string> = {}): Record<string, string> {
    const env = environmentOf(compose.services[service], {
      POSTGRES_PASSWORD: randomBytes(12).toString('hex'),
      JWT_SECRET: secret(),
      ENCRYPTION_KEY: secret(),
      WORKER_LIVENESS_FILE: livenessFile,
      WORKER_LIVENESS_SECONDS: '1',
      ...shell,
    });
    const database = new URL(ADMIN_URL);
    database.pathname = `/${databaseName}`;
    return {
      ...env,
      DATABASE_URL: database.toString(),
      REDIS_URL,
      QUEUE_PREFIX: queuePrefix,
      ...(env.PORT ? { PORT: String(port) } : {}),
      DB_POOL_SIZE: '4',
    };
  }

  beforeAll(async () => {
    for (const script of [
      'dist/apps/api/main.js',
      'dist/apps/worker/main.js',
      'dist/apps/api/cli/main.js',
      'dist/apps/worker/healthcheck.js',
    ]) {
      if (!existsSync(join(REPO_ROOT, script))) throw new Error(`${script} is missing: run npm run build:server first`);
    }
    port = await freePort();
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${queuePrefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
    } finally {
      redis.disconnect();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepare (compose migrate) creates and migrates the database and seeds nothing; api and worker come up healthy', async () => {
    const env = envFor('api');
    expect(env).toMatchObject({ NODE_ENV: 'production', SEED_DEMO: '', DEMO_PASSWORD: '', WORKER_CONCURRENCY: '' });

    const prepare = start(compose.services.migrate.command ?? [], envFor('migrate'));
    expect(await finish(prepare)).toBe(0);
    expect(prepare.output()).toContain('no demo data (NODE_ENV=production');
    expect(prepare.output()).not.toMatch(/ak_|Sign in at .* with/);
    const database = new Client({ connectionString: env.DATABASE_URL });
    await database.connect();
    try {
      const { rows } = await database.query(
        'SELECT (SELECT count(*) FROM agencies)::int AS agencies, (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM api_keys)::int AS keys',
      );
      expect(rows[0]).toEqual({ agencies: 0, users: 0, keys: 0 });
    } finally {
      await database.end();
    }

    const api = start(compose.services.api.command ?? [], env);
    const worker = start(compose.services.worker.command ?? [], envFor('worker'));
    try {
      await eventually(
        async () => {
          if (api.child.exitCode !== null) throw new Error(`api exited ${api.child.exitCode}:\n${api.output()}`);
          const response = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null);
          return response?.ok ? response.json() : undefined;
        },
        { timeoutMs: 45_000, intervalMs: 200, what: 'the api ready' },
      ).then((body) => expect(body).toMatchObject({ status: 'ok' }));
      // Production logs are JSON lines.
      expect(
        api
          .output()
          .split('\n')
          .find((line) => line.trim()),
      ).toMatch(/^\{.*"level":/);

      // The worker's liveness file appears and is rewritten (every second here): the compose healthcheck passes.
      const firstBeat = await eventually(
        async () => {
          if (worker.child.exitCode !== null)
            throw new Error(`worker exited ${worker.child.exitCode}:\n${worker.output()}`);
          return existsSync(livenessFile) ? statSync(livenessFile).mtimeMs : undefined;
        },
        { timeoutMs: 45_000, intervalMs: 200, what: 'the worker liveness file' },
      );
      await eventually(async () => (statSync(livenessFile).mtimeMs > firstBeat ? true : undefined), {
        timeoutMs: 10_000,
        intervalMs: 100,
        what: 'the liveness file refreshed',
      });
      const healthcheck = start(compose.services.worker.healthcheck?.test.slice(1) ?? [], envFor('worker'));
      expect(await finish(healthcheck)).toBe(0);
      expect(healthcheck.output()).toContain('alive');

      // A stopping worker is not alive: its file goes, and the healthcheck fails.
      expect([0, 'SIGTERM']).toContain(await stop(worker));
      expect(existsSync(livenessFile)).toBe(false);
      const afterStop = start(compose.services.worker.healthcheck?.test.slice(1) ?? [], envFor('worker'));
      expect(await finish(afterStop)).toBe(1);
    } finally {
      await stop(worker);
      await stop(api);
    }
  }, 180_000);

  it.each<[string, Record<string, string>, string]>([
    ['api', { JWT_SECRET: 'short-jwt-secret' }, 'JWT_SECRET is 16 bytes'],
    [
      'api',
      { ENCRYPTION_KEY: 'dev-only-encryption-key-change-me' },
      'ENCRYPTION_KEY is the published development value',
    ],
    ['worker', { JWT_SECRET: 'short-jwt-secret' }, 'JWT_SECRET is 16 bytes'],
    ['migrate', { JWT_SECRET: 'short-jwt-secret' }, 'JWT_SECRET is 16 bytes'],
  ])(
    '%s refuses to start with %j, exiting non-zero and naming the variable',
    async (service, shell, message) => {
      const started = start(compose.services[service].command ?? [], envFor(service, shell));
      const code = await finish(started);
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(started.output()).toContain(message);
      expect(started.output()).not.toContain('short-jwt-secret');
    },
    60_000,
  );
});
