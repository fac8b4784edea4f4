import { parseArgs } from 'node:util';

export const CHAOS_USAGE = `Usage: node bench/chaos.mjs [options]   (after npm run build:server; npm run bench runs it after the workloads)

Chaos under load: an api and two workers from dist/, a private redis-server, the local Postgres (a fresh
database), local Slack and SMTP fakes; a steady event load while workers are SIGKILLed, Redis restarts
(once keeping its data, once flushed) and the workers' Postgres connections are terminated. Then it waits
until every event has its verdict and every run is terminal, and checks nothing was lost or duplicated.
Exit 0: nothing lost, no internal effect duplicated, every external send delivered at least once.

  --rate N                events per second (default 100; env CHAOS_RATE)
  --seconds N             load duration (default 120; env CHAOS_SECONDS)
  --workers N             worker processes kept running (default 2)
  --kill-every N          SIGKILL the oldest worker every N s and start a new one (default 10; 0 = never)
  --redis-restarts N      Redis restarts during the load (default 2: the 1st keeps its data, the 2nd is flushed;
                          with 1, the one restart is flushed)
  --pg-kills N            terminations of every worker Postgres connection (default 2)
  --faults LIST           an explicit timeline instead of the above, e.g. "5:worker-kill,10:pg-terminate,15:redis-restart-flushed"
                          (kinds: worker-kill, redis-restart, redis-restart-flushed, pg-terminate, pg-outage; seconds
                          into the load; faults run one after the other)
  --pg-outage-seconds N   length of a pg-outage fault: the database refuses new connections and the workers'
                          connections are terminated every 250 ms (default 40; not in the default timeline)
  --redis-down-seconds N  how long Redis stays down at each restart (default 3)
  --drain-seconds N       longest wait after the load for every verdict and terminal run (default 900)
  --stall-seconds N       give the wait up earlier when no event got its verdict and no run moved for N s (default 120)
  --lease-seconds N       RUN_LEASE_SECONDS given to the processes (default: the product's, 60)
  --retry-backoff-ms N    RETRY_BACKOFF_MS (default: the product's, 30000)
  --delay-seconds N       bring each delayed step's due time forward to N s after it started waiting
                          (a test clock: the product's smallest delay is one minute; default 0 = real delays)
  --worker-concurrency N  WORKER_CONCURRENCY (default: the product's)
  --smoke                 20 s at 10 events/s, one fault of each kind: 5 s worker kill, 10 s Postgres termination,
                          15 s flushed Redis restart (down 1 s); RUN_LEASE_SECONDS=5, RETRY_BACKOFF_MS=1000, --delay-seconds 3,
                          --drain-seconds 60 (apps/worker/test/chaos-smoke.e2e-spec.ts runs it in npm test)
  --keep                  keep the database (default: dropped)
  --out FILE              result JSON (default: bench/results/chaos-<ISO date>.json)`;

const FULL = {
  faults: null,
  rate: 100,
  seconds: 120,
  workers: 2,
  killEvery: 10,
  redisRestarts: 2,
  pgKills: 2,
  redisDownSeconds: 3,
  drainSeconds: 900,
  stallSeconds: 120,
  pgOutageSeconds: 40,
  leaseSeconds: null,
  retryBackoffMs: null,
  delaySeconds: 0,
  workerConcurrency: null,
};
const SMOKE = {
  ...FULL,
  rate: 10,
  seconds: 20,
  faults: '5:worker-kill,10:pg-terminate,15:redis-restart-flushed',
  redisDownSeconds: 1,
  drainSeconds: 60,
  stallSeconds: 60,
  leaseSeconds: 5,
  retryBackoffMs: 1000,
  delaySeconds: 3,
};

function nonNegativeInt(name, raw) {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

export function parseChaosOptions(argv, env = process.env) {
  const flags = [
    'rate',
    'seconds',
    'workers',
    'kill-every',
    'redis-restarts',
    'pg-kills',
    'redis-down-seconds',
    'drain-seconds',
    'stall-seconds',
    'pg-outage-seconds',
    'lease-seconds',
    'retry-backoff-ms',
    'delay-seconds',
    'worker-concurrency',
  ];
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      smoke: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      out: { type: 'string' },
      faults: { type: 'string' },
      ...Object.fromEntries(flags.map((flag) => [flag, { type: 'string' }])),
    },
  });
  if (values.help) return { help: true };
  const sizes = { ...(values.smoke ? SMOKE : FULL) };
  if (env.CHAOS_RATE && values.rate === undefined) values.rate = env.CHAOS_RATE;
  if (env.CHAOS_SECONDS && values.seconds === undefined) values.seconds = env.CHAOS_SECONDS;
  for (const flag of flags) {
    if (values[flag] === undefined) continue;
    const key = flag.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    sizes[key] = nonNegativeInt(flag, values[flag]);
  }
  if (values.faults !== undefined) sizes.faults = values.faults;
  if (sizes.faults !== null) parseFaults(sizes.faults);
  if (sizes.rate < 1 || sizes.seconds < 1) throw new Error('--rate and --seconds must be at least 1');
  if (sizes.workers < 1) throw new Error('--workers must be at least 1');
  if (sizes.delaySeconds >= 60) throw new Error('--delay-seconds must be below 60 (the delay is one minute)');
  return { help: false, smoke: values.smoke, keep: values.keep, out: values.out, ...sizes };
}

/**
 * The fault timeline: worker kills every `killEvery` s, and the Redis restarts and Postgres terminations spread
 * evenly over the load, alternating (Redis first), each at a multiple of 5 s between two kills when it can.
 */
export function faultPlan({ faults: explicit, seconds, killEvery, redisRestarts, pgKills }) {
  if (explicit) return parseFaults(explicit);
  const faults = [];
  if (killEvery > 0) for (let at = killEvery; at < seconds; at += killEvery) faults.push({ at, kind: 'worker-kill' });
  const others = [];
  for (let i = 0; i < Math.max(redisRestarts, pgKills); i += 1) {
    if (i < redisRestarts) others.push(redisRestarts === 1 || i % 2 === 1 ? 'redis-restart-flushed' : 'redis-restart');
    if (i < pgKills) others.push('pg-terminate');
  }
  others.forEach((kind, i) => {
    const even = (seconds * (i + 0.5)) / others.length;
    const snapped = Math.floor(even / 10) * 10 + 5;
    faults.push({ at: Math.min(Math.max(1, snapped), Math.max(1, seconds - 1)), kind });
  });
  return faults.sort((a, b) => a.at - b.at);
}

const FAULT_KINDS = ['worker-kill', 'redis-restart', 'redis-restart-flushed', 'pg-terminate', 'pg-outage'];

/** "5:worker-kill,10:pg-terminate" → [{ at: 5, kind: 'worker-kill' }, …], sorted. */
export function parseFaults(text) {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      const [at, kind] = item.split(':');
      if (!FAULT_KINDS.includes(kind) || !Number.isFinite(Number(at)) || Number(at) < 0)
        throw new Error(`--faults: "${item}" is not <seconds>:<${FAULT_KINDS.join('|')}>`);
      return { at: Number(at), kind };
    })
    .sort((a, b) => a.at - b.at);
}
