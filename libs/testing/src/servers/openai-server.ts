import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeHttpServer, listenOnLoopback, readRequestBody, sendJson } from './http-helpers';
import { waitUntil } from './wait-until';

/** One request the fake OpenAI API received (injected failures included). */
export interface OpenAiRequest {
  method: string;
  path: string;
  /** Lower-case header names, as node:http gives them. */
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (null when it was not JSON). */
  body: any;
  at: Date;
}

/** A fixed reply, or one computed from the chat completion request body. */
export type OpenAiReply = string | ((body: any) => string);

export interface OpenAiServerOptions {
  /** Default reply; otherwise `Draft for <first 40 chars of the last user message>`. */
  reply?: OpenAiReply;
  /** API keys answered with 401. Default: `['sk-invalid']`. Any other non-empty key is accepted. */
  invalidKeys?: string[];
}

export interface OpenAiServer {
  /** The value for the client's `baseURL`: `http://127.0.0.1:<port>/v1`. */
  readonly baseUrl: string;
  /** Every request received, in order (a live array; `reset()` empties it). */
  readonly requests: OpenAiRequest[];
  /** Replaces the reply of later completions (`reset()` restores the default). */
  setReply(reply: OpenAiReply | undefined): void;
  /** Holds each later completion this long before answering (a slow model; `reset()` sets it back to 0). */
  setDelay(ms: number): void;
  /**
   * The next `count` requests get HTTP `status` with an OpenAI-style error body (429 carries
   * `retry-after: 1`), or a destroyed socket for `'disconnect'`.
   */
  failNext(count: number, status: number | 'disconnect'): void;
  /** Resolves with the requests once at least `count` were received. */
  waitForRequests(count: number, timeoutMs?: number): Promise<OpenAiRequest[]>;
  /** Forgets requests, pending failures and a reply set with `setReply`. */
  reset(): void;
  close(): Promise<void>;
}

const ERROR_TYPES: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Permission denied' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist' },
  429: { type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached' },
};

function sendError(res: ServerResponse, status: number): void {
  const known = ERROR_TYPES[status] ?? {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request',
  };
  sendJson(
    res,
    status,
    { error: { message: known.message, type: known.type, param: null, code: known.code } },
    status === 429 ? { 'retry-after': '1' } : {},
  );
}

function lastUserMessage(body: any): string {
  const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
  const last = [...messages].reverse().find((m) => m?.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  if (Array.isArray(last.content))
    return last.content.map((part: any) => (typeof part?.text === 'string' ? part.text : '')).join('');
  return '';
}

/** A local OpenAI-compatible server (`POST /v1/chat/completions`) answering deterministic completions. */
export async function startOpenAiServer(options: OpenAiServerOptions = {}): Promise<OpenAiServer> {
  const requests: OpenAiRequest[] = [];
  const invalidKeys = new Set(options.invalidKeys ?? ['sk-invalid']);
  const failures: { remaining: number; status: number | 'disconnect' }[] = [];
  let reply: OpenAiReply | undefined = options.reply;
  let delayMs = 0;
  let sequence = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const raw = await readRequestBody(req);
    let body: any = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    requests.push({ method: req.method ?? '', path, headers: req.headers, body, at: new Date() });

    const failure = failures[0];
    if (failure) {
      failure.remaining -= 1;
      if (failure.remaining <= 0) failures.shift();
      if (failure.status === 'disconnect') {
        req.socket.destroy();
        return;
      }
      return sendError(res, failure.status);
    }

    if (req.method !== 'POST' || path !== '/v1/chat/completions') return sendError(res, 404);
    const key = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    if (!key || invalidKeys.has(key)) return sendError(res, 401);
    if (!body || typeof body.model !== 'string' || !Array.isArray(body.messages) || body.messages.length === 0)
      return sendError(res, 400);
    if (body.stream) return sendError(res, 400);

    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const content =
      typeof reply === 'function' ? reply(body) : (reply ?? `Draft for ${lastUserMessage(body).slice(0, 40)}`);
    sequence += 1;
    const promptTokens = Math.ceil(JSON.stringify(body.messages).length / 4);
    const completionTokens = Math.ceil(content.length / 4);
    sendJson(res, 200, {
      id: `chatcmpl-test-${sequence}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [
        { index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: 'stop' },
      ],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
      },
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500);
      else res.destroy();
    });
  });
  const port = await listenOnLoopback(server);

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    setReply(next) {
      reply = next;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    failNext(count, status) {
      if (!Number.isInteger(count) || count < 1) throw new Error(`failNext needs a positive count, got ${count}`);
      failures.push({ remaining: count, status });
    },
    async waitForRequests(count, timeoutMs = 5000) {
      await waitUntil(
        () => requests.length >= count,
        timeoutMs,
        () => `expected ${count} OpenAI request(s), received ${requests.length}`,
      );
      return requests;
    },
    reset() {
      requests.length = 0;
      failures.length = 0;
      reply = options.reply;
      delayMs = 0;
    },
    close: () => closeHttpServer(server),
  };
}
