import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestStack } from './test-stack';

const WORKER_MAIN = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'worker', 'main.js');

/** The built worker in its own process (so a test can SIGKILL it), on the stack's database and queues, with a 2 s lease. */
export function startWorkerProcess(stack: TestStack, env: Record<string, string> = {}): Promise<ChildProcess> {
  if (!existsSync(WORKER_MAIN))
    throw new Error(`No worker build at ${WORKER_MAIN}: run npm run build:server first (npm test does)`);
  const { config } = stack.api;
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      RUN_LEASE_SECONDS: '2',
      DB_POOL_SIZE: '5',
      WORKER_CONCURRENCY: '4',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Engine started')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited early (${code}): ${output}`)));
  });
}
