import {
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import { ActionError, PermanentActionError, TransientActionError } from '../errors/action-errors';

export interface SlackNotifierOptions {
  /** Web API base URL (`SLACK_API_URL`); Slack's own by default. */
  slackApiUrl?: string;
  /** Per-request timeout; a timeout is a transient error. Default 15 s. */
  timeoutMs?: number;
}

export interface SlackSendInput {
  /** The agency's bot token (`xoxb-...`), already decrypted by the caller. */
  token: string;
  /** A channel id (or a user id for a DM). */
  channel: string;
  text: string;
}

export interface SlackSendResult {
  ts: string;
  channel: string;
}

const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
const MAX_CACHED_CLIENTS = 100;

/** Platform errors meaning the token no longer works: the integration needs to be reconnected. */
const AUTH_ERRORS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'missing_scope',
  'no_permission',
  'not_allowed_token_type',
]);
/**
 * Platform errors meaning the channel is not reachable with this agency's Slack app: it is not in the
 * agency's workspace (or is private without the app), the app is not a member, or it is archived.
 * A workflow may only post where the agency's own app can (PRODUCT.md §5): `permission_denied`.
 */
const UNREACHABLE_CHANNEL_ERRORS: ReadonlyMap<string, string> = new Map([
  [
    'channel_not_found',
    "no such channel in the agency's Slack workspace (or it is private and the app was not invited)",
  ],
  ['not_in_channel', 'the app is not a member of the channel (invite it with /invite)'],
  ['is_archived', 'the channel is archived'],
]);
/** Platform errors Slack documents as its own temporary trouble. */
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * Posts messages with `@slack/web-api`. The WebClient's own retries are off (`retries: 0`,
 * `rejectRateLimitedCalls`): the engine retries steps itself, so one `send` is one HTTP request.
 * Failures are thrown as `TransientActionError` / `PermanentActionError` (never with the token).
 */
export class SlackNotifier {
  private readonly slackApiUrl: string;
  private readonly timeoutMs: number;
  private readonly clients = new Map<string, WebClient>();

  constructor(options: SlackNotifierOptions = {}) {
    this.slackApiUrl = options.slackApiUrl || DEFAULT_SLACK_API_URL;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async send(input: SlackSendInput): Promise<SlackSendResult> {
    if (!input.token)
      throw new PermanentActionError('integration_missing', 'Slack is not configured for this agency (no bot token)');
    try {
      const result = await this.client(input.token).chat.postMessage({ channel: input.channel, text: input.text });
      return { ts: String(result.ts ?? ''), channel: String(result.channel ?? input.channel) };
    } catch (error) {
      throw SlackNotifier.classify(error, input.channel);
    }
  }

  /** Maps a WebClient failure to the engine's transient/permanent errors; `channel` is where the message was going. */
  static classify(error: unknown, channel?: string): ActionError {
    if (error instanceof ActionError) return error;
    if (error instanceof WebAPIRateLimitedError) {
      return new TransientActionError(
        'slack_rate_limited',
        `Slack rate limited the call (retry after ${error.retryAfter} s)`,
        { retryAfterSeconds: error.retryAfter },
        error.retryAfter * 1000,
      );
    }
    if (error instanceof WebAPIPlatformError) {
      const code = String(error.data.error);
      if (AUTH_ERRORS.has(code))
        return new PermanentActionError(
          'integration_auth_failed',
          `Slack rejected the bot token (${code}); reconnect the Slack integration`,
          { slackError: code },
        );
      const unreachable = UNREACHABLE_CHANNEL_ERRORS.get(code);
      if (unreachable) {
        return new PermanentActionError(
          'permission_denied',
          `Slack channel ${channel ?? '(unknown)'} is not reachable with this agency's Slack app: ${unreachable} (${code})`,
          { slackError: code, ...(channel ? { channel } : {}) },
        );
      }
      if (code === 'ratelimited')
        return new TransientActionError('slack_rate_limited', 'Slack rate limited the call', { slackError: code });
      if (TRANSIENT_PLATFORM_ERRORS.has(code))
        return new TransientActionError('slack_unavailable', `Slack is temporarily unavailable (${code})`, {
          slackError: code,
        });
      return new PermanentActionError('slack_rejected', `Slack rejected the message (${code})`, { slackError: code });
    }
    if (error instanceof WebAPIHTTPError) {
      if (error.statusCode >= 500 || error.statusCode === 408 || error.statusCode === 429) {
        return new TransientActionError('slack_unavailable', `Slack answered HTTP ${error.statusCode}`, {
          status: error.statusCode,
        });
      }
      return new PermanentActionError('slack_rejected', `Slack answered HTTP ${error.statusCode}`, {
        status: error.statusCode,
      });
    }
    if (error instanceof WebAPIRequestError) {
      const cause = (error.original as { cause?: { code?: unknown } } | undefined)?.cause?.code;
      const reason = [error.original?.message ?? error.message, typeof cause === 'string' ? cause : null]
        .filter(Boolean)
        .join(': ');
      return new TransientActionError('slack_unavailable', `Slack could not be reached (${reason})`);
    }
    const message = error instanceof Error ? error.message : String(error);
    // A 429 without a usable Retry-After surfaces as a plain Error from the WebClient.
    if (/rate limit|retry header/i.test(message))
      return new TransientActionError('slack_rate_limited', 'Slack rate limited the call');
    return new TransientActionError('slack_unavailable', `Slack call failed: ${message}`);
  }

  private client(token: string): WebClient {
    const key = `${this.slackApiUrl}\u0000${token}`;
    let client = this.clients.get(key);
    if (client) return client;
    if (this.clients.size >= MAX_CACHED_CLIENTS) this.clients.delete(this.clients.keys().next().value as string);
    client = new WebClient(token, {
      slackApiUrl: this.slackApiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: this.timeoutMs,
      logLevel: LogLevel.ERROR,
    });
    this.clients.set(key, client);
    return client;
  }
}
