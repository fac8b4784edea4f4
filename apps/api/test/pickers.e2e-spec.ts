import { COMMON_METRICS } from '@automations/domain';
import { DEFAULT_SLACK_DIRECTORY, startSlackApiServer, type SlackApiServer } from '@automations/testing';
import { createClient } from './support/client.fixture';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';

const ALPHA_TOKEN = 'xoxb-alpha-1111-2222-AbCdEfGhIj';
const BETA_TOKEN = 'xoxb-beta-3333-4444-KlMnOpQrSt';

describe('picker lists: metric names and the Slack directory (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;
  let slack: SlackApiServer;

  beforeAll(async () => {
    slack = await startSlackApiServer({
      directories: {
        [ALPHA_TOKEN]: {
          channels: [
            { id: 'C0ONBOARD', name: 'onboarding' },
            { id: 'C0ALERTS', name: 'alerts' },
            { id: 'G0VIP', name: 'vip-clients', is_private: true },
            { id: 'C0ARCHIVE', name: 'onboarding-2019', is_archived: true },
            ...Array.from({ length: 250 }, (_, index) => ({
              id: `C1${String(index).padStart(4, '0')}`,
              name: `project-${String(index).padStart(3, '0')}`,
            })),
          ],
          users: [
            { id: 'U0DANA', name: 'dana', real_name: 'Dana Smith' },
            { id: 'U0BOT', name: 'bot', real_name: 'Some Bot', is_bot: true },
            { id: 'U0LEFT', name: 'left', real_name: 'Left Agency', deleted: true },
          ],
        },
      },
    });
    ({ api, alpha, beta } = await startTestApiWithTwoAgencies(['Pickers Alpha', 'Pickers Beta'], {
      SLACK_API_URL: slack.url,
    }));
  });

  afterAll(async () => {
    await api?.close();
    await slack?.close();
  });

  const http = () => api.http();
  const directory = (token: string, search?: string) =>
    http()
      .get('/api/v1/integrations/slack/directory')
      .query(search === undefined ? {} : { search })
      .set(bearer(token));

  describe('GET /clients/metrics/names', () => {
    it('lists the common metrics with units before anything is recorded', async () => {
      const response = await http().get('/api/v1/clients/metrics/names').set(bearer(alpha.tokens.viewer)).expect(200);
      expect(response.body.items.map((item: { name: string }) => item.name)).toEqual(
        COMMON_METRICS.map((metric) => metric.name),
      );
      expect(response.body.items[0]).toEqual({
        name: 'roas',
        label: 'ROAS',
        unit: 'ratio',
        common: true,
        clients: 0,
        lastRecordedAt: null,
      });
    });

    it('puts the agency’s recorded metrics first (most clients first), never another agency’s', async () => {
      const one = await createClient(api, alpha.tokens.manager);
      const two = await createClient(api, alpha.tokens.manager);
      const record = (token: string, clientId: string, metric: string, value: number) =>
        http().post(`/api/v1/clients/${clientId}/metrics`).set(bearer(token)).send({ metric, value }).expect(201);
      await record(alpha.tokens.manager, one.id, 'lead_quality', 7);
      await record(alpha.tokens.manager, two.id, 'lead_quality', 8);
      await record(alpha.tokens.manager, one.id, 'roas', 2.5);
      const other = await createClient(api, beta.tokens.manager);
      await record(beta.tokens.manager, other.id, 'beta_secret_metric', 1);

      const items = (await http().get('/api/v1/clients/metrics/names').set(bearer(alpha.tokens.viewer)).expect(200))
        .body.items;
      expect(items.slice(0, 2)).toEqual([
        {
          name: 'lead_quality',
          label: 'lead_quality',
          unit: null,
          common: false,
          clients: 2,
          lastRecordedAt: expect.any(String),
        },
        { name: 'roas', label: 'ROAS', unit: 'ratio', common: true, clients: 1, lastRecordedAt: expect.any(String) },
      ]);
      expect(items.filter((item: { name: string }) => item.name === 'roas')).toHaveLength(1);
      expect(items.map((item: { name: string }) => item.name)).not.toContain('beta_secret_metric');
    });
  });

  describe('GET /integrations/slack/directory', () => {
    it('says when Slack is not connected', async () => {
      expect((await directory(alpha.tokens.manager).expect(200)).body).toEqual({
        connected: false,
        problem: null,
        channels: [],
        users: [],
        truncated: false,
      });
      expect(slack.calls).toHaveLength(0);
    });

    it('lists channels (not archived, all pages) and people (no bots, no deleted) with the agency’s own token, cached', async () => {
      await http()
        .put('/api/v1/integrations/slack')
        .set(bearer(alpha.tokens.admin))
        .send({ botToken: ALPHA_TOKEN })
        .expect(200);
      slack.reset();
      const body = (await directory(alpha.tokens.manager).expect(200)).body;
      expect(body.connected).toBe(true);
      expect(body.problem).toBeNull();
      expect(body.users).toEqual([{ id: 'U0DANA', name: 'Dana Smith', handle: 'dana' }]);
      expect(body.channels.slice(0, 2)).toEqual([
        { id: 'C0ALERTS', name: 'alerts', isPrivate: false },
        { id: 'C0ONBOARD', name: 'onboarding', isPrivate: false },
      ]);
      expect(body.channels).toHaveLength(100);
      expect(body.truncated).toBe(true);
      // 253 live channels in pages of 200: two conversations.list calls, one users.list, all with alpha's token.
      expect(slack.calls.map((call) => call.method).sort()).toEqual([
        'conversations.list',
        'conversations.list',
        'users.list',
      ]);
      expect(new Set(slack.calls.map((call) => call.token))).toEqual(new Set([ALPHA_TOKEN]));

      const searched = (await directory(alpha.tokens.manager, '#onb').expect(200)).body;
      expect(searched.channels).toEqual([{ id: 'C0ONBOARD', name: 'onboarding', isPrivate: false }]);
      expect(searched.users).toEqual([]);
      expect(searched.truncated).toBe(false);
      expect((await directory(alpha.tokens.manager, 'dana').expect(200)).body.users).toEqual([
        { id: 'U0DANA', name: 'Dana Smith', handle: 'dana' },
      ]);
      expect((await directory(alpha.tokens.manager, 'VIP').expect(200)).body.channels).toEqual([
        { id: 'G0VIP', name: 'vip-clients', isPrivate: true },
      ]);
      expect(slack.calls).toHaveLength(3); // searches are answered from the cache
    });

    it('never answers one agency with another’s workspace: each reads with its own token', async () => {
      expect((await directory(beta.tokens.manager).expect(200)).body.connected).toBe(false);
      await http()
        .put('/api/v1/integrations/slack')
        .set(bearer(beta.tokens.admin))
        .send({ botToken: BETA_TOKEN })
        .expect(200);
      slack.reset();
      const body = (await directory(beta.tokens.manager).expect(200)).body;
      expect(body.channels.map((channel: { name: string }) => channel.name)).toEqual([
        'general',
        'leadership',
        'onboarding',
      ]);
      expect(body.users.map((user: { name: string }) => user.name)).toEqual(
        DEFAULT_SLACK_DIRECTORY.users
          .filter((user) => !user.deleted && !user.is_bot)
          .map((user) => user.real_name)
          .sort(),
      );
      expect(new Set(slack.calls.map((call) => call.token))).toEqual(new Set([BETA_TOKEN]));
      expect(body.channels.map((channel: { id: string }) => channel.id)).not.toEqual(
        expect.arrayContaining(['C0ALERTS']),
      );
    });

    it('reports a rejected token as a problem, and reads again once the token is replaced', async () => {
      await http()
        .put('/api/v1/integrations/slack')
        .set(bearer(beta.tokens.admin))
        .send({ botToken: 'xoxb-invalid-but-well-formed' })
        .expect(200);
      slack.invalidTokens.add('xoxb-invalid-but-well-formed');
      const body = (await directory(beta.tokens.manager).expect(200)).body;
      expect(body).toMatchObject({ connected: true, channels: [], users: [] });
      expect(body.problem).toContain('invalid_auth');
      expect(JSON.stringify(body)).not.toContain('xoxb-');
      await http()
        .put('/api/v1/integrations/slack')
        .set(bearer(beta.tokens.admin))
        .send({ botToken: BETA_TOKEN })
        .expect(200);
      expect((await directory(beta.tokens.manager).expect(200)).body).toMatchObject({
        connected: true,
        problem: null,
        channels: expect.arrayContaining([{ id: 'C0GENERAL', name: 'general', isPrivate: false }]),
      });
    });

    it('is for managers and up, like the integration settings', async () => {
      await directory(alpha.tokens.viewer).expect(403);
      await directory(alpha.tokens.admin).expect(200);
      await directory(alpha.tokens.manager, 'x'.repeat(101)).expect(400);
    });
  });
});
