import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A small JSON client over node:http with a keep-alive agent. The load generator shares the machine
 * with the processes it measures, so it uses the cheapest client Node offers (global fetch costs
 * roughly twice the CPU per request); its own CPU is reported beside the figures.
 */
export class ApiClient {
  constructor(baseUrl, token, { maxSockets = 256 } = {}) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.token = token;
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
    this.retries429 = 0;
  }

  /** One request; resolves { status, body, ms } (never rejects on HTTP status). */
  raw(method, path, body) {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: this.host, port: this.port, method, path, headers, agent: this.agent },
        (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed = text;
            try {
              parsed = text ? JSON.parse(text) : null;
            } catch {
              // keep the text
            }
            resolve({
              status: response.statusCode,
              body: parsed,
              headers: response.headers,
              ms: performance.now() - started,
            });
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      if (payload) request.write(payload);
      request.end();
    });
  }

  /** A request that waits out 429s (Retry-After) and fails loudly on any other unexpected status. */
  async call(method, path, body, expected = [200, 201, 202]) {
    for (let attempt = 0; ; attempt += 1) {
      const response = await this.raw(method, path, body);
      if (response.status === 429 && attempt < 20) {
        this.retries429 += 1;
        const retryAfter = Number(response.headers['retry-after']);
        await sleep(Number.isFinite(retryAfter) ? retryAfter * 1000 : 200);
        continue;
      }
      if (!expected.includes(response.status)) {
        const error = new Error(
          `${method} ${path} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`,
        );
        error.response = response;
        throw error;
      }
      return response;
    }
  }

  close() {
    this.agent.destroy();
  }
}

/** Polls GET `path` until it answers 200 (or throws after `timeoutMs`). */
export async function waitForHttp(client, path, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process exited while waiting for ${path}`);
    try {
      const response = await client.raw('GET', path);
      if (response.status === 200) return;
      last = `${response.status} ${JSON.stringify(response.body).slice(0, 200)}`;
    } catch (error) {
      last = error.message;
    }
    await sleep(200);
  }
  throw new Error(`${path} not ready after ${timeoutMs} ms: ${last}`);
}

/**
 * Sends `count` requests with at most `concurrency` in flight (closed loop). `send(i)` returns a
 * promise of ids. Resolves per-request timings (ms since the loop started) and the loop's span.
 */
export async function closedLoop(count, concurrency, send) {
  const results = new Array(count);
  const t0 = performance.now();
  let next = 0;
  let errors = 0;
  const lane = async () => {
    while (next < count) {
      const index = next++;
      const sentAt = performance.now() - t0;
      try {
        const ids = await send(index);
        results[index] = { ids, sentAt, doneAt: performance.now() - t0 };
      } catch (error) {
        errors += 1;
        results[index] = { ids: [], sentAt, doneAt: performance.now() - t0, error: error.message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return summarizeSends(results, errors, performance.now() - t0);
}

/**
 * Open loop: request i leaves at t0 + i / rate whatever the answers do (at most `maxInFlight` in
 * flight, beyond which sends fall behind schedule; `behindMs` says by how much).
 */
export async function openLoop(rate, seconds, send, { maxInFlight = 2000 } = {}) {
  const count = Math.max(1, Math.round(rate * seconds));
  const results = new Array(count);
  const pending = new Set();
  const t0 = performance.now();
  let errors = 0;
  let behindMs = 0;
  for (let index = 0; index < count; index += 1) {
    const due = (index * 1000) / rate;
    const wait = due - (performance.now() - t0);
    if (wait > 1) await sleep(wait);
    while (pending.size >= maxInFlight) await Promise.race(pending);
    const sentAt = performance.now() - t0;
    behindMs = Math.max(behindMs, sentAt - due);
    const promise = send(index).then(
      (ids) => (results[index] = { ids, sentAt, doneAt: performance.now() - t0 }),
      (error) => {
        errors += 1;
        results[index] = { ids: [], sentAt, doneAt: performance.now() - t0, error: error.message };
      },
    );
    pending.add(promise);
    promise.finally(() => pending.delete(promise));
  }
  await Promise.all(pending);
  const summary = summarizeSends(results, errors, performance.now() - t0);
  const lastSend = Math.max(...results.map((result) => result.sentAt));
  return {
    ...summary,
    offeredRate: rate,
    achievedSendRate: lastSend > 0 ? Math.round(((count - 1) / lastSend) * 1000 * 10) / 10 : null,
    maxBehindScheduleMs: Math.round(behindMs),
  };
}

function summarizeSends(results, errors, spanMs) {
  const ids = results.flatMap((result) => result.ids);
  const lastDone = Math.max(...results.map((result) => result.doneAt));
  const firstSent = Math.min(...results.map((result) => result.sentAt));
  return {
    requests: results.length,
    errors,
    firstError: results.find((result) => result.error)?.error ?? null,
    ids,
    httpMs: results.filter((result) => !result.error).map((result) => result.doneAt - result.sentAt),
    acceptSeconds: (lastDone - firstSent) / 1000,
    spanSeconds: spanMs / 1000,
  };
}
