import nodemailer from 'nodemailer';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

describe('startSmtpSink (with the real nodemailer SMTP transport)', () => {
  let sink: SmtpSink;
  const transport = (url = sink.url) => nodemailer.createTransport(url);

  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterEach(() => sink.reset());
  afterAll(async () => {
    await sink.close();
  });

  it('exposes an smtp:// url on the loopback interface', () => {
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
  });

  it('collects a plain-text message with its envelope, subject and body', async () => {
    const info = await transport().sendMail({
      from: 'Automations <bot@agency.test>',
      to: ['ops@agency.test', 'lead@agency.test'],
      subject: 'Client Acme is at risk',
      text: 'Health dropped to at_risk.\nPlease check in.',
    });

    expect(info.accepted).toEqual(['ops@agency.test', 'lead@agency.test']);
    const [message] = await sink.waitForMessages(1, 2000);
    expect(message).toMatchObject({
      from: 'bot@agency.test',
      to: ['ops@agency.test', 'lead@agency.test'],
      subject: 'Client Acme is at risk',
      text: 'Health dropped to at_risk.\nPlease check in.',
    });
    expect(message.html).toBeUndefined();
    expect(message.headers.from).toBe('Automations <bot@agency.test>');
    expect(message.raw).toContain('Subject: Client Acme is at risk');
    expect(message.receivedAt).toBeInstanceOf(Date);
  });

  it('decodes encoded-word subjects, quoted-printable and base64 bodies, and multipart html', async () => {
    const longLine = `Résumé — ${'ünïcödé '.repeat(20)}`;
    await transport().sendMail({
      from: 'bot@agency.test',
      to: 'ops@agency.test',
      subject: 'Grüße aus Köln ✓',
      text: longLine,
      html: `<p>${longLine}</p>`,
    });
    await transport().sendMail({
      from: 'bot@agency.test',
      to: 'ops@agency.test',
      subject: 'b64',
      text: 'Base64 body ✓\nsecond line',
      textEncoding: 'base64',
    });

    const [first, second] = await sink.waitForMessages(2, 2000);
    expect(first.subject).toBe('Grüße aus Köln ✓');
    expect(first.text).toBe(longLine);
    expect(first.html).toBe(`<p>${longLine}</p>`);
    expect(first.raw).toMatch(/multipart\/alternative/);
    expect(second.text).toBe('Base64 body ✓\nsecond line');
    expect(second.raw).toMatch(/Content-Transfer-Encoding: base64/i);
  });

  it('accepts any SMTP AUTH login over plain SMTP', async () => {
    const url = new URL(sink.url);
    url.username = 'mailer';
    url.password = 's3cret';
    await transport(url.toString()).sendMail({
      from: 'bot@agency.test',
      to: 'ops@agency.test',
      subject: 'auth',
      text: 'x',
    });

    const [message] = await sink.waitForMessages(1, 2000);
    expect(message.authUser).toBe('mailer');
  });

  it('answers an injected transient 421 on RCPT, then accepts again', async () => {
    sink.failNext(1, { code: 421, message: 'Try again later' });

    const error = await transport()
      .sendMail({ from: 'bot@agency.test', to: 'ops@agency.test', subject: 'x', text: 'x' })
      .catch((e: unknown) => e as { responseCode?: number; code?: string });
    expect(error).toMatchObject({ responseCode: 421 });
    expect(sink.messages).toHaveLength(0);

    await transport().sendMail({ from: 'bot@agency.test', to: 'ops@agency.test', subject: 'after', text: 'x' });
    await expect(sink.waitForMessages(1, 2000)).resolves.toHaveLength(1);
  });

  it('answers an injected permanent 550 at the end of DATA', async () => {
    sink.failNext(1, { code: 550, message: 'Message rejected', stage: 'data' });

    const error = await transport()
      .sendMail({ from: 'bot@agency.test', to: 'ops@agency.test', subject: 'x', text: 'x' })
      .catch((e: unknown) => e as { responseCode?: number; response?: string });
    expect(error).toMatchObject({ responseCode: 550 });
    expect((error as { response?: string }).response).toContain('Message rejected');
    expect(sink.messages).toHaveLength(0);
  });

  it('rejects single recipients when failing RCPT for one of several', async () => {
    sink.failNext(1, { code: 550, message: 'No such user' });

    const info = await transport().sendMail({
      from: 'bot@agency.test',
      to: ['gone@agency.test', 'ops@agency.test'],
      subject: 'x',
      text: 'x',
    });
    expect(info.rejected).toEqual(['gone@agency.test']);
    expect(info.accepted).toEqual(['ops@agency.test']);
    const [message] = await sink.waitForMessages(1, 2000);
    expect(message.to).toEqual(['ops@agency.test']);
  });

  it('waitForMessages rejects with a clear message at its deadline', async () => {
    await expect(sink.waitForMessages(1, 50)).rejects.toThrow(
      'Timed out after 50 ms: expected 1 SMTP message(s), received 0',
    );
  });
});
