import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@automations/persistence';
import { createTestDatabase, TestDatabase } from '@automations/testing';
import type { IntegrationSettings, IntegrationSettingsLoader } from '../context/integration-settings.loader';
import type { EmailSender, EmailSendInput } from '../integrations/email-sender';
import type { SlackNotifier, SlackSendInput } from '../integrations/slack-notifier';
import { AdminNotifier, type AdminChannels } from './admin-notifier';

/** Who hears what: the active admins of the agency, in-app and on the channels the agency configured. */
describe('AdminNotifier', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let agencyId: string;
  let counter = 0;

  const insertAgency = async (name: string): Promise<string> =>
    (await dataSource.query(`INSERT INTO agencies (name, timezone) VALUES ($1, 'UTC') RETURNING id`, [name]))[0].id;
  const insertUser = async (agency: string, role: string, active = true): Promise<string> => {
    const email = `${role}${++counter}@agency.test`;
    await dataSource.query(
      `INSERT INTO users (agency_id, email, name, role, password_hash, active) VALUES ($1, $2, $3, $4, 'x', $5)`,
      [agency, email, `User ${counter}`, role, active],
    );
    return email;
  };
  const notifications = (
    agency: string,
  ): Promise<
    {
      channel: string;
      recipients: string[];
      subject: string;
      message: string;
      status: string;
      run_id: string | null;
      error: { code: string } | null;
    }[]
  > =>
    dataSource.query(
      `SELECT channel, recipients, subject, message, status, run_id, error FROM notifications WHERE agency_id = $1 ORDER BY channel, recipients->>0`,
      [agency],
    );

  /** Channels whose integrations are `configured`; each send is kept, and fails when `failing` says so. */
  function channels(
    configured: { slack?: IntegrationSettings; email?: IntegrationSettings },
    failing: { slack?: boolean } = {},
  ) {
    const sent = { slack: [] as SlackSendInput[], email: [] as EmailSendInput[] };
    const fakes: AdminChannels = {
      integrations: {
        load: async (_agency: string, kind: string) =>
          (kind === 'slack' ? configured.slack : kind === 'email' ? configured.email : undefined) ?? null,
      } as unknown as IntegrationSettingsLoader,
      slack: {
        send: async (input: SlackSendInput) => {
          if (failing.slack) throw Object.assign(new Error('channel_not_found'), { code: 'permission_denied' });
          sent.slack.push(input);
          return { ts: '1', channel: input.channel };
        },
      } as unknown as SlackNotifier,
      email: {
        send: async (input: EmailSendInput) => {
          sent.email.push(input);
          return { messageId: 'm' };
        },
      } as unknown as EmailSender,
    };
    return { fakes, sent };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ ...buildDataSourceOptions({ url: database.url, poolSize: 3 }), logging: false });
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  beforeEach(async () => {
    agencyId = await insertAgency(`Agency ${++counter}`);
  });

  it('writes one in-app notice per active admin of the agency, and none for managers, inactive admins or other agencies', async () => {
    const first = await insertUser(agencyId, 'admin');
    const second = await insertUser(agencyId, 'admin');
    await insertUser(agencyId, 'admin', false);
    await insertUser(agencyId, 'manager');
    await insertUser(await insertAgency('Elsewhere'), 'admin');

    await dataSource.transaction((manager) =>
      new AdminNotifier().notifyInApp(manager, {
        agencyId,
        subject: 'Approval expired',
        message: 'The step waited too long.',
      }),
    );

    const [firstSorted, secondSorted] = [first, second].sort();
    expect(await notifications(agencyId)).toEqual([
      {
        channel: 'in_app',
        recipients: [firstSorted],
        subject: 'Approval expired',
        message: 'The step waited too long.',
        status: 'sent',
        run_id: null,
        error: null,
      },
      {
        channel: 'in_app',
        recipients: [secondSorted],
        subject: 'Approval expired',
        message: 'The step waited too long.',
        status: 'sent',
        run_id: null,
        error: null,
      },
    ]);
  });

  it('writes nothing in-app when the caller rolls back', async () => {
    await insertUser(agencyId, 'admin');
    await expect(
      dataSource.transaction(async (manager) => {
        await new AdminNotifier().notifyInApp(manager, { agencyId, subject: 'Loop detected', message: 'Paused.' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await notifications(agencyId)).toEqual([]);
  });

  it('posts to the Slack default channel (escaped) and emails the active admins, each only when configured', async () => {
    const admin = await insertUser(agencyId, 'admin');
    await insertUser(agencyId, 'viewer');
    const message = { agencyId, text: 'Approval needed: "A & B" <urgent>', subject: 'Automation approval needed' };

    const none = channels({});
    expect(await new AdminNotifier(none.fakes).notifyOutside(dataSource.manager, message)).toEqual([
      { status: 'fulfilled', value: undefined },
      { status: 'fulfilled', value: undefined },
    ]);
    expect(none.sent).toEqual({ slack: [], email: [] });

    const both = channels({
      slack: { settings: { defaultChannel: 'C0ADMINS' }, secret: 'xoxb-token' },
      email: { settings: { fromAddress: 'ops@agency.test' }, secret: null },
    });
    await new AdminNotifier(both.fakes).notifyOutside(dataSource.manager, message);
    expect(both.sent.slack).toEqual([
      { token: 'xoxb-token', channel: 'C0ADMINS', text: 'Approval needed: "A &amp; B" &lt;urgent&gt;' },
    ]);
    expect(both.sent.email).toEqual([
      {
        smtpUrl: undefined,
        from: 'ops@agency.test',
        to: [admin],
        subject: 'Automation approval needed',
        text: 'Approval needed: "A & B" <urgent>',
      },
    ]);
    // Without `record`, nothing is kept.
    expect(await notifications(agencyId)).toEqual([]);

    const noChannel = channels({ slack: { settings: {}, secret: 'xoxb-token' } });
    await new AdminNotifier(noChannel.fakes).notifyOutside(dataSource.manager, message);
    expect(noChannel.sent.slack).toEqual([]);
  });

  it('with record, keeps each send as a notification with its outcome; a failed send never throws', async () => {
    const admin = await insertUser(agencyId, 'admin');
    const { fakes } = channels(
      {
        slack: { settings: { defaultChannel: 'C0ADMINS' }, secret: 'xoxb-token' },
        email: { settings: {}, secret: null },
      },
      { slack: true },
    );

    const results = await new AdminNotifier(fakes).notifyOutside(dataSource.manager, {
      agencyId,
      text: '[critical] Backlog',
      subject: '[Automations] Backlog',
      record: { subject: 'Backlog', message: '120 runs pending' },
    });

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await notifications(agencyId)).toEqual([
      {
        channel: 'email',
        recipients: [admin],
        subject: 'Backlog',
        message: '120 runs pending',
        status: 'sent',
        run_id: null,
        error: null,
      },
      {
        channel: 'slack',
        recipients: ['C0ADMINS'],
        subject: 'Backlog',
        message: '120 runs pending',
        status: 'failed',
        run_id: null,
        error: expect.objectContaining({ code: 'permission_denied' }),
      },
    ]);
  });

  it('without channels, sends nothing outside the app', async () => {
    await insertUser(agencyId, 'admin');
    expect(await new AdminNotifier().notifyOutside(dataSource.manager, { agencyId, text: 'x', subject: 'y' })).toEqual(
      [],
    );
  });
});
