/**
 * The n8n peer (issue 15): the same W1 work run on n8n 1.82.3 with its own private Postgres, measured by
 * the peer's own scripts (PEER_SCRIPTS, read-only) in a scratch folder outside the repository. Installs n8n
 * there when missing, starts Postgres and n8n, imports the workflow, runs a warm-up and the measured run,
 * reads the loadgen JSON, and always stops n8n and Postgres again (by pid).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const N8N_VERSION = '1.82.3';
export const PEER_SCRIPTS = process.env.BENCH_PEER_SCRIPTS || '/work/shared/peer/n8n';
const PG_PORT = 55433;
const N8N_PORT = 5679;
const INSTALL_TIMEOUT_MS = 30 * 60_000;

/** Stops for a peer run in progress, so an interrupted harness leaves nothing running. */
export const activePeers = new Set();

/**
 * Runs the peer's W1: `events` events at `concurrency` after `warmupEvents` unmeasured ones.
 * Resolves with the peer section of the results JSON; rejects when the peer could not be measured.
 */
export async function runN8nPeer({ scratchDir, events, concurrency, warmupEvents, log }) {
  const dirs = {
    peer: join(scratchDir, 'install'),
    pgdata: join(scratchDir, 'pgdata'),
    results: join(scratchDir, 'results'),
  };
  const logFile = join(scratchDir, 'peer.log');
  mkdirSync(scratchDir, { recursive: true });
  writeFileSync(logFile, `n8n peer run ${new Date().toISOString()}\n`);
  const env = {
    ...withoutNpmConfig(process.env),
    PEER_DIR: dirs.peer,
    PGDATA_DIR: dirs.pgdata,
    RESULTS_DIR: dirs.results,
  };
  const run = (command, args, { cwd = PEER_SCRIPTS, timeoutMs = 20 * 60_000 } = {}) =>
    runLogged(command, args, { cwd, env, logFile, timeoutMs });
  const script = (name, ...args) => run('bash', [join(PEER_SCRIPTS, name), ...args]);
  const psql = (...args) => run('psql', ['-h', '127.0.0.1', '-p', String(PG_PORT), '-U', 'postgres', '-q', ...args]);

  if (!existsSync(join(PEER_SCRIPTS, 'run-w1.sh')))
    throw new Error(`the peer's scripts are not at ${PEER_SCRIPTS} (set BENCH_PEER_SCRIPTS)`);
  for (const port of [PG_PORT, N8N_PORT])
    if (await portInUse(port))
      throw new Error(`127.0.0.1:${port} is already in use (another peer run, or a leftover n8n / Postgres?)`);

  await install(dirs.peer, run, log, logFile);

  const started = { n8nPid: null, pg: false };
  const stop = async () => {
    activePeers.delete(stop);
    if (started.n8nPid) {
      await script('n8n-stop.sh').catch((error) => log(`n8n peer: n8n-stop.sh failed: ${error.message}`));
      await killByPid(started.n8nPid, 'n8n', log);
      started.n8nPid = null;
    }
    if (started.pg) {
      const postmasterPid = readPid(join(dirs.pgdata, 'postmaster.pid'));
      await script('pg-stop.sh').catch((error) => log(`n8n peer: pg-stop.sh failed: ${error.message}`));
      // pg_ctl stop -m fast is SIGINT to the postmaster; if it did not work, send it ourselves.
      if (postmasterPid) await killByPid(postmasterPid, 'peer Postgres', log, 'SIGINT');
      started.pg = false;
    }
  };
  activePeers.add(stop);
  try {
    log(`n8n peer: starting its private Postgres on 127.0.0.1:${PG_PORT} (data in ${dirs.pgdata})`);
    rmSync(dirs.pgdata, { recursive: true, force: true }); // a fresh cluster each run: no state carried over
    started.pg = true;
    await script('pg-start.sh');
    await psql('-c', 'CREATE DATABASE n8n', '-c', 'CREATE DATABASE biz');
    await psql('-d', 'biz', '-f', join(PEER_SCRIPTS, 'schema.sql'));
    await psql('-d', 'biz', '-f', join(PEER_SCRIPTS, 'reset-biz.sql'));

    log('n8n peer: importing the credentials and the W1 workflow');
    mkdirSync(join(dirs.peer, 'home'), { recursive: true });
    await run('bash', [
      '-c',
      `set -euo pipefail; source "$1/n8n-env.sh"; cd "$PEER"
       node_modules/.bin/n8n import:credentials --input="$1/credentials.json"
       node_modules/.bin/n8n import:workflow --input="$1/workflow-w1.json"
       node_modules/.bin/n8n update:workflow --id=W1StageChanged01 --active=true`,
      'import',
      PEER_SCRIPTS,
    ]);

    log(`n8n peer: starting n8n ${N8N_VERSION}`);
    rmSync(join(dirs.peer, 'n8n.pid'), { force: true });
    try {
      await script('n8n-start.sh');
    } finally {
      started.n8nPid = readPid(join(dirs.peer, 'n8n.pid'));
    }

    // n8n answers /healthz before it has registered the active workflow's webhook (404 until then).
    await waitForWebhook(log);

    rmSync(dirs.results, { recursive: true, force: true });
    log(`n8n peer: warm-up, ${warmupEvents} events at concurrency ${concurrency}`);
    await script('run-w1.sh', 'warmup', String(warmupEvents), String(concurrency));
    const warmup = JSON.parse(readFileSync(join(dirs.results, 'warmup.json'), 'utf8'));
    if (!(warmup.ok > 0)) throw new Error(`n8n accepted none of the warm-up events: ${JSON.stringify(warmup.errors)}`);
    log(`n8n peer: measured run, ${events} events at concurrency ${concurrency}`);
    await script('run-w1.sh', 'run1', String(events), String(concurrency));
    const raw = JSON.parse(readFileSync(join(dirs.results, 'run1.json'), 'utf8'));
    const section = peerSection(raw, { scratchDir, logFile });
    section.warmup = { events: warmup.n, accepted: warmup.ok, completed: warmup.completion?.tickets_reached ?? null };
    return section;
  } finally {
    await stop();
  }
}

/** The figures the comparison needs, from the loadgen JSON (which is kept whole under raw). */
function peerSection(raw, { scratchDir, logFile }) {
  const completed = raw.completion?.tickets_reached ?? null;
  const perAutomation = (seconds) =>
    Number.isFinite(seconds) && completed > 0 ? Math.round((seconds * 10_000) / completed) / 10 : null;
  const section = {
    name: 'n8n',
    version: N8N_VERSION,
    events: raw.n,
    concurrency: raw.concurrency,
    clients: 1000,
    completed,
    allCompleted: completed === raw.n,
    completedPerS: raw.completion?.completed_per_s ?? null,
    acceptedPerS: raw.accept?.rate_per_s ?? null,
    e2eP50Ms: raw.e2e_ms_ticket_created_minus_sent?.p50 ?? null,
    e2eP99Ms: raw.e2e_ms_ticket_created_minus_sent?.p99 ?? null,
    cpuMsPerAutomation: perAutomation(raw.engine_proc?.cpu_seconds),
    postgresCpuMsPerAutomation: perAutomation(raw.postgres_cpu_seconds),
    peakRssMiB: raw.engine_proc?.peak_rss_mib_sampled ?? null,
    definitions: {
      completedPerS: 'events ÷ (time the N-th ticket row appeared − first send), measured by the loadgen',
      e2eMs: 'tickets.created_at − sentAt of the event (client clock at send); the ticket is the second-to-last step',
      cpuMsPerAutomation: 'n8n process tree utime+stime from first send to all executions finished ÷ tickets',
      postgresCpuMsPerAutomation:
        "all of the peer Postgres cluster's processes (loadgen's psql polls included) ÷ tickets",
      peakRssMiB: 'n8n process tree VmRSS, max sampled every 200 ms',
    },
    scratchDir,
    log: logFile,
    raw,
  };
  if (!section.allCompleted) section.warning = `only ${completed} of ${raw.n} tickets appeared (loadgen gave up)`;
  return section;
}

async function install(peerDir, run, log, logFile) {
  const marker = join(peerDir, `.installed-n8n-${N8N_VERSION}`);
  const pkg = join(peerDir, 'node_modules', 'n8n', 'package.json');
  if (existsSync(marker) && existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).version === N8N_VERSION) return;
  log(`n8n peer: installing n8n ${N8N_VERSION} into ${peerDir} — takes about 5 min and 1.3 GB (log: ${logFile})`);
  mkdirSync(peerDir, { recursive: true });
  // One xlsx tarball n8n pins is not reachable: the peer README overrides it.
  writeFileSync(
    join(peerDir, 'package.json'),
    `${JSON.stringify({ name: 'n8n-peer', private: true, overrides: { xlsx: '0.18.5' } })}\n`,
  );
  rmSync(marker, { force: true });
  await run('npm', ['i', `n8n@${N8N_VERSION}`, '--no-audit', '--no-fund'], {
    cwd: peerDir,
    timeoutMs: INSTALL_TIMEOUT_MS,
  });
  if (!existsSync(pkg)) throw new Error(`npm i n8n@${N8N_VERSION} finished but ${pkg} is missing`);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  log('n8n peer: installed');
}

/** Runs a command, its output appended to logFile; rejects with the output's tail when it fails. */
function runLogged(command, args, { cwd, env, logFile, timeoutMs }) {
  return new Promise((resolveRun, reject) => {
    appendFileSync(logFile, `\n$ ${command} ${args.join(' ')}   (in ${cwd})\n`);
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (chunk) => {
      appendFileSync(logFile, chunk);
      tail = (tail + chunk.toString()).slice(-2000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    let done = false;
    const finish = (code, signal) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (code === 0) resolveRun(tail);
      else {
        const last = tail.trim().split('\n').slice(-8).join('\n');
        reject(
          new Error(
            `${command} ${args.slice(0, 2).join(' ')} exited with ${signal ?? code}${last ? `:\n${last}` : ''}`,
          ),
        );
      }
    };
    child.on('error', (error) => {
      if (!done) {
        done = true;
        clearTimeout(timer);
        reject(new Error(`${command}: ${error.message}`));
      }
    });
    // A daemon started by the script may keep the pipes open: do not wait for them past the exit.
    child.on('exit', (code, signal) => setTimeout(() => finish(code, signal), 1000).unref());
    child.on('close', finish);
  });
}

function withoutNpmConfig(env) {
  // Under `npm run bench`, npm_config_* would steer the nested npm i (workspaces, prefix, …).
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

function readPid(file) {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function alive(pid) {
  try {
    // A zombie (exited, not yet reaped) answers signal 0 too: it counts as stopped.
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function killByPid(pid, name, log, signal = 'SIGTERM') {
  if (!alive(pid)) return;
  log(`n8n peer: ${name} (pid ${pid}) still running, sending ${signal}`);
  process.kill(pid, signal);
  for (let i = 0; i < 30 && alive(pid); i++) await sleep(1000);
  if (alive(pid)) {
    log(`n8n peer: ${name} (pid ${pid}) did not stop, SIGKILL`);
    process.kill(pid, 'SIGKILL');
  }
}

async function waitForWebhook(log, timeoutMs = 60_000) {
  const started = Date.now();
  let last = null;
  while (Date.now() - started < timeoutMs) {
    try {
      // toStage other than onboarding: the workflow's first IF stops it, nothing is written.
      const response = await fetch(`http://127.0.0.1:${N8N_PORT}/webhook/stage-changed`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          clientId: '00000000-0000-4000-8000-000000000001',
          toStage: 'probe',
          sentAt: new Date(),
        }),
      });
      await response.arrayBuffer();
      last = response.status;
      if (response.ok) {
        log(`n8n peer: webhook registered after ${Math.round((Date.now() - started) / 100) / 10} s`);
        return;
      }
    } catch (error) {
      last = error.message;
    }
    await sleep(500);
  }
  throw new Error(`n8n's W1 webhook did not answer 2xx within ${timeoutMs / 1000} s (last: ${last})`);
}

function portInUse(port) {
  return new Promise((resolvePort) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolvePort(true);
    });
    socket.once('error', () => resolvePort(false));
  });
}
