import { createHash } from 'node:crypto';
import { SLACK_ID_PATTERN } from '@automations/domain';
import { apiCaller } from './support/api-caller';
import { createClient, type ClientBody } from './support/client.fixture';
import { startTestApi, TestAgency, TestApi } from './support/test-api';

const SLACK_TOKEN = 'xoxb-alpha-secret-token-0001';
const OPENAI_KEY = 'sk-alpha-secret-openai-key-0001';
const ALPHA_CHANNEL = 'C0ALPHA001';
const ALPHA_SLACK_USER = 'U0ALPHA777';
const ALPHA_EMAIL = 'growth-team@alpha-sharing.test';

describe('sharing templates between agencies', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;
  let alphaClient: ClientBody;
  const call = apiCaller(() => api);

  beforeAll(async () => {
    api = await startTestApi();
    alpha = await api.createAgency('Alpha Sharing');
    beta = await api.createAgency('Beta Receiving');
    alphaClient = await createClient(api, alpha.tokens.manager, { name: 'Quillbury Candles' });
    await call('put', '/integrations/slack', alpha.tokens.admin, {
      botToken: SLACK_TOKEN,
      defaultChannel: ALPHA_CHANNEL,
    }).expect(200);
    await call('put', '/integrations/openai', alpha.tokens.admin, { apiKey: OPENAI_KEY, model: 'gpt-4o-mini' }).expect(
      200,
    );
  });
  afterAll(() => api.close());

  /** Alpha's automation full of Alpha: its people, Slack ids, addresses, a client's name and id, a client filter. */
  async function alphaWorkflow(): Promise<string> {
    const response = await call('post', '/workflows', alpha.tokens.manager, {
      name: 'Quillbury Candles weekly care',
      description: `Owned by ${ALPHA_EMAIL}`,
      triggers: [
        {
          type: 'scheduled',
          config: {
            cron: '0 9 * * 1',
            timezone: 'Europe/Paris',
            clientFilter: { stages: ['active'], health: ['yellow', 'red'] },
          },
        },
        { type: 'stage_change', config: { toStage: 'at_risk' } },
      ],
      steps: [
        {
          id: 'call',
          type: 'create_task',
          config: {
            title: 'Call {{client.name}} (like Quillbury Candles)',
            priority: 'high',
            assignee: alpha.userIds.manager,
          },
        },
        { id: 'owner', type: 'update_client', config: { assigneeId: alpha.userIds.admin } },
        {
          id: 'slack',
          type: 'send_notification',
          config: {
            channel: 'slack',
            recipients: [ALPHA_CHANNEL, ALPHA_SLACK_USER],
            message: `<@${ALPHA_SLACK_USER}> check {{client.name}}; see client ${alphaClient.id}`,
          },
        },
        {
          id: 'mail',
          type: 'send_notification',
          config: {
            channel: 'email',
            recipients: [ALPHA_EMAIL, alpha.userIds.viewer],
            message: `Write to ${ALPHA_EMAIL} about {{client.name}}`,
          },
        },
        {
          id: 'draft',
          type: 'draft_communication',
          config: {
            platform: 'email',
            tone: 'friendly',
            template: 'Thank {{client.name}} the way Mia Manager thanked Quillbury Candles',
          },
        },
      ],
    }).expect(201);
    return response.body.id;
  }

  /** Everything of Alpha that must never reach Beta's copy. */
  const alphaSpecifics = () => [
    alpha.agencyId,
    alpha.userIds.admin,
    alpha.userIds.manager,
    alpha.userIds.viewer,
    alphaClient.id,
    'Quillbury Candles',
    ALPHA_CHANNEL,
    ALPHA_SLACK_USER,
    ALPHA_EMAIL,
    'alpha-sharing',
    'Mia Manager',
    SLACK_TOKEN,
    OPENAI_KEY,
    alpha.apiKey,
  ];
  const expectNothingOfAlpha = (text: string) => {
    for (const specific of alphaSpecifics()) expect([specific, text.includes(specific)]).toEqual([specific, false]);
  };

  async function shareFromAlpha(
    templateId: string,
    body: object = {},
  ): Promise<{ shareCode: string; expiresAt: string }> {
    return (await call('post', `/templates/${templateId}/share`, alpha.tokens.admin, body).expect(201)).body;
  }

  it('share → import → revoke: Beta gets a copy with nothing of Alpha, byte for byte, and a revoked code is a 404', async () => {
    const workflowId = await alphaWorkflow();
    const template = (
      await call('post', '/templates', alpha.tokens.manager, {
        fromWorkflowId: workflowId,
        category: 'retention',
      }).expect(201)
    ).body;

    const before = Date.now();
    // No body at all: the default expiry.
    const { shareCode, expiresAt } = (
      await call('post', `/templates/${template.id}/share`, alpha.tokens.admin).expect(201)
    ).body;
    expect(shareCode).toMatch(/^tpl_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(shareCode.slice(4), 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    expect(Date.parse(expiresAt) - before).toBeGreaterThanOrEqual(30 * 24 * 3600 * 1000 - 5000);
    expect(Date.parse(expiresAt) - before).toBeLessThanOrEqual(30 * 24 * 3600 * 1000 + 60_000);

    const stored = await api.dataSource.query(`SELECT code_hash FROM template_shares WHERE template_id = $1`, [
      template.id,
    ]);
    expect(stored).toEqual([{ code_hash: createHash('sha256').update(shareCode).digest('hex') }]);
    expect(JSON.stringify(await api.dataSource.query(`SELECT * FROM template_shares`))).not.toContain(shareCode);
    const shared = (await call('get', `/templates/${template.id}`, alpha.tokens.viewer).expect(200)).body;
    expect(shared.share).toEqual({ expiresAt, createdAt: expect.any(String) });
    expect(JSON.stringify(shared)).not.toContain(shareCode);
    const audit = (await call('get', '/audit?eventType=template.shared', alpha.tokens.admin).expect(200)).body.items;
    expect(audit[0].details).toMatchObject({ templateId: template.id, expiresAt });
    expect(JSON.stringify(audit)).not.toContain(shareCode);

    const imported = await call('post', '/templates/import', beta.tokens.admin, { shareCode }).expect(201);
    expect(imported.body).toMatchObject({
      source: 'shared',
      sharedFrom: { agencyName: 'Alpha Sharing' },
      category: 'retention',
      usageCount: 0,
      share: null,
    });
    expect(imported.body.id).not.toBe(template.id);
    expect(imported.body.placeholders.map((placeholder: { key: string }) => placeholder.key)).toEqual(
      template.placeholders.map((placeholder: { key: string }) => placeholder.key),
    );
    expect(imported.body.definition.triggers[0].config.clientFilter).toEqual({ $placeholder: 'clientFilter' });

    const copy = await call('get', `/templates/${imported.body.id}`, beta.tokens.viewer).expect(200);
    expectNothingOfAlpha(copy.text);
    expect(
      (await call('get', '/templates?source=shared', beta.tokens.viewer).expect(200)).body.items.map(
        (item: { id: string }) => item.id,
      ),
    ).toEqual([imported.body.id]);
    expect(
      (await call('get', '/audit?eventType=template.imported', beta.tokens.admin).expect(200)).body.items[0].details,
    ).toMatchObject({ templateId: imported.body.id, sharedFrom: 'Alpha Sharing' });

    const betaChannel = 'C0BETA0001';
    const values: Record<string, unknown> = {
      clientFilter: { stages: ['active'] },
      taskAssignee: beta.userIds.manager,
      clientAssignee: beta.userIds.admin,
      slackRecipients: [betaChannel],
      emailRecipients: ['hello@beta.test'],
    };
    for (const placeholder of imported.body.placeholders as { key: string; default?: unknown }[])
      if (!(placeholder.key in values) && placeholder.default === undefined)
        values[placeholder.key] = 'Our own words for {{client.name}}';
    const workflow = await call('post', `/templates/${imported.body.id}/instantiate`, beta.tokens.manager, {
      values,
    }).expect(201);
    expect(workflow.body).toMatchObject({ isActive: false, triggerTypes: ['scheduled', 'stage_change'] });
    expectNothingOfAlpha(JSON.stringify(workflow.body));

    await call('delete', `/templates/${template.id}/share`, alpha.tokens.admin).expect(204);
    expect((await call('get', `/templates/${template.id}`, alpha.tokens.viewer).expect(200)).body.share).toBeNull();
    expect(
      (await call('get', '/audit?eventType=template.share_revoked', alpha.tokens.admin).expect(200)).body.items[0]
        .details,
    ).toMatchObject({ templateId: template.id });
    const revoked = await call('post', '/templates/import', beta.tokens.admin, { shareCode }).expect(404);
    expect(revoked.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Share code not found' });
    // Beta's copy is its own: revoking the code does not take it back.
    await call('get', `/templates/${imported.body.id}`, beta.tokens.viewer).expect(200);
  });

  it('answers unknown, expired, revoked and deleted codes with the same 404 body', async () => {
    const template = (
      await call('post', '/templates', alpha.tokens.manager, plainTemplate('Expiring play')).expect(201)
    ).body;
    const expired = (await shareFromAlpha(template.id)).shareCode;
    await api.dataSource.query(
      `UPDATE template_shares SET expires_at = now() - interval '1 minute' WHERE template_id = $1`,
      [template.id],
    );
    expect((await call('get', `/templates/${template.id}`, alpha.tokens.viewer).expect(200)).body.share).toBeNull();

    const replaced = (await shareFromAlpha(template.id)).shareCode;
    const live = (await shareFromAlpha(template.id)).shareCode;
    const doomed = (await call('post', '/templates', alpha.tokens.manager, plainTemplate('Deleted play')).expect(201))
      .body;
    const deleted = (await shareFromAlpha(doomed.id)).shareCode;
    await call('delete', `/templates/${doomed.id}`, alpha.tokens.manager).expect(204);

    const bodies = [];
    for (const shareCode of [
      expired,
      replaced,
      deleted,
      'tpl_' + 'A'.repeat(43),
      'nothing-like-a-code',
      live.slice(0, -1),
    ]) {
      bodies.push((await call('post', '/templates/import', beta.tokens.admin, { shareCode }).expect(404)).body);
    }
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(bodies[0]).toEqual({ statusCode: 404, error: 'Not Found', message: 'Share code not found' });
    await call('post', '/templates/import', beta.tokens.admin, { shareCode: live }).expect(201);
  });

  it('scrubs a shared template again on import: a default, a label or a text naming Alpha does not cross', async () => {
    const template = (
      await call('post', '/templates', alpha.tokens.manager, {
        ...plainTemplate('Defaults play'),
        definition: {
          name: 'Defaults play',
          triggers: [{ type: 'stage_change', config: { toStage: 'active' } }],
          steps: [
            {
              type: 'send_notification',
              config: { channel: 'email', recipients: { $placeholder: 'to' }, message: 'Hello {{client.name}}' },
            },
          ],
        },
        placeholders: [
          {
            key: 'to',
            label: `Send to ${ALPHA_EMAIL}?`,
            description: 'Quillbury Candles asked for it',
            schema: {
              type: 'array',
              title: 'Mia Manager picks',
              minItems: 1,
              items: { type: 'string', format: 'email' },
              examples: [[ALPHA_EMAIL]],
            },
          },
        ],
      }).expect(201)
    ).body;
    // A template written before these checks existed (or by hand in the database): the import still scrubs it.
    await api.dataSource.query(
      `UPDATE automation_templates SET description = $2, definition = jsonb_set(definition, '{steps,0,config,message}', to_jsonb($3::text)),
         placeholders = jsonb_set(placeholders, '{0,default}', $4::jsonb) WHERE id = $1`,
      [
        template.id,
        `For Quillbury Candles (${alphaClient.id})`,
        `Hi from ${ALPHA_EMAIL} and <@${ALPHA_SLACK_USER}> of Alpha Sharing to Quillbury Candles`,
        JSON.stringify([ALPHA_EMAIL]),
      ],
    );
    expect(
      (await call('get', `/templates/${template.id}`, alpha.tokens.viewer).expect(200)).body.placeholders[0].default,
    ).toEqual([ALPHA_EMAIL]);
    const { shareCode } = await shareFromAlpha(template.id);
    const imported = await call('post', '/templates/import', beta.tokens.admin, { shareCode }).expect(201);
    expectNothingOfAlpha(JSON.stringify(imported.body));
    expect(imported.body.placeholders[0]).not.toHaveProperty('default');
    expect(imported.body.placeholders.map((placeholder: { key: string }) => placeholder.key)).toEqual(['to', 'text']);
    expect(imported.body.definition.steps[0].config.message).toEqual({ $placeholder: 'text' });
    // Its messages would go out from Beta: the sharing agency's name is left to Beta to rewrite.
    expect(imported.body.placeholders[1].default).toBe(
      'Hi from [email address] and [Slack mention] of [name] to [name]',
    );
    expect(JSON.stringify(imported.body.definition)).not.toContain('Alpha Sharing');
  });

  it('a new code replaces the previous one; expiresInDays sets the expiry within 1..90', async () => {
    const template = (await call('post', '/templates', alpha.tokens.manager, plainTemplate('Weekly play')).expect(201))
      .body;
    const before = Date.now();
    const week = await shareFromAlpha(template.id, { expiresInDays: 7 });
    expect(Math.abs(Date.parse(week.expiresAt) - before - 7 * 24 * 3600 * 1000)).toBeLessThan(60_000);
    expect((await call('get', `/templates/${template.id}`, alpha.tokens.viewer).expect(200)).body.share.expiresAt).toBe(
      week.expiresAt,
    );
    const longest = await shareFromAlpha(template.id, { expiresInDays: 90 });
    const live = await api.dataSource.query(
      `SELECT count(*)::int AS live FROM template_shares WHERE template_id = $1 AND revoked_at IS NULL`,
      [template.id],
    );
    expect(live).toEqual([{ live: 1 }]);
    await call('post', '/templates/import', beta.tokens.admin, { shareCode: week.shareCode }).expect(404);
    await call('post', '/templates/import', beta.tokens.admin, { shareCode: longest.shareCode }).expect(201);
    await call('delete', `/templates/${template.id}/share`, alpha.tokens.admin).expect(204);
    await call('delete', `/templates/${template.id}/share`, alpha.tokens.admin).expect(204);
  });

  /** [what, path, body, field] — refused with a 400 before any lookup. */
  it.each([
    ['a share code of 10 KB', '/templates/import', () => ({ shareCode: 'tpl_' + 'x'.repeat(10 * 1024) }), 'shareCode'],
    ['an empty share code', '/templates/import', () => ({ shareCode: '' }), 'shareCode'],
    ['a share code that is not a string', '/templates/import', () => ({ shareCode: 12345 }), 'shareCode'],
    ['no share code', '/templates/import', () => ({}), 'shareCode'],
    [
      'an unknown import field',
      '/templates/import',
      () => ({ shareCode: 'tpl_x', agencyId: alpha.agencyId }),
      'agencyId',
    ],
    ['expiresInDays 0', 'SHARE', () => ({ expiresInDays: 0 }), 'expiresInDays'],
    ['expiresInDays 91', 'SHARE', () => ({ expiresInDays: 91 }), 'expiresInDays'],
    ['expiresInDays not an integer', 'SHARE', () => ({ expiresInDays: 1.5 }), 'expiresInDays'],
    ['an unknown share field', 'SHARE', () => ({ code: 'mine' }), 'code'],
  ] as [string, string, () => object, string][])(
    'refuses %s with a 400 naming the field',
    async (_what, rawPath, body, field) => {
      const template = (
        await call('post', '/templates', alpha.tokens.manager, plainTemplate(`Bad ${field}`)).expect(201)
      ).body;
      const path = rawPath.replace('SHARE', `/templates/${template.id}/share`);
      const token = path === '/templates/import' ? beta.tokens.admin : alpha.tokens.admin;
      const response = await call('post', path, token, body()).expect(400);
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(field);
      expect((await call('get', `/templates/${template.id}`, alpha.tokens.viewer).expect(200)).body.share).toBeNull();
    },
  );

  it('lets only admins share, revoke and import', async () => {
    const template = (await call('post', '/templates', alpha.tokens.manager, plainTemplate('Admins only')).expect(201))
      .body;
    await call('post', `/templates/${template.id}/share`, alpha.tokens.manager, {}).expect(403);
    const { shareCode } = await shareFromAlpha(template.id);
    await call('delete', `/templates/${template.id}/share`, alpha.tokens.manager).expect(403);
    await call('post', '/templates/import', beta.tokens.manager, { shareCode }).expect(403);
    await call('post', '/templates/import', beta.tokens.viewer, { shareCode }).expect(403);
    await call('post', '/templates/import', beta.apiKey, { shareCode }).expect(201);
    // Beta cannot see, revoke or re-share Alpha's template by its id.
    await call('get', `/templates/${template.id}`, beta.tokens.admin).expect(404);
    await call('delete', `/templates/${template.id}/share`, beta.tokens.admin).expect(404);
    await call('post', `/templates/${template.id}/share`, beta.tokens.admin, {}).expect(404);
  });
});

/** A small valid template with one Slack placeholder. */
function plainTemplate(name: string): Record<string, unknown> {
  return {
    name,
    category: 'communication',
    definition: {
      name,
      triggers: [{ type: 'stage_change', config: { toStage: 'active' } }],
      steps: [
        {
          type: 'send_notification',
          config: { channel: 'slack', recipients: { $placeholder: 'channel' }, message: '{{client.name}} is active' },
        },
      ],
    },
    placeholders: [
      {
        key: 'channel',
        label: 'Slack channel',
        schema: {
          type: 'array',
          'x-picker': 'slack-recipient',
          minItems: 1,
          items: { type: 'string', pattern: SLACK_ID_PATTERN },
        },
      },
    ],
  };
}
