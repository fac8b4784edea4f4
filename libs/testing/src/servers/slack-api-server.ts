import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeHttpServer, listenOnLoopback, readRequestBody, sendJson } from './http-helpers';
import { waitUntil } from './wait-until';

/** One request the fake Slack Web API received (injected failures included). */
export interface SlackApiCall {
  /** Web API method, e.g. `chat.postMessage`. */
  method: string;
  /** Bearer token of the `Authorization` header (or the `token` body parameter); null when absent. */
  token: string | null;
  /** Parsed form-encoded or JSON body (form values are strings). */
  body: Record<string, unknown>;
  at: Date;
}

/** A message the server accepted through `chat.postMessage`. */
export interface SlackPostedMessage {
  token: string;
  channel: string;
  text: string;
  ts: string;
}

/**
 * What `failNext` answers instead of the real response:
 * - `{ status }`: that HTTP status (429 carries `Retry-After`, `retryAfterSeconds` defaulting to 1;
 *   pass `retryAfterSeconds: null` to omit the header);
 * - `{ ok: false, error }`: HTTP 200 with a Slack platform error (`channel_not_found`, `invalid_auth`, ...);
 * - `{ disconnect: true }`: the socket is destroyed without an answer (a network error for the client).
 */
export type SlackApiFailure =
  | { status: number; retryAfterSeconds?: number | null; body?: string }
  | { ok: false; error: string }
  | { disconnect: true };

/** A channel as `conversations.list` answers it (the fields the product reads). */
export interface SlackDirectoryChannel {
  id: string;
  name: string;
  is_private?: boolean;
  is_archived?: boolean;
}

/** A member as `users.list` answers it (the fields the product reads). */
export interface SlackDirectoryUser {
  id: string;
  name: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
}

/** What `conversations.list` and `users.list` answer for one workspace. */
export interface SlackDirectory {
  channels: SlackDirectoryChannel[];
  users: SlackDirectoryUser[];
}

/** The directory of a token without its own entry in `directories`. */
export const DEFAULT_SLACK_DIRECTORY: SlackDirectory = {
  channels: [
    { id: 'C0GENERAL', name: 'general' },
    { id: 'C0ONBOARD', name: 'onboarding' },
    { id: 'G0PRIVATE', name: 'leadership', is_private: true },
    { id: 'C0OLD', name: 'old-launch', is_archived: true },
  ],
  users: [
    { id: 'U0DANA', name: 'dana', real_name: 'Dana Smith' },
    { id: 'U0LEE', name: 'lee', real_name: 'Lee Chen' },
    { id: 'U0GONE', name: 'gone', real_name: 'Former Member', deleted: true },
    { id: 'U0TESTBOT', name: 'automations', real_name: 'Automations', is_bot: true },
  ],
};

export interface SlackApiServerOptions {
  /**
   * Token → the channels and members `conversations.list` / `users.list` answer for its workspace (paginated
   * by `limit` and `cursor` like Slack). A token without an entry gets DEFAULT_SLACK_DIRECTORY.
   */
  directories?: Record<string, SlackDirectory>;
  /** Tokens answered with `invalid_auth`. Default: `['xoxb-invalid']`. Any other `xox*-` token is accepted. */
  invalidTokens?: string[];
  /**
   * The channels (and user ids) of each token's workspace: `chat.postMessage` with that token to anything
   * else answers `channel_not_found`, as Slack does. A token without an entry reaches every channel.
   */
  workspaces?: Record<string, string[]>;
  /** Channels answered with `is_archived`. */
  archivedChannels?: string[];
  /** Channels the app is not a member of: answered with `not_in_channel`. */
  channelsWithoutApp?: string[];
}

export interface SlackApiServer {
  /** The value for WebClient's `slackApiUrl`: `http://127.0.0.1:<port>/api/`. */
  readonly url: string;
  /** Every call received, in order (a live array; `reset()` empties it). */
  readonly calls: SlackApiCall[];
  /** Messages accepted by `chat.postMessage`, in order. */
  readonly posted: SlackPostedMessage[];
  /** Tokens answered with `invalid_auth` (mutable). */
  readonly invalidTokens: Set<string>;
  /** Token → its workspace directory (mutable; see `SlackApiServerOptions.directories`). */
  readonly directories: Map<string, SlackDirectory>;
  /** Token → the channels its workspace has (mutable; see `SlackApiServerOptions.workspaces`). */
  readonly workspaces: Map<string, Set<string>>;
  /** Channels answered with `is_archived` (mutable). */
  readonly archivedChannels: Set<string>;
  /** Channels answered with `not_in_channel` (mutable). */
  readonly channelsWithoutApp: Set<string>;
  /** The next `count` calls (of `options.method` only, when given) get `failure` instead of their answer. */
  failNext(count: number, failure: SlackApiFailure, options?: { method?: string }): void;
  /** Resolves with the calls once at least `count` were received (of `method` only, when given). */
  waitForCalls(count: number, timeoutMs?: number, method?: string): Promise<SlackApiCall[]>;
  /** Forgets calls, posted messages and pending failures; restores the invalid tokens, workspaces and channel sets of the options. */
  reset(): void;
  close(): Promise<void>;
}

interface PendingFailure {
  remaining: number;
  failure: SlackApiFailure;
  method?: string;
}

const DEFAULT_INVALID_TOKENS = ['xoxb-invalid'];

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> | null {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  }
  // Slack's default (and what @slack/web-api sends): application/x-www-form-urlencoded.
  return Object.fromEntries(new URLSearchParams(raw));
}

function bearerToken(req: IncomingMessage, body: Record<string, unknown>): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  if (match) return match[1].trim();
  return typeof body.token === 'string' && body.token ? body.token : null;
}

/**
 * A local HTTP server speaking the part of Slack's Web API the product uses (`chat.postMessage`,
 * `auth.test`, `conversations.list`, `users.list`), on 127.0.0.1 and an ephemeral port. Point `WebClient`'s `slackApiUrl` at `url`.
 */
export async function startSlackApiServer(options: SlackApiServerOptions = {}): Promise<SlackApiServer> {
  const defaultInvalidTokens = options.invalidTokens ?? DEFAULT_INVALID_TOKENS;
  const calls: SlackApiCall[] = [];
  const posted: SlackPostedMessage[] = [];
  const invalidTokens = new Set(defaultInvalidTokens);
  const workspaces = new Map<string, Set<string>>();
  const archivedChannels = new Set<string>();
  const channelsWithoutApp = new Set<string>();
  const directories = new Map<string, SlackDirectory>();
  function restoreChannelState(): void {
    directories.clear();
    for (const [token, directory] of Object.entries(options.directories ?? {})) directories.set(token, directory);
    workspaces.clear();
    for (const [token, channels] of Object.entries(options.workspaces ?? {})) workspaces.set(token, new Set(channels));
    archivedChannels.clear();
    for (const channel of options.archivedChannels ?? []) archivedChannels.add(channel);
    channelsWithoutApp.clear();
    for (const channel of options.channelsWithoutApp ?? []) channelsWithoutApp.add(channel);
  }
  restoreChannelState();

  /** Why Slack would refuse to post to `channel` with `token`, or null. */
  function channelProblem(token: string, channel: string): string | null {
    const workspace = workspaces.get(token);
    if (!channel || (workspace && !workspace.has(channel))) return 'channel_not_found';
    if (archivedChannels.has(channel)) return 'is_archived';
    if (channelsWithoutApp.has(channel)) return 'not_in_channel';
    return null;
  }
  let failures: PendingFailure[] = [];
  let sequence = 0;

  function takeFailure(method: string): SlackApiFailure | null {
    const pending = failures.find((f) => f.remaining > 0 && (f.method === undefined || f.method === method));
    if (!pending) return null;
    pending.remaining -= 1;
    failures = failures.filter((f) => f.remaining > 0);
    return pending.failure;
  }

  function answerFailure(req: IncomingMessage, res: ServerResponse, failure: SlackApiFailure): void {
    if ('disconnect' in failure) {
      req.socket.destroy();
      return;
    }
    if ('error' in failure) {
      sendJson(res, 200, { ok: false, error: failure.error });
      return;
    }
    const headers: Record<string, string> = {};
    const retryAfter =
      failure.retryAfterSeconds === undefined ? (failure.status === 429 ? 1 : null) : failure.retryAfterSeconds;
    if (retryAfter !== null) headers['Retry-After'] = String(retryAfter);
    const body =
      failure.body ??
      (failure.status === 429 ? JSON.stringify({ ok: false, error: 'ratelimited' }) : 'Internal Server Error');
    res.writeHead(failure.status, {
      'Content-Type': body.startsWith('{') ? 'application/json' : 'text/plain',
      ...headers,
    });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = /^\/api\/([A-Za-z0-9_.]+)$/.exec(path);
    if (req.method !== 'POST' && req.method !== 'GET')
      return sendJson(res, 405, { ok: false, error: 'method_not_allowed' });
    if (!match) return sendJson(res, 404, { ok: false, error: 'unknown_method' });
    const method = match[1];
    const raw = await readRequestBody(req);
    const parsed =
      req.method === 'GET'
        ? Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams)
        : parseBody(raw, req.headers['content-type']);
    const body = parsed ?? {};
    const token = bearerToken(req, body);
    calls.push({ method, token, body, at: new Date() });

    const failure = takeFailure(method);
    if (failure) return answerFailure(req, res, failure);
    if (parsed === null) return sendJson(res, 200, { ok: false, error: 'invalid_json' });
    if (!token) return sendJson(res, 200, { ok: false, error: 'not_authed' });
    if (invalidTokens.has(token) || !/^xox[a-z]-/.test(token))
      return sendJson(res, 200, { ok: false, error: 'invalid_auth' });

    switch (method) {
      case 'auth.test':
        return sendJson(res, 200, {
          ok: true,
          url: 'https://test-agency.slack.com/',
          team: 'Test Agency',
          user: 'automations',
          team_id: 'T0TEST',
          user_id: 'U0TESTBOT',
          bot_id: 'B0TESTBOT',
          is_enterprise_install: false,
        });
      case 'chat.postMessage': {
        const channel = typeof body.channel === 'string' ? body.channel : '';
        const text = typeof body.text === 'string' ? body.text : '';
        const problem = channelProblem(token, channel);
        if (problem) return sendJson(res, 200, { ok: false, error: problem });
        if (!text && body.blocks === undefined && body.attachments === undefined)
          return sendJson(res, 200, { ok: false, error: 'no_text' });
        sequence += 1;
        const ts = `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, '0')}`;
        posted.push({ token, channel, text, ts });
        return sendJson(res, 200, {
          ok: true,
          channel,
          ts,
          message: { type: 'message', text, user: 'U0TESTBOT', bot_id: 'B0TESTBOT', ts },
        });
      }
      case 'conversations.list':
      case 'users.list': {
        const directory = directories.get(token) ?? DEFAULT_SLACK_DIRECTORY;
        const all: unknown[] =
          method === 'users.list'
            ? directory.users
            : directory.channels.filter((channel) => body.exclude_archived !== 'true' || !channel.is_archived);
        const limit = Math.min(Math.max(Number(body.limit) || 100, 1), 1000);
        const start = Number(body.cursor || 0) || 0;
        const page = all.slice(start, start + limit);
        const next = start + limit < all.length ? String(start + limit) : '';
        return sendJson(res, 200, {
          ok: true,
          [method === 'users.list' ? 'members' : 'channels']: page,
          response_metadata: { next_cursor: next },
        });
      }
      default:
        return sendJson(res, 200, { ok: false, error: 'unknown_method' });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'fake_server_error', detail: String(error) });
      else res.destroy();
    });
  });
  const port = await listenOnLoopback(server);

  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    posted,
    invalidTokens,
    directories,
    workspaces,
    archivedChannels,
    channelsWithoutApp,
    failNext(count, failure, failOptions = {}) {
      if (!Number.isInteger(count) || count < 1) throw new Error(`failNext needs a positive count, got ${count}`);
      failures.push({ remaining: count, failure, method: failOptions.method });
    },
    async waitForCalls(count, timeoutMs = 5000, method) {
      const matching = () => (method === undefined ? calls : calls.filter((c) => c.method === method));
      await waitUntil(
        () => matching().length >= count,
        timeoutMs,
        () =>
          `expected ${count} Slack API call(s)${method ? ` to ${method}` : ''}, received ${matching().length} (${calls.map((c) => c.method).join(', ') || 'none'})`,
      );
      return matching();
    },
    reset() {
      calls.length = 0;
      posted.length = 0;
      failures = [];
      invalidTokens.clear();
      for (const token of defaultInvalidTokens) invalidTokens.add(token);
      restoreChannelState();
    },
    close: () => closeHttpServer(server),
  };
}
