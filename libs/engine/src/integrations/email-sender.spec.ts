import { startSmtpSink, type SmtpSink } from '@automations/testing';
import { ActionError, PermanentActionError, TransientActionError } from '../errors/action-errors';
import { EmailSender } from './email-sender';
import { OutboundPolicy } from './outbound-policy';

/** The sink listens on loopback, which an agency's SMTP URL may only reach when allow-listed. */
const LOOPBACK_ALLOWED = new OutboundPolicy({ allowed: ['127.0.0.1'] });

async function failureOf(promise: Promise<unknown>): Promise<ActionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ActionError)) throw new Error(`expected an ActionError, got ${String(error)}`);
  return error;
}

describe('EmailSender (against the local SMTP sink)', () => {
  let sink: SmtpSink;
  let closedUrl: string;
  let sender: EmailSender;

  beforeAll(async () => {
    sink = await startSmtpSink();
    const closed = await startSmtpSink();
    closedUrl = closed.url;
    await closed.close();
    sender = new EmailSender({
      defaultSmtpUrl: sink.url,
      defaultFrom: 'Automations <automations@agency.test>',
      outbound: LOOPBACK_ALLOWED,
    });
  });
  afterEach(() => sink.reset());
  afterAll(async () => {
    sender.close();
    await sink.close();
  });

  it('delivers the message with its subject, body and recipients', async () => {
    const result = await sender.send({
      to: ['ops@agency.test', 'lead@agency.test'],
      subject: 'Acme is at risk',
      text: 'Health dropped.\nPlease call them.',
    });

    const [message] = await sink.waitForMessages(1, 5000);
    expect(message).toMatchObject({
      from: 'automations@agency.test',
      to: ['ops@agency.test', 'lead@agency.test'],
      subject: 'Acme is at risk',
      text: 'Health dropped.\nPlease call them.',
    });
    expect(message.headers.from).toBe('Automations <automations@agency.test>');
    expect(result.accepted).toEqual(['ops@agency.test', 'lead@agency.test']);
    expect(result.rejected).toEqual([]);
    expect(result.messageId).toMatch(/^<.+@.+>$/);
    expect(message.headers['message-id']).toBe(result.messageId);
  });

  it('uses the given SMTP URL and sender over the defaults, with an html alternative', async () => {
    const withBrokenDefault = new EmailSender({
      defaultSmtpUrl: closedUrl,
      defaultFrom: 'default@agency.test',
      outbound: LOOPBACK_ALLOWED,
    });
    try {
      await withBrokenDefault.send({
        smtpUrl: sink.url,
        from: 'Team <team@agency.test>',
        to: ['ops@agency.test'],
        subject: 'Héllo ✓',
        text: 'plain',
        html: '<p>rich</p>',
      });
    } finally {
      withBrokenDefault.close();
    }

    const [message] = await sink.waitForMessages(1, 5000);
    expect(message).toMatchObject({ from: 'team@agency.test', subject: 'Héllo ✓', text: 'plain', html: '<p>rich</p>' });
  });

  it('strips line breaks from the subject (no header injection)', async () => {
    await sender.send({
      to: ['ops@agency.test'],
      subject: 'Hello\r\nBcc: attacker@evil.test\nX-Injected: yes',
      text: 'x',
    });

    const [message] = await sink.waitForMessages(1, 5000);
    expect(message.subject).toBe('Hello Bcc: attacker@evil.test X-Injected: yes');
    expect(message.headers.bcc).toBeUndefined();
    expect(message.headers['x-injected']).toBeUndefined();
    expect(message.to).toEqual(['ops@agency.test']);
  });

  it('fails permanently with integration_missing when no SMTP URL is configured anywhere', async () => {
    const unconfigured = new EmailSender({ defaultFrom: 'automations@agency.test' });

    const error = await failureOf(unconfigured.send({ to: ['ops@agency.test'], subject: 'x', text: 'x' }));
    expect(error).toBeInstanceOf(PermanentActionError);
    expect(error.code).toBe('integration_missing');
    expect(error.message).toMatch(/^Email is not configured/);
  });

  it('fails permanently on an invalid SMTP URL, without echoing it', async () => {
    const error = await failureOf(
      sender.send({ smtpUrl: 'http://user:hunter2@mail.example', to: ['ops@agency.test'], subject: 'x', text: 'x' }),
    );
    expect(error).toMatchObject({ code: 'integration_invalid', transient: false });
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2');
  });

  it.each([
    [421, 'rcpt'],
    [450, 'rcpt'],
    [451, 'data'],
  ] as const)('maps an SMTP %s on %s to transient smtp_unavailable', async (code, stage) => {
    sink.failNext(1, { code, stage });

    const error = await failureOf(sender.send({ to: ['ops@agency.test'], subject: 'x', text: 'x' }));
    expect(error).toBeInstanceOf(TransientActionError);
    expect(error).toMatchObject({ code: 'smtp_unavailable', details: { responseCode: code } });
    expect(sink.messages).toHaveLength(0);
  });

  it.each([
    [550, 'rcpt'],
    [553, 'rcpt'],
    [554, 'data'],
  ] as const)('maps an SMTP %s on %s to permanent smtp_rejected', async (code, stage) => {
    sink.failNext(1, { code, stage, message: 'Rejected by policy' });

    const error = await failureOf(sender.send({ to: ['ops@agency.test'], subject: 'x', text: 'x' }));
    expect(error).toBeInstanceOf(PermanentActionError);
    expect(error).toMatchObject({ code: 'smtp_rejected', details: { responseCode: code } });
    expect(error.message).toContain('Rejected by policy');
    expect(sink.messages).toHaveLength(0);
  });

  it('maps a refused connection to transient smtp_unavailable, without the URL credentials', async () => {
    const url = new URL(closedUrl);
    url.username = 'mailer';
    url.password = 'hunter2';

    const error = await failureOf(
      sender.send({ smtpUrl: url.toString(), to: ['ops@agency.test'], subject: 'x', text: 'x' }),
    );
    expect(error).toBeInstanceOf(TransientActionError);
    expect(error.code).toBe('smtp_unavailable');
    expect(JSON.stringify(error.toJSON())).not.toContain('hunter2');
  });

  it('reports recipients the server refused while delivering to the others', async () => {
    sink.failNext(1, { code: 550, message: 'No such user' });

    const result = await sender.send({ to: ['gone@agency.test', 'ops@agency.test'], subject: 'partial', text: 'x' });
    expect(result).toMatchObject({ accepted: ['ops@agency.test'], rejected: ['gone@agency.test'] });
    const [message] = await sink.waitForMessages(1, 5000);
    expect(message.to).toEqual(['ops@agency.test']);
  });

  it('fails permanently without connecting when there are no recipients', async () => {
    await expect(failureOf(sender.send({ to: [' '], subject: 'x', text: 'x' }))).resolves.toMatchObject({
      code: 'invalid_recipients',
      transient: false,
    });
  });
});
