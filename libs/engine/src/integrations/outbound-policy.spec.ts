import { startOpenAiServer, startSmtpSink, type OpenAiServer, type SmtpSink } from '@automations/testing';
import { ActionError } from '../errors/action-errors';
import { createCommunicationDrafter } from './communication-drafter.factory';
import type { DraftInput } from './communication-drafter';
import { EmailSender, tenantSmtpUrlProblem } from './email-sender';
import { OpenAiDrafter } from './openai-drafter';
import { isPublicAddress, OutboundPolicy, type OutboundLookup } from './outbound-policy';

const DRAFT: DraftInput = {
  platform: 'email',
  tone: 'friendly',
  template: 'Say hello',
  client: { name: 'Acme', stage: 'onboarding', health: 'green' },
  trigger: {},
  agencyName: 'Agency',
};

async function failureOf(promise: Promise<unknown>): Promise<ActionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ActionError)) throw new Error(`expected an ActionError, got ${String(error)}`);
  return error;
}

/** A resolver whose answer for `rebind.example.com` is whatever the test says at that moment (DNS rebinding). */
function rebindingLookup(): { lookup: OutboundLookup; answer: (address: string) => void } {
  let current = '93.184.216.34';
  return {
    answer: (address) => (current = address),
    lookup: async (hostname) =>
      hostname === 'rebind.example.com'
        ? [{ address: current, family: current.includes(':') ? 6 : 4 }]
        : [{ address: '93.184.216.34', family: 4 }],
  };
}

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', false],
    ['127.9.9.9', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['::1', false],
    ['[::1]', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00:ec2::254', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:169.254.169.254', false],
    ['64:ff9b::a9fe:a9fe', false],
    ['not-an-address', false],
    ['8.8.8.8', true],
    ['172.32.0.1', true],
    ['93.184.216.34', true],
    ['::ffff:8.8.8.8', true],
    ['2606:4700:4700::1111', true],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('OutboundPolicy', () => {
  it('refuses loopback, private and link-local targets at save time, naming the address', async () => {
    const policy = new OutboundPolicy({ lookup: async () => [{ address: '10.0.0.5', family: 4 }] });
    expect(await policy.checkHost('169.254.169.254')).toMatch(/169\.254\.169\.254/);
    expect(await policy.checkHost('[::1]')).toMatch(/::1/);
    expect(await policy.checkHost('localhost')).toMatch(/this machine/);
    expect(await policy.checkHost('api.localhost')).toMatch(/this machine/);
    expect(await policy.checkHost('internal.example.com')).toMatch(/resolves to 10\.0\.0\.5/);
    expect(
      await new OutboundPolicy({ lookup: async () => [{ address: '93.184.216.34', family: 4 }] }).checkHost(
        'api.example.com',
      ),
    ).toBeNull();
    // A name that does not resolve now is accepted: the connection is checked again.
    expect(
      await new OutboundPolicy({ lookup: () => Promise.reject(new Error('ENOTFOUND')) }).checkHost('later.example.com'),
    ).toBeNull();
  });

  it('accepts what OUTBOUND_ALLOWED_HOSTS lists: names, addresses and ranges', async () => {
    const policy = OutboundPolicy.fromEnv({ OUTBOUND_ALLOWED_HOSTS: 'llm.internal, 10.20.0.0/16 ::1' });
    expect(await policy.checkHost('llm.internal')).toBeNull();
    expect(await policy.checkHost('10.20.3.4')).toBeNull();
    expect(await policy.checkHost('10.21.3.4')).not.toBeNull();
    expect(await policy.checkHost('[::1]')).toBeNull();
    expect(() => OutboundPolicy.fromEnv({ OUTBOUND_ALLOWED_HOSTS: '10.0.0.0/99' })).toThrow(/CIDR/);
    expect(() => OutboundPolicy.fromEnv({ OUTBOUND_ALLOWED_HOSTS: 'http://x' })).toThrow(/OUTBOUND_ALLOWED_HOSTS/);
  });

  it('refuses the resolved address at connect time, every address of the answer', async () => {
    const { lookup, answer } = rebindingLookup();
    const policy = new OutboundPolicy({ lookup });
    expect(await policy.resolve('rebind.example.com')).toEqual({ address: '93.184.216.34', family: 4 });
    answer('169.254.169.254');
    await expect(policy.resolve('rebind.example.com')).rejects.toMatchObject({
      code: 'outbound_address_refused',
      transient: false,
    });
    await expect(policy.resolve('127.0.0.1')).rejects.toMatchObject({ code: 'outbound_address_refused' });
  });
});

describe('outbound checks of tenant-supplied URLs (against the local servers)', () => {
  let ai: OpenAiServer;
  let sink: SmtpSink;

  beforeAll(async () => {
    ai = await startOpenAiServer({ reply: 'Hello from the model' });
    sink = await startSmtpSink();
  });
  afterEach(() => {
    ai.reset();
    sink.reset();
  });
  afterAll(async () => {
    await ai.close();
    await sink.close();
  });

  it('OpenAI: a base URL that resolves to loopback at connect time (DNS rebinding) never receives the key', async () => {
    const { lookup, answer } = rebindingLookup();
    answer('127.0.0.1');
    const port = new URL(ai.baseUrl).port;
    const drafter = new OpenAiDrafter({
      apiKey: 'sk-tenant-secret',
      baseUrl: `http://rebind.example.com:${port}/v1`,
      model: 'm',
      outbound: new OutboundPolicy({ lookup }),
    });
    const error = await failureOf(drafter.draft(DRAFT));
    expect(error).toMatchObject({ code: 'outbound_address_refused', transient: false });
    expect(ai.requests).toHaveLength(0);
    // A literal loopback address is refused the same way.
    const literal = new OpenAiDrafter({
      apiKey: 'sk-tenant-secret',
      baseUrl: ai.baseUrl,
      model: 'm',
      outbound: new OutboundPolicy(),
    });
    expect(await failureOf(literal.draft(DRAFT))).toMatchObject({ code: 'outbound_address_refused' });
    expect(ai.requests).toHaveLength(0);
  });

  it('OpenAI: the same call goes through when the operator allow-lists the address, to the address that was checked', async () => {
    const { lookup, answer } = rebindingLookup();
    answer('127.0.0.1');
    const port = new URL(ai.baseUrl).port;
    const drafter = new OpenAiDrafter({
      apiKey: 'sk-tenant-secret',
      baseUrl: `http://rebind.example.com:${port}/v1`,
      model: 'm',
      outbound: new OutboundPolicy({ lookup, allowed: ['127.0.0.0/8'] }),
    });
    expect((await drafter.draft(DRAFT)).content).toBe('Hello from the model');
    expect(ai.requests[0].headers.host).toBe(`rebind.example.com:${port}`);
  });

  it('OpenAI: the factory checks an agency base URL but not the operator OPENAI_BASE_URL', async () => {
    const tenant = createCommunicationDrafter({ apiKey: 'sk-x', baseUrl: ai.baseUrl, model: 'm', env: {} });
    expect(await failureOf(tenant.draft(DRAFT))).toMatchObject({ code: 'outbound_address_refused' });
    const operator = createCommunicationDrafter({
      apiKey: 'sk-x',
      baseUrl: ai.baseUrl,
      model: 'm',
      env: { OPENAI_BASE_URL: ai.baseUrl },
    });
    expect((await operator.draft(DRAFT)).content).toBe('Hello from the model');
  });

  it('SMTP: an agency URL to loopback is refused at connect time; the operator SMTP_URL is not checked', async () => {
    const sender = new EmailSender({
      defaultSmtpUrl: sink.url,
      defaultFrom: 'a@agency.test',
      outbound: new OutboundPolicy(),
    });
    try {
      const error = await failureOf(
        sender.send({ smtpUrl: sink.url, to: ['ops@agency.test'], subject: 'x', text: 'x' }),
      );
      expect(error).toMatchObject({ code: 'outbound_address_refused', transient: false });
      expect(sink.messages).toHaveLength(0);
      await sender.send({ to: ['ops@agency.test'], subject: 'operator', text: 'x' });
      expect((await sink.waitForMessages(1, 5000))[0].subject).toBe('operator');
    } finally {
      sender.close();
    }
  });

  it('SMTP: a rebinding host name is refused; allow-listed, the message is delivered through the checked address', async () => {
    const { lookup, answer } = rebindingLookup();
    answer('127.0.0.1');
    const url = `smtp://rebind.example.com:${new URL(sink.url).port}`;
    const refused = new EmailSender({ defaultFrom: 'a@agency.test', outbound: new OutboundPolicy({ lookup }) });
    const allowed = new EmailSender({
      defaultFrom: 'a@agency.test',
      outbound: new OutboundPolicy({ lookup, allowed: ['127.0.0.1'] }),
    });
    try {
      expect(
        await failureOf(refused.send({ smtpUrl: url, to: ['ops@agency.test'], subject: 'x', text: 'x' })),
      ).toMatchObject({ code: 'outbound_address_refused' });
      await allowed.send({ smtpUrl: url, to: ['ops@agency.test'], subject: 'allowed', text: 'x' });
      expect((await sink.waitForMessages(1, 5000))[0].subject).toBe('allowed');
    } finally {
      refused.close();
      allowed.close();
    }
  });

  it('SMTP: an agency URL may not carry options that move the connection (proxy, host, localAddress)', async () => {
    expect(tenantSmtpUrlProblem('smtp://mail.example.com:587?proxy=http://169.254.169.254')).toMatch(/"proxy"/);
    expect(tenantSmtpUrlProblem('smtp://mail.example.com?host=127.0.0.1')).toMatch(/"host"/);
    expect(tenantSmtpUrlProblem('smtps://u:p@mail.example.com:465?tls.rejectUnauthorized=false&name=relay')).toBeNull();
    const sender = new EmailSender({
      defaultFrom: 'a@agency.test',
      outbound: new OutboundPolicy({ allowed: ['127.0.0.1'] }),
    });
    try {
      const error = await failureOf(
        sender.send({
          smtpUrl: `${sink.url}?proxy=socks5://127.0.0.1:1`,
          to: ['ops@agency.test'],
          subject: 'x',
          text: 'x',
        }),
      );
      expect(error).toMatchObject({ code: 'integration_invalid' });
    } finally {
      sender.close();
    }
  });
});
