// The chaos run's collaborators: a private redis-server it can restart, and local fakes of Slack's Web API
// (chat.postMessage over HTTP) and of an SMTP server (the smtp-server package), speaking the real protocols
// like libs/testing's servers (which are TypeScript and not built into dist/). The fakes count what they
// receive per marker "[chaos <client name> <step id>]" so the run can tell missing and repeated sends apart.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { URL, URLSearchParams } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../stack.mjs';

const MARKER = /\[chaos ([^\]]+?) ([a-z_]+)\]/;

/** `[chaos <client> <step>]` → "<client>|<step>", or null. */
export function markerOf(text) {
  const match = MARKER.exec(text ?? '');
  return match ? `${match[1]}|${match[2]}` : null;
}

function count(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Slack Web API fake: `chat.postMessage` (and `auth.test`) with a bearer token, answers like Slack. */
export async function startSlackFake() {
  const sends = new Map();
  let calls = 0;
  let unmarked = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      calls += 1;
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = req.headers['content-type']?.includes('application/json')
        ? safeJson(raw)
        : Object.fromEntries(new URLSearchParams(raw));
      const method = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/api\//, '');
      const auth = /^Bearer\s+(\S+)/i.exec(req.headers.authorization ?? '')?.[1] ?? body.token;
      const answer = (payload) => {
        const text = JSON.stringify(payload);
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(text),
        });
        res.end(text);
      };
      if (!auth || !/^xox[a-z]-/.test(auth)) return answer({ ok: false, error: 'invalid_auth' });
      if (method === 'auth.test')
        return answer({ ok: true, team: 'Chaos', team_id: 'T0CHAOS', user_id: 'U0CHAOSBOT', bot_id: 'B0CHAOSBOT' });
      if (method !== 'chat.postMessage') return answer({ ok: false, error: 'unknown_method' });
      if (!body.channel) return answer({ ok: false, error: 'channel_not_found' });
      if (!body.text) return answer({ ok: false, error: 'no_text' });
      const key = markerOf(body.text);
      if (key) count(sends, key);
      else unmarked += 1;
      const ts = `${Math.floor(Date.now() / 1000)}.${String(calls).padStart(6, '0')}`;
      return answer({ ok: true, channel: body.channel, ts, message: { type: 'message', text: body.text, ts } });
    });
  });
  server.keepAliveTimeout = 5000;
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/api/`,
    sends,
    stats: () => ({ calls, unmarked }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A real SMTP server (no TLS, any or no AUTH) that counts accepted messages per marker in the Subject. */
export async function startSmtpFake() {
  const sends = new Map();
  let messages = 0;
  let unmarked = 0;
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    maxClients: 1000,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        messages += 1;
        const raw = Buffer.concat(chunks).toString('utf8');
        const headerEnd = raw.search(/\r?\n\r?\n/);
        const headers = (headerEnd >= 0 ? raw.slice(0, headerEnd) : raw).replace(/\r?\n[ \t]+/g, ' ');
        const subject = /^subject:\s*(.*)$/im.exec(headers)?.[1] ?? '';
        const key = markerOf(subject);
        if (key) count(sends, key);
        else unmarked += 1;
        callback(null, 'Message queued');
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address();
  return {
    url: `smtp://127.0.0.1:${port}`,
    sends,
    stats: () => ({ messages, unmarked }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function safeJson(text) {
  try {
    return JSON.parse(text) ?? {};
  } catch {
    return {};
  }
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/**
 * A private redis-server on a free port, its data in `dir`, with the append-only file on (fsync every
 * second): a graceful restart keeps the queues, `restart({ flush: true })` sends FLUSHALL first and then
 * kills it, so it comes back empty (the FLUSHALL is in the AOF too).
 */
export async function startPrivateRedis({ dir, log = () => undefined }) {
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const logFile = join(dir, 'redis.log');
  let child = null;

  const spawnServer = async () => {
    const fd = openSync(logFile, 'a');
    child = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--appendonly',
        'yes',
        '--appendfsync',
        'everysec',
        '--save',
        '',
        '--maxmemory-policy',
        'noeviction',
        '--protected-mode',
        'no',
        '--daemonize',
        'no',
      ],
      { stdio: ['ignore', fd, fd] },
    );
    closeSync(fd);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.exited = exited;
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}); see ${logFile}`);
      const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') {
          // Loading the AOF answers LOADING to commands: wait until it is done.
          const info = await probe.info('persistence');
          if (/loading:0/.test(info)) return;
        }
      } catch {
        // not up yet
      } finally {
        probe.disconnect();
      }
      if (Date.now() > deadline) throw new Error(`redis-server on :${port} did not answer within 15 s; see ${logFile}`);
      await sleep(50);
    }
  };

  const stopServer = async (signal) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timedOut = await Promise.race([child.exited.then(() => false), sleep(10_000).then(() => true)]);
    if (timedOut) {
      child.kill('SIGKILL');
      await child.exited;
    }
  };

  await spawnServer();
  log(`redis-server pid ${child.pid} on :${port} (dir ${dir})`);
  return {
    url,
    port,
    get pid() {
      return child?.pid ?? null;
    },
    /** Stops Redis (SIGTERM: AOF flushed; or FLUSHALL + SIGKILL), waits `downMs`, starts it again on the same port and dir. */
    async restart({ flush, downMs }) {
      if (flush) {
        const admin = new Redis(url, { maxRetriesPerRequest: 1 });
        try {
          await admin.flushall();
        } finally {
          admin.disconnect();
        }
      }
      const stoppedAt = Date.now();
      await stopServer(flush ? 'SIGKILL' : 'SIGTERM');
      await sleep(downMs);
      await spawnServer();
      return { downMs: Date.now() - stoppedAt, pid: child.pid };
    },
    async dbsize() {
      const admin = new Redis(url, { maxRetriesPerRequest: 1 });
      try {
        return await admin.dbsize();
      } finally {
        admin.disconnect();
      }
    },
    stop: () => stopServer('SIGTERM'),
    kill: () => child && child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'),
  };
}
