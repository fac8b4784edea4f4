import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import { ActionError, PermanentActionError, TransientActionError } from '../errors/action-errors';
import { findOutboundRefusal, OutboundPolicy } from './outbound-policy';

export interface EmailSenderOptions {
  /** The deployment's SMTP server (`SMTP_URL`), used when the agency has none of its own. */
  defaultSmtpUrl?: string;
  /** The sender when the caller passes none (`EMAIL_FROM`). */
  defaultFrom: string;
  /** Connection and greeting timeout; the socket may stay idle twice as long. Default 15 s. */
  timeoutMs?: number;
  /**
   * Where an agency's own SMTP URL may connect (checked on the resolved address at connect time). Default:
   * `OutboundPolicy.fromEnv()` (`OUTBOUND_ALLOWED_HOSTS`). The operator's `defaultSmtpUrl` is never checked.
   */
  outbound?: OutboundPolicy;
}

export interface EmailSendInput {
  /**
   * The agency's SMTP URL (`smtp://user:pass@host:587`, `smtps://...`), already decrypted; else the default. An
   * agency's URL connects only to addresses the outbound policy accepts and may carry only TENANT_SMTP_OPTIONS.
   */
  smtpUrl?: string;
  from?: string;
  to: string[];
  subject: string;
  text: string;
  html?: string;
}

export interface EmailSendResult {
  messageId: string;
  /** Recipients the server accepted. */
  accepted: string[];
  /** Recipients the server refused while accepting the others (the message went to `accepted`). */
  rejected: string[];
}

const MAX_CACHED_TRANSPORTS = 50;
/** nodemailer error codes that no retry will fix. Everything else without a reply code (connection, DNS, timeout) is transient. */
const PERMANENT_NODEMAILER_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EREQUIRETLS', 'ESTREAM']);

interface NodemailerError {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
}

/**
 * Query parameters an agency's SMTP URL may carry (nodemailer turns any parameter into a transport option: `proxy`,
 * `host`, `localAddress` or `service` would send the connection somewhere else than the URL's host).
 */
export const TENANT_SMTP_OPTIONS: ReadonlySet<string> = new Set([
  'name',
  'requireTLS',
  'ignoreTLS',
  'opportunisticTLS',
  'authMethod',
  'tls.rejectUnauthorized',
  'tls.servername',
  'tls.minVersion',
]);

/** Why an agency's SMTP URL is refused, or null: a parameter outside TENANT_SMTP_OPTIONS (the host is the outbound policy's). */
export function tenantSmtpUrlProblem(smtpUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    return 'is not a valid URL';
  }
  if (!/^smtps?:$/.test(url.protocol)) return 'must be an smtp:// or smtps:// URL';
  const refused = [...url.searchParams.keys()].find((key) => !TENANT_SMTP_OPTIONS.has(key));
  return refused ? `must not set the "${refused}" option (allowed: ${[...TENANT_SMTP_OPTIONS].join(', ')})` : null;
}

function addressList(list: Array<string | { address: string }> | undefined): string[] {
  return (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.address));
}

/** No header may carry a line break (defence in depth: templates are rendered with header escaping already). */
function singleLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/**
 * Sends mail over SMTP with nodemailer, one transport per SMTP URL (cached, no pooling).
 * Failures are thrown as `TransientActionError` (4xx replies, connection trouble, timeouts) or
 * `PermanentActionError` (5xx replies, authentication, a missing or invalid configuration).
 */
export class EmailSender {
  private readonly transports = new Map<string, Transporter<SMTPTransport.SentMessageInfo>>();
  private readonly timeoutMs: number;

  constructor(private readonly options: EmailSenderOptions) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async send(input: EmailSendInput): Promise<EmailSendResult> {
    const tenant = Boolean(input.smtpUrl);
    const smtpUrl = input.smtpUrl || this.options.defaultSmtpUrl;
    if (!smtpUrl)
      throw new PermanentActionError(
        'integration_missing',
        'Email is not configured: the agency has no SMTP integration and no default SMTP_URL is set',
      );
    const to = input.to.map((address) => address.trim()).filter(Boolean);
    if (to.length === 0) throw new PermanentActionError('invalid_recipients', 'The email has no recipients');
    const from = singleLine(input.from || this.options.defaultFrom);
    if (!from)
      throw new PermanentActionError('integration_missing', 'Email is not configured: no sender address (EMAIL_FROM)');

    const transport = this.transport(smtpUrl, tenant);
    try {
      const info = await transport.sendMail({
        from,
        to,
        subject: singleLine(input.subject),
        text: input.text,
        ...(input.html !== undefined ? { html: input.html } : {}),
      });
      return { messageId: info.messageId, accepted: addressList(info.accepted), rejected: addressList(info.rejected) };
    } catch (error) {
      throw EmailSender.classify(error);
    }
  }

  /** Closes the cached transports (there are no pooled connections; this only releases them). */
  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }

  /** Maps a nodemailer failure to the engine's transient/permanent errors (messages never contain the SMTP URL). */
  static classify(error: unknown): ActionError {
    if (error instanceof ActionError) return error;
    const refused = findOutboundRefusal(error);
    if (refused) return refused;
    const e = (error ?? {}) as NodemailerError;
    const message = e.message ?? String(error);
    const details = {
      ...(e.code ? { smtpCode: e.code } : {}),
      ...(e.responseCode ? { responseCode: e.responseCode } : {}),
      ...(e.command ? { command: e.command } : {}),
    };
    if (typeof e.responseCode === 'number' && e.responseCode >= 400 && e.responseCode < 500) {
      return new TransientActionError('smtp_unavailable', `The SMTP server deferred the message: ${message}`, details);
    }
    if (e.code === 'EAUTH') {
      return new PermanentActionError(
        'integration_auth_failed',
        `The SMTP server refused the login: ${message}`,
        details,
      );
    }
    if (typeof e.responseCode === 'number' && e.responseCode >= 500) {
      return new PermanentActionError('smtp_rejected', `The SMTP server rejected the message: ${message}`, details);
    }
    if (e.code && PERMANENT_NODEMAILER_CODES.has(e.code)) {
      return new PermanentActionError('smtp_rejected', `The message could not be sent: ${message}`, details);
    }
    return new TransientActionError('smtp_unavailable', `The SMTP server could not be reached: ${message}`, details);
  }

  private transport(smtpUrl: string, tenant: boolean): Transporter<SMTPTransport.SentMessageInfo> {
    // An agency's URL and the operator's never share a transport (only the agency's is checked).
    const cacheKey = `${tenant ? 'tenant' : 'operator'}\u0000${smtpUrl}`;
    const cached = this.transports.get(cacheKey);
    if (cached) return cached;
    if (!/^smtps?:\/\/[^/?#]/i.test(smtpUrl)) {
      throw new PermanentActionError(
        'integration_invalid',
        'The SMTP URL is invalid (expected smtp://[user:password@]host[:port] or smtps://...)',
      );
    }
    const problem = tenant ? tenantSmtpUrlProblem(smtpUrl) : null;
    if (problem) throw new PermanentActionError('integration_invalid', `The agency's SMTP URL ${problem}`);
    let connection: SMTPTransport.Options;
    try {
      connection = parseConnectionUrl(smtpUrl);
    } catch {
      throw new PermanentActionError('integration_invalid', 'The SMTP URL is invalid');
    }
    if (!connection.host) throw new PermanentActionError('integration_invalid', 'The SMTP URL has no host');
    const transport = nodemailer.createTransport<SMTPTransport.SentMessageInfo>({
      connectionTimeout: this.timeoutMs,
      greetingTimeout: this.timeoutMs,
      socketTimeout: this.timeoutMs * 2,
      // URL query parameters (e.g. ?tls.rejectUnauthorized=false) override the timeouts above.
      ...connection,
      pool: false,
      disableFileAccess: true,
      disableUrlAccess: true,
      // After the URL's options, so that no URL parameter can replace it.
      ...(tenant
        ? { getSocket: (this.options.outbound ?? OutboundPolicy.fromEnv()).smtpSocketFactory(this.timeoutMs) }
        : {}),
    } as SMTPTransport.Options);
    if (this.transports.size >= MAX_CACHED_TRANSPORTS) {
      const oldest = this.transports.keys().next().value as string;
      this.transports.get(oldest)?.close();
      this.transports.delete(oldest);
    }
    this.transports.set(cacheKey, transport);
    return transport;
  }
}
