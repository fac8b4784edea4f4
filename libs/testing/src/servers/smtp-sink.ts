import { SMTPServer, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { parseMimeMessage } from './mime-message';
import { waitUntil } from './wait-until';

/** A message the sink accepted. */
export interface SmtpMessage {
  /** Envelope sender (MAIL FROM). */
  from: string;
  /** Envelope recipients (RCPT TO) that were accepted. */
  to: string[];
  /** The message as received after DATA. */
  raw: string;
  /** Decoded `Subject` header. */
  subject: string;
  /** Decoded first `text/plain` part (line breaks as `\n`, the final one trimmed). */
  text: string;
  /** Decoded first `text/html` part, if any. */
  html?: string;
  /** Header values by lower-case name (first occurrence, encoded words decoded). */
  headers: Record<string, string>;
  /** The SMTP AUTH user name, when the client authenticated. */
  authUser?: string;
  receivedAt: Date;
}

/**
 * An SMTP reply `failNext` sends instead of accepting: e.g. `{ code: 421 }` (transient; the
 * server then closes the connection) or `{ code: 550, message: 'Mailbox unavailable' }`.
 * `stage` is where it is answered: each RCPT TO command (default) or the end of DATA.
 */
export interface SmtpFailure {
  code: number;
  message?: string;
  stage?: 'rcpt' | 'data';
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>` (plain SMTP, no STARTTLS; AUTH is optional and accepts any login). */
  readonly url: string;
  readonly port: number;
  /** Accepted messages, in order (a live array; `reset()` empties it). */
  readonly messages: SmtpMessage[];
  /** The next `count` RCPT TO commands (or DATA ends, per `failure.stage`) are answered with `failure`. */
  failNext(count: number, failure: SmtpFailure): void;
  /** Resolves with the messages once at least `count` were accepted. */
  waitForMessages(count: number, timeoutMs?: number): Promise<SmtpMessage[]>;
  /** Forgets messages and pending failures. */
  reset(): void;
  close(): Promise<void>;
}

interface PendingFailure {
  remaining: number;
  failure: SmtpFailure;
}

function smtpError(failure: SmtpFailure): SMTPServerError {
  const error: SMTPServerError = new Error(
    failure.message ??
      (failure.code >= 500
        ? 'Requested action not taken: mailbox unavailable'
        : 'Service not available, try again later'),
  );
  error.responseCode = failure.code;
  return error;
}

/** A real SMTP server (`smtp-server`) on 127.0.0.1 and an ephemeral port that keeps what it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SmtpMessage[] = [];
  let failures: PendingFailure[] = [];

  function takeFailure(stage: 'rcpt' | 'data'): SmtpFailure | null {
    const pending = failures.find((f) => f.remaining > 0 && (f.failure.stage ?? 'rcpt') === stage);
    if (!pending) return null;
    pending.remaining -= 1;
    failures = failures.filter((f) => f.remaining > 0);
    return pending.failure;
  }

  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 200,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onRcptTo(_address, _session, callback) {
      const failure = takeFailure('rcpt');
      callback(failure ? smtpError(failure) : null);
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        const failure = takeFailure('data');
        if (failure) return callback(smtpError(failure));
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = parseMimeMessage(raw);
        const mailFrom = session.envelope.mailFrom;
        messages.push({
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: parsed.subject,
          text: parsed.text,
          ...(parsed.html !== undefined ? { html: parsed.html } : {}),
          headers: parsed.headers,
          ...(typeof session.user === 'string' ? { authUser: session.user } : {}),
          receivedAt: new Date(),
        });
        callback(null, 'Message queued');
      });
    },
  });
  // Client sockets dropping mid-session are expected in failure tests; they must not crash the test process.
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    failNext(count, failure) {
      if (!Number.isInteger(count) || count < 1) throw new Error(`failNext needs a positive count, got ${count}`);
      failures.push({ remaining: count, failure });
    },
    async waitForMessages(count, timeoutMs = 5000) {
      await waitUntil(
        () => messages.length >= count,
        timeoutMs,
        () =>
          `expected ${count} SMTP message(s), received ${messages.length}${messages.length ? ` (subjects: ${messages.map((m) => JSON.stringify(m.subject)).join(', ')})` : ''}`,
      );
      return messages;
    },
    reset() {
      messages.length = 0;
      failures = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (!server.server.listening) return resolve();
        server.close(() => resolve());
      }),
  };
}
