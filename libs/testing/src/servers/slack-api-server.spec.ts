import {
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
} from '@slack/web-api';
import { startSlackApiServer, type SlackApiServer } from './slack-api-server';

describe('startSlackApiServer (with the real @slack/web-api WebClient)', () => {
  let slack: SlackApiServer;
  const client = (token = 'xoxb-test-token') =>
    new WebClient(token, {
      slackApiUrl: slack.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });

  beforeAll(async () => {
    slack = await startSlackApiServer();
  });
  afterEach(() => slack.reset());
  afterAll(async () => {
    await slack.close();
  });

  it('exposes a slackApiUrl ending with /api/', () => {
    expect(slack.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('answers chat.postMessage and records the form-encoded call with its bearer token', async () => {
    const result = await client().chat.postMessage({ channel: 'C0GENERAL', text: 'Hello *team*' });

    expect(result).toMatchObject({ ok: true, channel: 'C0GENERAL', message: { text: 'Hello *team*' } });
    expect(result.ts).toMatch(/^\d+\.\d{6}$/);
    const calls = await slack.waitForCalls(1, 2000, 'chat.postMessage');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'chat.postMessage',
      token: 'xoxb-test-token',
      body: { channel: 'C0GENERAL', text: 'Hello *team*' },
    });
    expect(calls[0].at).toBeInstanceOf(Date);
    expect(slack.posted).toEqual([
      { token: 'xoxb-test-token', channel: 'C0GENERAL', text: 'Hello *team*', ts: result.ts },
    ]);
  });

  it('accepts a JSON body as Slack does', async () => {
    const response = await fetch(`${slack.url}chat.postMessage`, {
      method: 'POST',
      headers: { Authorization: 'Bearer xoxb-json', 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C0JSON', text: 'from json' }),
    });
    const body = await response.json();

    expect(response.status).toBe(200);
    expect(body).toMatchObject({ ok: true, channel: 'C0JSON', message: { text: 'from json' } });
    expect(slack.calls[0]).toMatchObject({ token: 'xoxb-json', body: { channel: 'C0JSON', text: 'from json' } });
  });

  it('answers auth.test for a valid token', async () => {
    await expect(client().auth.test()).resolves.toMatchObject({ ok: true, team_id: 'T0TEST', user_id: 'U0TESTBOT' });
  });

  it('rejects unknown tokens with invalid_auth and a missing token with not_authed', async () => {
    await expect(client('xoxb-invalid').chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      constructor: WebAPIPlatformError,
      data: { ok: false, error: 'invalid_auth' },
    });
    const response = await fetch(`${slack.url}auth.test`, { method: 'POST' });
    await expect(response.json()).resolves.toEqual({ ok: false, error: 'not_authed' });
    slack.invalidTokens.add('xoxb-revoked');
    await expect(client('xoxb-revoked').auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
  });

  it('injects an HTTP 500 once, then answers normally', async () => {
    slack.failNext(1, { status: 500 });

    const error = await client()
      .chat.postMessage({ channel: 'C1', text: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect((error as WebAPIHTTPError).statusCode).toBe(500);
    expect(slack.calls).toHaveLength(1);

    await expect(client().chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
    expect(slack.calls).toHaveLength(2);
  });

  it('injects an HTTP 429 with Retry-After', async () => {
    slack.failNext(1, { status: 429, retryAfterSeconds: 7 });

    const error = await client()
      .chat.postMessage({ channel: 'C1', text: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(slack.calls).toHaveLength(1);
  });

  it('injects platform errors, only for the given method when one is named', async () => {
    slack.failNext(2, { ok: false, error: 'channel_not_found' }, { method: 'chat.postMessage' });

    await expect(client().auth.test()).resolves.toMatchObject({ ok: true });
    await expect(client().chat.postMessage({ channel: 'C404', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(client().chat.postMessage({ channel: 'C404', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(client().chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it("answers channel_not_found outside the token's workspace, is_archived and not_in_channel, as Slack does", async () => {
    slack.workspaces.set('xoxb-agency-a', new Set(['C0A', 'C0OLD', 'C0PRIVATE']));
    slack.archivedChannels.add('C0OLD');
    slack.channelsWithoutApp.add('C0PRIVATE');

    await expect(client('xoxb-agency-a').chat.postMessage({ channel: 'C0A', text: 'x' })).resolves.toMatchObject({
      ok: true,
      channel: 'C0A',
    });
    await expect(client('xoxb-agency-a').chat.postMessage({ channel: 'C0B', text: 'x' })).rejects.toMatchObject({
      data: { ok: false, error: 'channel_not_found' },
    });
    await expect(client('xoxb-agency-a').chat.postMessage({ channel: 'C0OLD', text: 'x' })).rejects.toMatchObject({
      data: { error: 'is_archived' },
    });
    await expect(client('xoxb-agency-a').chat.postMessage({ channel: 'C0PRIVATE', text: 'x' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    // A token without a workspace entry reaches any channel that is not archived or closed to the app.
    await expect(client('xoxb-agency-b').chat.postMessage({ channel: 'C0B', text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
    expect(slack.posted.map((m) => m.channel)).toEqual(['C0A', 'C0B']);

    slack.reset();
    await expect(client('xoxb-agency-a').chat.postMessage({ channel: 'C0B', text: 'x' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('injects a dropped connection (a network error for the client)', async () => {
    slack.failNext(1, { disconnect: true });

    await expect(client().chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toBeInstanceOf(WebAPIRequestError);
    expect(slack.calls).toHaveLength(1);
  });

  it('waitForCalls rejects with a clear message at its deadline', async () => {
    await client().auth.test();
    await expect(slack.waitForCalls(2, 50)).rejects.toThrow(
      /Timed out after 50 ms: expected 2 Slack API call\(s\), received 1 \(auth\.test\)/,
    );
  });

  it('reset forgets calls and pending failures', async () => {
    await client().auth.test();
    slack.failNext(1, { status: 500 });
    slack.reset();

    expect(slack.calls).toHaveLength(0);
    await expect(client().auth.test()).resolves.toMatchObject({ ok: true });
    expect(slack.calls).toHaveLength(1);
  });
});
