import os from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from './stack.mjs';

export const WORKLOADS = ['W1', 'W2', 'W3', 'W4'];
export const PEERS = ['n8n'];

export const USAGE = `Usage: node bench/run.mjs [options]   (npm run bench builds first)

  --smoke                 tiny sizes (harness check, finishes in well under a minute)
  --only W1,W4            workloads to run (default: W1,W2,W3,W4)
  --keep                  keep the databases and Redis keys (default: dropped at the end)
  --out FILE              result JSON (default: bench/results/<ISO date>.json)
  --strict                exit 4 when a target is missed, 5 when --peer was given and the peer is missing
                          (default: exit 0, the table says it)
  --peer n8n              right after W1, run the same W1 burst on n8n 1.82.3 (installed on first use, ~5 min,
                          ~1.3 GB; own Postgres on 127.0.0.1:55433) and print both side by side with the ratio
  --peer-dir DIR          the peer's scratch folder, outside the repository
                          (default: $BENCH_PEER_DIR or <tmpdir>/automations-bench-peer/<peer>)

  sizes (defaults: full / --smoke)
  --clients N             clients of the agency (1000 / 20); every 4th is red
  --workflows N           active workflows, exactly one matching (100 / 5)
  --concurrency N         REST requests in flight for bursts (50 / 10)
  --rates 100,200,...     W1-paced offered rates per second (100,200,400,800 / 20)
  --paced-seconds N       seconds per offered rate (10 / 2)
  --all-rates             also run the rates above one the system could not keep up with (skipped by default)
  --w2-size N             waiting runs in W2, half delays, half approvals (10000 / 100)
  --w2-delay-minutes N    delay of W2's waiting runs (60, so all of them wait at once)
  --w2-lateness N         runs in W2's delayed-step lateness set (200 / 10)
  --w3-workflows N        workflows in W3's agency (10000 / 200)
  --w3-events N           events per W3 phase (2000 / 40)
  --w4-batches N          W4 batches (20 / 2)
  --w4-batch-size N       events per batch, at most 500 (500 / 50)
  --w4-single N           W4 single-event requests (5000 / 40)
  --warmup N              unmeasured events before each workload's first phase (200 / 10)
  --settle-seconds N      wait before each Postgres counter snapshot (11 / 0; PG 15 flushes idle backends' counters within 10 s)
  --deadline-seconds N    longest wait for a phase's runs to finish (600 / 60)
  --stall-seconds N       give a phase up when no event or run moved for this long (60 / 30);
                          the workload's later phases are then skipped and the exit code is 3

  engine settings passed to the processes (defaults: the product's)
  --worker-concurrency N  WORKER_CONCURRENCY
  --db-pool-size N        DB_POOL_SIZE

  env: BENCH_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres), REDIS_URL,
       BENCH_CPU_PROF_DIR (write a V8 --cpu-prof profile of the api and worker there, one folder each),
       BENCH_PEER_DIR (see --peer-dir), BENCH_PEER_SCRIPTS (the n8n peer's scripts, default /work/shared/peer/n8n)`;

const FULL = {
  clients: 1000,
  workflows: 100,
  concurrency: 50,
  rates: [100, 200, 400, 800],
  pacedSeconds: 10,
  w2Size: 10_000,
  w2DelayMinutes: 60,
  w2Lateness: 200,
  w3Workflows: 10_000,
  w3Events: 2000,
  w4Batches: 20,
  w4BatchSize: 500,
  w4BatchConcurrency: 2,
  w4Single: 5000,
  warmupEvents: 200,
  deadlineSeconds: 600,
  stallSeconds: 60,
  // pg_stat_database is flushed by idle backends after up to 10 s (PG 15): wait that long around a measured window.
  statsSettleMs: 11_000,
};

const SMOKE = {
  ...FULL,
  clients: 20,
  workflows: 5,
  concurrency: 10,
  rates: [20],
  pacedSeconds: 2,
  w2Size: 100,
  w2Lateness: 10,
  w3Workflows: 200,
  w3Events: 40,
  w4Batches: 2,
  w4BatchSize: 50,
  w4Single: 20,
  warmupEvents: 10,
  deadlineSeconds: 60,
  stallSeconds: 30,
  statsSettleMs: 0,
};

function positiveInt(name, raw) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** Parses the command line into the options every workload reads. */
export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      out: { type: 'string' },
      strict: { type: 'boolean', default: false },
      peer: { type: 'string' },
      'peer-dir': { type: 'string' },
      'all-rates': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      clients: { type: 'string' },
      workflows: { type: 'string' },
      concurrency: { type: 'string' },
      rates: { type: 'string' },
      'paced-seconds': { type: 'string' },
      'w2-size': { type: 'string' },
      'w2-delay-minutes': { type: 'string' },
      'w2-lateness': { type: 'string' },
      'w3-workflows': { type: 'string' },
      'w3-events': { type: 'string' },
      'w4-batches': { type: 'string' },
      'w4-batch-size': { type: 'string' },
      'w4-single': { type: 'string' },
      'deadline-seconds': { type: 'string' },
      'stall-seconds': { type: 'string' },
      warmup: { type: 'string' },
      'settle-seconds': { type: 'string' },
      'worker-concurrency': { type: 'string' },
      'db-pool-size': { type: 'string' },
    },
  });
  if (values.help) return { help: true };
  const sizes = { ...(values.smoke ? SMOKE : FULL) };
  const numeric = {
    clients: 'clients',
    workflows: 'workflows',
    concurrency: 'concurrency',
    'paced-seconds': 'pacedSeconds',
    'w2-size': 'w2Size',
    'w2-delay-minutes': 'w2DelayMinutes',
    'w2-lateness': 'w2Lateness',
    'w3-workflows': 'w3Workflows',
    'w3-events': 'w3Events',
    'w4-batches': 'w4Batches',
    'w4-batch-size': 'w4BatchSize',
    'w4-single': 'w4Single',
    'deadline-seconds': 'deadlineSeconds',
    'stall-seconds': 'stallSeconds',
    warmup: 'warmupEvents',
  };
  for (const [flag, key] of Object.entries(numeric))
    if (values[flag] !== undefined) sizes[key] = positiveInt(flag, values[flag]);
  if (values['settle-seconds'] !== undefined) sizes.statsSettleMs = Number(values['settle-seconds']) * 1000;
  if (!Number.isFinite(sizes.statsSettleMs) || sizes.statsSettleMs < 0)
    throw new Error('--settle-seconds must be a non-negative number');
  if (values.rates !== undefined)
    sizes.rates = values.rates.split(',').map((rate) => positiveInt('rates', rate.trim()));
  if (sizes.w4BatchSize > 500) throw new Error('--w4-batch-size is at most 500 (the API limit)');
  if (sizes.w2DelayMinutes > 1440) throw new Error('--w2-delay-minutes is at most 1440');
  if (sizes.workflows < 1) throw new Error('--workflows must be at least 1');
  if (sizes.w3Workflows < sizes.workflows) throw new Error('--w3-workflows must be at least --workflows');
  if (sizes.clients < 4) throw new Error('--clients must be at least 4');

  const only = (values.only ?? WORKLOADS.join(','))
    .split(',')
    .map((name) => name.trim().toUpperCase())
    .filter(Boolean);
  for (const name of only)
    if (!WORKLOADS.includes(name))
      throw new Error(`--only: unknown workload "${name}" (one of ${WORKLOADS.join(', ')})`);

  let peer = null;
  if (values.peer !== undefined) {
    const name = values.peer.trim().toLowerCase();
    if (!PEERS.includes(name)) throw new Error(`--peer: unknown peer "${values.peer}" (one of ${PEERS.join(', ')})`);
    if (!only.includes('W1')) throw new Error('--peer compares W1: add W1 to --only');
    const dir = resolve(
      values['peer-dir'] ?? process.env.BENCH_PEER_DIR ?? join(os.tmpdir(), 'automations-bench-peer', name),
    );
    const inRepo = relative(ROOT, dir);
    if (!inRepo || !(inRepo === '..' || inRepo.startsWith(`..${sep}`) || isAbsolute(inRepo)))
      throw new Error(`--peer-dir must be outside the repository (${ROOT}), got ${dir}`);
    peer = { name, dir };
  } else if (values['peer-dir'] !== undefined) throw new Error('--peer-dir needs --peer');

  const engineEnv = {};
  if (values['worker-concurrency'] !== undefined)
    engineEnv.WORKER_CONCURRENCY = String(positiveInt('worker-concurrency', values['worker-concurrency']));
  if (values['db-pool-size'] !== undefined)
    engineEnv.DB_POOL_SIZE = String(positiveInt('db-pool-size', values['db-pool-size']));

  return {
    help: false,
    smoke: values.smoke,
    only,
    keep: values.keep,
    out: values.out,
    strict: values.strict,
    allRates: values['all-rates'],
    peer,
    sizes,
    engineEnv,
  };
}
