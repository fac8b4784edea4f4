import { createServer, type Server, type Socket } from 'node:net';
import { startSlackApiServer, type SlackApiServer } from '@automations/testing';
import { ActionError, PermanentActionError, TransientActionError } from '../errors/action-errors';
import { SlackNotifier } from './slack-notifier';

const TOKEN = 'xoxb-agency-bot-token';

async function failureOf(promise: Promise<unknown>): Promise<ActionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ActionError)) throw new Error(`expected an ActionError, got ${String(error)}`);
  return error;
}

describe('SlackNotifier (against the local Slack Web API server)', () => {
  let slack: SlackApiServer;
  let notifier: SlackNotifier;

  beforeAll(async () => {
    slack = await startSlackApiServer();
    notifier = new SlackNotifier({ slackApiUrl: slack.url });
  });
  afterEach(() => slack.reset());
  afterAll(async () => {
    await slack.close();
  });

  it('posts the message and returns its ts and channel', async () => {
    const result = await notifier.send({ token: TOKEN, channel: 'C0OPS', text: 'Acme moved to *at risk*' });

    const [call] = await slack.waitForCalls(1, 2000, 'chat.postMessage');
    expect(call).toMatchObject({ token: TOKEN, body: { channel: 'C0OPS', text: 'Acme moved to *at risk*' } });
    expect(result).toEqual({ ts: slack.posted[0].ts, channel: 'C0OPS' });
  });

  it('reuses one WebClient per token', async () => {
    await notifier.send({ token: TOKEN, channel: 'C1', text: 'a' });
    await notifier.send({ token: 'xoxb-other-agency', channel: 'C1', text: 'b' });
    await notifier.send({ token: TOKEN, channel: 'C2', text: 'c' });

    expect((notifier as unknown as { clients: Map<string, unknown> }).clients.size).toBe(2);
    expect(slack.calls.map((c) => c.token)).toEqual([TOKEN, 'xoxb-other-agency', TOKEN]);
  });

  it('maps HTTP 500 to a transient slack_unavailable after exactly one call (the client does not retry)', async () => {
    slack.failNext(1, { status: 500 });

    const error = await failureOf(notifier.send({ token: TOKEN, channel: 'C1', text: 'x' }));
    expect(error).toBeInstanceOf(TransientActionError);
    expect(error).toMatchObject({ code: 'slack_unavailable', transient: true });
    expect(slack.calls).toHaveLength(1);
  });

  it('maps HTTP 429 to a transient slack_rate_limited carrying Retry-After, after exactly one call', async () => {
    slack.failNext(1, { status: 429, retryAfterSeconds: 12 });

    const error = await failureOf(notifier.send({ token: TOKEN, channel: 'C1', text: 'x' }));
    expect(error).toBeInstanceOf(TransientActionError);
    expect(error).toMatchObject({ code: 'slack_rate_limited', retryAfterMs: 12_000 });
    expect(slack.calls).toHaveLength(1);
  });

  it('maps a 429 without Retry-After and the ratelimited platform error to transient slack_rate_limited', async () => {
    slack.failNext(1, { status: 429, retryAfterSeconds: null });
    slack.failNext(1, { ok: false, error: 'ratelimited' });

    await expect(failureOf(notifier.send({ token: TOKEN, channel: 'C1', text: 'x' }))).resolves.toMatchObject({
      code: 'slack_rate_limited',
      transient: true,
    });
    await expect(failureOf(notifier.send({ token: TOKEN, channel: 'C1', text: 'x' }))).resolves.toMatchObject({
      code: 'slack_rate_limited',
      transient: true,
    });
    expect(slack.calls).toHaveLength(2);
  });

  it('maps a dropped connection to transient slack_unavailable', async () => {
    slack.failNext(1, { disconnect: true });

    const error = await failureOf(notifier.send({ token: TOKEN, channel: 'C1', text: 'x' }));
    expect(error).toMatchObject({ code: 'slack_unavailable', transient: true });
    expect(slack.calls).toHaveLength(1);
  });

  it('maps a refused connection to transient slack_unavailable', async () => {
    const gone = await startSlackApiServer();
    await gone.close();

    const error = await failureOf(
      new SlackNotifier({ slackApiUrl: gone.url }).send({ token: TOKEN, channel: 'C1', text: 'x' }),
    );
    expect(error).toBeInstanceOf(TransientActionError);
    expect(error.code).toBe('slack_unavailable');
  });

  it('maps a request timeout to transient slack_unavailable', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const error = await failureOf(
        new SlackNotifier({ slackApiUrl: `http://127.0.0.1:${port}/api/`, timeoutMs: 200 }).send({
          token: TOKEN,
          channel: 'C1',
          text: 'x',
        }),
      );
      expect(error).toMatchObject({ code: 'slack_unavailable', transient: true });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it.each(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked'])(
    'maps %s to permanent integration_auth_failed',
    async (slackError) => {
      slack.failNext(1, { ok: false, error: slackError });

      const error = await failureOf(notifier.send({ token: TOKEN, channel: 'C1', text: 'x' }));
      expect(error).toBeInstanceOf(PermanentActionError);
      expect(error).toMatchObject({ code: 'integration_auth_failed', transient: false, details: { slackError } });
      expect(slack.calls).toHaveLength(1);
    },
  );

  it('rejects an unknown token as integration_auth_failed, without the token in the error', async () => {
    const error = await failureOf(notifier.send({ token: 'xoxb-invalid', channel: 'C1', text: 'x' }));

    expect(error).toMatchObject({ code: 'integration_auth_failed', transient: false });
    expect(JSON.stringify(error.toJSON())).not.toContain('xoxb-invalid');
    expect(error.message).not.toContain('xoxb-invalid');
  });

  it.each([
    ['channel_not_found', /no such channel in the agency's Slack workspace/],
    ['not_in_channel', /not a member of the channel/],
    ['is_archived', /archived/],
  ])(
    "maps %s (a channel the agency's app cannot reach) to permanent permission_denied naming the channel",
    async (slackError, reason) => {
      slack.failNext(1, { ok: false, error: slackError });

      const error = await failureOf(notifier.send({ token: TOKEN, channel: 'C0ELSEWHERE', text: 'x' }));
      expect(error).toBeInstanceOf(PermanentActionError);
      expect(error).toMatchObject({
        code: 'permission_denied',
        transient: false,
        details: { slackError, channel: 'C0ELSEWHERE' },
      });
      expect(error.message).toMatch(
        new RegExp(`^Slack channel C0ELSEWHERE is not reachable with this agency's Slack app: .*\\(${slackError}\\)$`),
      );
      expect(error.message).toMatch(reason);
      expect(slack.calls).toHaveLength(1);
    },
  );

  it("classifies a channel outside the token's workspace on the real protocol answer", async () => {
    slack.workspaces.set(TOKEN, new Set(['C0OURS']));

    await expect(notifier.send({ token: TOKEN, channel: 'C0OURS', text: 'x' })).resolves.toMatchObject({
      channel: 'C0OURS',
    });
    await expect(failureOf(notifier.send({ token: TOKEN, channel: 'C0THEIRS', text: 'x' }))).resolves.toMatchObject({
      code: 'permission_denied',
      details: { slackError: 'channel_not_found' },
    });
  });

  it.each(['user_not_found', 'msg_too_long'])('maps %s to permanent slack_rejected', async (slackError) => {
    slack.failNext(1, { ok: false, error: slackError });

    const error = await failureOf(notifier.send({ token: TOKEN, channel: 'C1', text: 'x' }));
    expect(error).toBeInstanceOf(PermanentActionError);
    expect(error).toMatchObject({ code: 'slack_rejected', details: { slackError } });
    expect(error.message).toContain(slackError);
    expect(slack.calls).toHaveLength(1);
  });

  it('maps a non-5xx HTTP error (e.g. a wrong API URL answering 404) to permanent slack_rejected', async () => {
    slack.failNext(1, { status: 404, body: 'Not Found' });

    await expect(failureOf(notifier.send({ token: TOKEN, channel: 'C1', text: 'x' }))).resolves.toMatchObject({
      code: 'slack_rejected',
      transient: false,
    });
  });

  it('fails permanently without calling Slack when there is no token', async () => {
    await expect(failureOf(notifier.send({ token: '', channel: 'C1', text: 'x' }))).resolves.toMatchObject({
      code: 'integration_missing',
      transient: false,
    });
    expect(slack.calls).toHaveLength(0);
  });
});
