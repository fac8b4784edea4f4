import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import Redis from 'ioredis';
import { ApiClient, waitForHttp } from './http.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = {
  api: join(ROOT, 'dist', 'apps', 'api', 'main.js'),
  worker: join(ROOT, 'dist', 'apps', 'worker', 'main.js'),
  cli: join(ROOT, 'dist', 'apps', 'api', 'cli', 'main.js'),
};
export const ADMIN_URL =
  process.env.BENCH_DATABASE_ADMIN_URL ||
  process.env.TEST_DATABASE_ADMIN_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

/** Settings the bench gives the processes on top of the product defaults, with the reason for each. */
export const BENCH_ENV = {
  NODE_ENV: 'production',
  DEDUPE_WINDOW_SECONDS: '0',
  LOOP_MAX_RUNS_PER_HOUR: '0',
  API_RATE_LIMIT_PER_MINUTE: '0',
};
export const BENCH_ENV_REASONS = {
  NODE_ENV: 'production logging and settings (JWT_SECRET / ENCRYPTION_KEY set to bench values)',
  DEDUPE_WINDOW_SECONDS:
    'W1 sends two events per client: with the default 60 s window the second would be deduplicated',
  API_RATE_LIMIT_PER_MINUTE:
    "0 disables the REST limiter (default 1200 requests per minute per credential, i.e. 20/s for the bench's one API key): the figures are about ingest and the engine, not the limiter; 429s are still counted per phase",
  LOOP_MAX_RUNS_PER_HOUR:
    '0 disables the per-(workflow, client) hourly rate rule: paced phases send more than 20 events per client within an hour; the rule is still evaluated (same queries), it just never trips',
};

export function assertBuilt() {
  for (const [name, file] of Object.entries(DIST)) {
    if (!existsSync(file))
      throw new Error(`No ${name} build at ${file}: run npm run build:server first (npm run bench does)`);
  }
}

export function stampNow() {
  const iso = new Date().toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  return `${iso}_${randomBytes(2).toString('hex')}`.toLowerCase();
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

export function databaseUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin(work) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** Runs an ops CLI command and parses the JSON line it prints. */
export function cli(args, env) {
  return new Promise((resolveRun, reject) => {
    execFile(process.execPath, [DIST.cli, ...args], { env, cwd: ROOT, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`cli ${args[0]} failed: ${error.message}\n${stderr}`));
      const line = stdout.trim().split('\n').filter(Boolean).pop() ?? '';
      try {
        resolveRun(JSON.parse(line));
      } catch {
        reject(new Error(`cli ${args[0]} printed no JSON line: ${stdout}\n${stderr}`));
      }
    });
  });
}

/** Deletes every Redis key under `prefix:` (SCAN + UNLINK). */
export async function deleteRedisPrefix(redis, prefix) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

/** Sum of MEMORY USAGE of every key under `prefix:`, and the key count. */
export async function redisPrefixMemory(redis, prefix) {
  let cursor = '0';
  let bytes = 0;
  let keys = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (batch.length) {
      const pipeline = redis.pipeline();
      for (const key of batch) pipeline.memory('USAGE', key, 'SAMPLES', '0');
      for (const [error, value] of await pipeline.exec())
        if (!error && Number.isFinite(Number(value))) bytes += Number(value);
      keys += batch.length;
    }
  } while (cursor !== '0');
  return { bytes, keys };
}

export function parseRedisInfo(text) {
  const info = {};
  for (const line of text.split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) info[line.slice(0, at)] = line.slice(at + 1);
  }
  return info;
}

/**
 * One workload's system under test: a fresh database `automations_bench_<workload>_<stamp>` (created,
 * migrated and given an agency through the ops CLI), a unique QUEUE_PREFIX, and real api and worker
 * processes from dist/ on a free port. `close()` stops them and drops the database and the Redis keys
 * (unless `keep`).
 */
export async function startStack({ workload, stamp, engineEnv = {}, keep = false, log = () => undefined }) {
  assertBuilt();
  const suffix = `${workload.toLowerCase()}_${stamp}`;
  const dbName = `automations_bench_${suffix}`;
  const prefix = `bench_${suffix}`;
  const port = await freePort();
  const logDir = join(os.tmpdir(), 'automations-bench', stamp);
  mkdirSync(logDir, { recursive: true });

  const env = {
    ...process.env,
    ...BENCH_ENV,
    JWT_SECRET: `bench-${randomBytes(16).toString('hex')}`,
    ENCRYPTION_KEY: `bench-${randomBytes(16).toString('hex')}`,
    DATABASE_URL: databaseUrl(dbName),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    ...engineEnv,
  };
  delete env.WEB_DIST_DIR;

  const children = [];
  const resources = { dbName, prefix, children, closing: null };
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false });
  let db = null;
  let client = null;

  const close = async () => {
    if (resources.closing) return resources.closing;
    resources.closing = (async () => {
      client?.close();
      await Promise.all(children.map((child) => stopChild(child)));
      if (db) await db.end().catch(() => undefined);
      if (!keep) {
        await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`)).catch((error) =>
          log(`drop ${dbName}: ${error.message}`),
        );
        await deleteRedisPrefix(redis, prefix).catch((error) => log(`redis cleanup ${prefix}: ${error.message}`));
      } else {
        log(`kept database ${dbName} and Redis prefix ${prefix}`);
      }
      redis.disconnect();
      activeStacks.delete(resources);
    })();
    return resources.closing;
  };
  resources.closeNow = close;
  activeStacks.add(resources);
  resources.kill = () =>
    children.forEach((child) => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));

  const startedAt = Date.now();
  try {
    await withAdmin((admin) => admin.query(`CREATE DATABASE "${dbName}"`));
    // create-agency migrates the new database first (as every CLI command does).
    const agency = await cli(
      [
        'create-agency',
        '--name',
        `Bench ${workload}`,
        '--admin-email',
        `bench-${suffix}@bench.test`,
        '--admin-password',
        `bench-${randomBytes(8).toString('hex')}`,
      ],
      env,
    );

    db = new pg.Client({ connectionString: env.DATABASE_URL, application_name: 'bench-harness' });
    db.on('error', (error) => log(`harness connection: ${error.message}`));
    await db.connect();
    const counted = countQueries(db);

    const api = spawnProcess('api', DIST.api, env, logDir, workload);
    const worker = spawnProcess('worker', DIST.worker, env, logDir, workload);
    children.push(api, worker);
    client = new ApiClient(`http://127.0.0.1:${port}`, agency.apiKey);
    await waitForHttp(client, '/health/ready', 60_000, () => api.exitCode === null);
    await waitForLog(worker, 'Engine started', 60_000);
    log(
      `${workload}: ready in ${Date.now() - startedAt} ms; api pid ${api.pid} on :${port}, worker pid ${worker.pid}, database ${dbName}, prefix ${prefix}`,
    );

    return {
      workload,
      dbName,
      prefix,
      port,
      env,
      agency,
      api: client,
      db: counted,
      redis,
      pids: { api: api.pid, worker: worker.pid },
      children,
      logDir,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Wraps a pg.Client so the harness knows how many statements it ran itself (subtracted from commit counts). */
function countQueries(client) {
  const wrapper = {
    statements: 0,
    query(...args) {
      wrapper.statements += 1;
      return client.query(...args);
    },
    end: () => client.end(),
  };
  return wrapper;
}

export function spawnProcess(name, file, env, logDir, workload) {
  const logFile = join(logDir, `${workload.toLowerCase()}-${name}.log`);
  const fd = openSync(logFile, 'a');
  // BENCH_CPU_PROF_DIR=dir writes a V8 CPU profile of each process there when it exits (see bench/README or --help).
  const profile = process.env.BENCH_CPU_PROF_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF_DIR, name)}`]
    : [];
  const child = spawn(process.execPath, [...profile, file], { env, cwd: ROOT, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.logFile = logFile;
  child.benchName = name;
  child.on('exit', (code, signal) => (child.exitInfo = { code, signal }));
  return child;
}

export async function waitForLog(child, text, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${child.benchName} exited (${child.exitCode}) before "${text}": see ${child.logFile}`);
    if (readFileSync(child.logFile, 'utf8').includes(text)) return;
    await sleep(100);
  }
  throw new Error(`${child.benchName} did not log "${text}" within ${timeoutMs} ms: see ${child.logFile}`);
}

export async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  child.kill('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
  if (timedOut) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Stacks not yet fully closed: whatever way the bench ends, their processes do not outlive it. */
export const activeStacks = new Set();
process.on('exit', () => {
  for (const stack of activeStacks) stack.kill();
});
