import { BUILTIN_TEMPLATES, SLACK_ID_PATTERN, TEMPLATE_CATEGORIES } from '@automations/domain';
import { apiCaller, type ApiMethod } from './support/api-caller';
import { createClient } from './support/client.fixture';
import { startTestApiWithTwoAgencies, TestAgency, TestApi } from './support/test-api';
import { minimalWorkflow } from './support/workflow-fixtures';

const KICKOFF = 'builtin-onboarding-kickoff';
const SLACK_CHANNEL = 'C0ALERTS01';

/** A template's content as `POST /templates` takes it: one Slack placeholder and a threshold with a default. */
function roasTemplate(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'ROAS watch',
    description: 'Tell the team when ROAS drops',
    category: 'performance',
    definition: {
      name: 'ROAS watch',
      triggers: [
        { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: { $placeholder: 'threshold' } } },
      ],
      steps: [
        {
          id: 'tell',
          type: 'send_notification',
          config: {
            channel: 'slack',
            recipients: { $placeholder: 'channel' },
            message: 'ROAS of {{client.name}} is low',
          },
        },
      ],
    },
    placeholders: [
      {
        key: 'channel',
        label: 'Slack channel',
        description: 'Who hears about it',
        schema: {
          type: 'array',
          'x-picker': 'slack-recipient',
          minItems: 1,
          items: { type: 'string', pattern: SLACK_ID_PATTERN },
        },
      },
      {
        key: 'threshold',
        label: 'ROAS threshold',
        description: '',
        schema: { type: 'number', minimum: 0, maximum: 100 },
        default: 2,
      },
    ],
    ...overrides,
  };
}

describe('templates API', () => {
  let api: TestApi;
  let agency: TestAgency;
  let other: TestAgency;

  beforeAll(async () => {
    ({
      api,
      alpha: agency,
      beta: other,
    } = await startTestApiWithTwoAgencies(['Templates Agency', 'Other Templates Agency']));
  });
  afterAll(() => api.close());

  const call = apiCaller(() => api);
  const createTemplate = async (body: Record<string, unknown> = roasTemplate(), owner = agency) =>
    (await call('post', '/templates', owner.tokens.manager, body).expect(201)).body;
  const auditTypes = async (owner: TestAgency, eventType: string) =>
    (await call('get', `/audit?eventType=${eventType}`, owner.tokens.admin).expect(200)).body.items;

  it('publishes every templates and workflow file route in the OpenAPI document', async () => {
    const spec = (await api.http().get('/api/openapi.json').expect(200)).body;
    const routes = Object.entries(spec.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /api/v1/templates',
        'POST /api/v1/templates',
        'GET /api/v1/templates/{id}',
        'PATCH /api/v1/templates/{id}',
        'DELETE /api/v1/templates/{id}',
        'POST /api/v1/templates/{id}/instantiate',
        'POST /api/v1/templates/{id}/share',
        'DELETE /api/v1/templates/{id}/share',
        'POST /api/v1/templates/import',
        'GET /api/v1/workflows/{id}/export',
        'POST /api/v1/workflows/import',
      ]),
    );
    expect(Object.keys(spec.components.schemas.TemplateDto.properties).sort()).toEqual([
      'actionTypes',
      'category',
      'createdAt',
      'definition',
      'description',
      'id',
      'name',
      'placeholders',
      'share',
      'sharedFrom',
      'source',
      'triggerTypes',
      'usageCount',
    ]);
  });

  describe('the built-in library', () => {
    it('lists every built-in template once, read-only, with the fixed product date, over the categories they cover', async () => {
      const response = await call('get', '/templates?pageSize=200', agency.tokens.viewer).expect(200);
      const builtins = response.body.items.filter((template: { source: string }) => template.source === 'builtin');
      expect(builtins.map((template: { id: string }) => template.id).sort()).toEqual(
        BUILTIN_TEMPLATES.map((template) => template.id).sort(),
      );
      expect(builtins.length).toBeGreaterThanOrEqual(BUILTIN_TEMPLATES.length);
      const covered = new Set(BUILTIN_TEMPLATES.map((template) => template.category));
      expect(new Set(builtins.map((template: { category: string }) => template.category))).toEqual(covered);
      if (covered.size === TEMPLATE_CATEGORIES.length)
        expect([...covered].sort()).toEqual([...TEMPLATE_CATEGORIES].sort());
      const kickoff = builtins.find((template: { id: string }) => template.id === KICKOFF);
      expect(kickoff).toMatchObject({
        name: 'Onboarding kickoff',
        category: 'onboarding',
        usageCount: 0,
        createdAt: '2026-12-01T00:00:00.000Z',
        sharedFrom: null,
        share: null,
        triggerTypes: ['stage_change'],
        actionTypes: ['create_task', 'send_notification', 'draft_communication'],
      });
      expect(kickoff.placeholders.map((placeholder: { key: string }) => placeholder.key)).toEqual([
        'onboardingChannel',
      ]);
    });

    it('shows a built-in template by id; an unknown one is a 404 and a malformed id a 400 naming id', async () => {
      const response = await call('get', `/templates/${KICKOFF}`, agency.tokens.viewer).expect(200);
      expect(response.body).toMatchObject({ id: KICKOFF, source: 'builtin' });
      expect(response.body.definition).toEqual(
        BUILTIN_TEMPLATES.find((template) => template.id === KICKOFF)!.definition,
      );
      await call('get', '/templates/builtin-no-such-play', agency.tokens.viewer).expect(404);
      for (const bad of ['not-an-id', 'BUILTIN-x', '12345', 'builtin-../x']) {
        const refused = await call('get', `/templates/${encodeURIComponent(bad)}`, agency.tokens.viewer).expect(400);
        expect(refused.body.details).toEqual([expect.objectContaining({ path: 'id' })]);
      }
    });

    it('refuses to change, delete or share a built-in template (403), for every role allowed to try', async () => {
      await call('patch', `/templates/${KICKOFF}`, agency.tokens.manager, { name: 'Mine now' }).expect(403);
      await call('delete', `/templates/${KICKOFF}`, agency.tokens.admin).expect(403);
      await call('post', `/templates/${KICKOFF}/share`, agency.tokens.admin, {}).expect(403);
      await call('delete', `/templates/${KICKOFF}/share`, agency.tokens.admin).expect(403);
      expect((await call('get', `/templates/${KICKOFF}`, agency.tokens.viewer).expect(200)).body.name).toBe(
        'Onboarding kickoff',
      );
    });
  });

  describe('saving and editing templates', () => {
    it('creates from content (201), reads it back, and edits it', async () => {
      const created = await createTemplate();
      expect(created).toMatchObject({
        name: 'ROAS watch',
        source: 'agency',
        category: 'performance',
        usageCount: 0,
        sharedFrom: null,
        share: null,
        triggerTypes: ['kpi_threshold'],
        actionTypes: ['send_notification'],
      });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await call('get', `/templates/${created.id}`, agency.tokens.viewer).expect(200)).body).toEqual(created);

      const renamed = await call('patch', `/templates/${created.id}`, agency.tokens.manager, {
        name: 'ROAS watch v2',
        category: 'reporting',
      }).expect(200);
      expect(renamed.body).toMatchObject({
        id: created.id,
        name: 'ROAS watch v2',
        category: 'reporting',
        definition: created.definition,
        placeholders: created.placeholders,
      });
      const badPatch = await call('patch', `/templates/${created.id}`, agency.tokens.manager, {
        category: 'gossip',
      }).expect(400);
      expect(badPatch.body.details.map((detail: { path: string }) => detail.path)).toEqual(['category']);
      const unusedPlaceholder = await call('patch', `/templates/${created.id}`, agency.tokens.manager, {
        definition: { ...created.definition, triggers: [{ type: 'stage_change', config: { toStage: 'active' } }] },
      }).expect(400);
      expect(unusedPlaceholder.body.details).toEqual([expect.objectContaining({ path: 'placeholders[1].key' })]);
      await call('patch', `/templates/${created.id}`, agency.tokens.manager, {}).expect(400);

      expect(
        (await auditTypes(agency, 'template.created')).some(
          (event: { details: { templateId: string } }) => event.details.templateId === created.id,
        ),
      ).toBe(true);
      expect((await auditTypes(agency, 'template.updated'))[0].details).toMatchObject({
        templateId: created.id,
        changed: ['name', 'category'],
      });
    });

    it('turns agency-specific literals of a template body into placeholders', async () => {
      const body = roasTemplate({ name: 'Literal channel', placeholders: [roasTemplate().placeholders![1 as never]] });
      const definition = body.definition as { steps: { config: Record<string, unknown> }[] };
      definition.steps[0].config.recipients = [SLACK_CHANNEL];
      const created = await createTemplate(body);
      expect(JSON.stringify(created)).not.toContain(SLACK_CHANNEL);
      expect(created.definition.steps[0].config.recipients).toEqual({ $placeholder: 'slackRecipients' });
      expect(created.placeholders.map((placeholder: { key: string }) => placeholder.key)).toEqual([
        'threshold',
        'slackRecipients',
      ]);
    });

    it('saves one of the agency’s automations as a template: its people, channels, addresses and clients become placeholders', async () => {
      const client = await createClient(api, agency.tokens.manager, { name: 'Zephyr Foods' });
      const workflow = (
        await call('post', '/workflows', agency.tokens.manager, {
          name: 'Zephyr Foods onboarding',
          description: 'For Zephyr Foods and ops@templates-agency.test',
          triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
          steps: [
            {
              id: 'task',
              type: 'create_task',
              config: { title: 'Call {{client.name}}', priority: 'high', assignee: agency.userIds.manager },
            },
            {
              id: 'slack',
              type: 'send_notification',
              config: {
                channel: 'slack',
                recipients: [SLACK_CHANNEL, 'U0MANAGER1'],
                message: 'Zephyr Foods started, ping <@U0MANAGER1>',
              },
            },
            {
              id: 'mail',
              type: 'send_notification',
              config: {
                channel: 'email',
                recipients: ['ops@templates-agency.test', agency.userIds.viewer],
                message: 'Heads-up for {{client.name}}',
              },
            },
          ],
        }).expect(201)
      ).body;

      const saved = await call('post', '/templates', agency.tokens.manager, {
        fromWorkflowId: workflow.id,
        category: 'onboarding',
      }).expect(201);
      const text = JSON.stringify(saved.body);
      for (const specific of [
        SLACK_CHANNEL,
        'U0MANAGER1',
        'ops@templates-agency.test',
        agency.userIds.manager,
        agency.userIds.viewer,
        'Zephyr Foods',
        client.id,
        agency.agencyId,
        workflow.id,
      ]) {
        expect([specific, text.includes(specific)]).toEqual([specific, false]);
      }
      expect(saved.body).toMatchObject({
        source: 'agency',
        category: 'onboarding',
        triggerTypes: ['stage_change'],
        actionTypes: ['create_task', 'send_notification'],
      });
      expect(saved.body.placeholders.map((placeholder: { key: string }) => placeholder.key).sort()).toEqual([
        'emailRecipients',
        'slackRecipients',
        'taskAssignee',
        'text',
      ]);
      expect(saved.body.definition.steps[0].config.assignee).toEqual({ $placeholder: 'taskAssignee' });
      const audit = await auditTypes(agency, 'template.created');
      expect(audit[0]).toMatchObject({
        workflowId: workflow.id,
        details: { templateId: saved.body.id, from: 'workflow' },
      });

      const named = await call('post', '/templates', agency.tokens.manager, {
        fromWorkflowId: workflow.id,
        category: 'onboarding',
        name: 'Kickoff for food brands',
        description: 'Ours',
      }).expect(201);
      expect(named.body).toMatchObject({ name: 'Kickoff for food brands', description: 'Ours' });
      expect(named.body.definition.name).toBe('Kickoff for food brands');
    });

    it('deletes the agency’s own template (204), then it is gone', async () => {
      const created = await createTemplate(roasTemplate({ name: 'Short-lived' }));
      await call('delete', `/templates/${created.id}`, agency.tokens.manager).expect(204);
      await call('get', `/templates/${created.id}`, agency.tokens.viewer).expect(404);
      await call('delete', `/templates/${created.id}`, agency.tokens.manager).expect(404);
      expect((await auditTypes(agency, 'template.deleted'))[0].details).toMatchObject({
        templateId: created.id,
        name: 'Short-lived',
      });
    });
  });

  describe('using a template', () => {
    it('instantiates a built-in template into an inactive automation, counts the use for this agency only, and audits it', async () => {
      const fresh = await api.createAgency('Instantiating Agency');
      const response = await call('post', `/templates/${KICKOFF}/instantiate`, fresh.tokens.manager, {
        values: { onboardingChannel: [SLACK_CHANNEL] },
      }).expect(201);
      expect(response.body).toMatchObject({
        name: 'Onboarding kickoff',
        isActive: false,
        version: 1,
        triggerTypes: ['stage_change'],
        warnings: [],
        createdBy: { type: 'user', id: fresh.userIds.manager },
      });
      expect(response.body.steps[1].config.recipients).toEqual([SLACK_CHANNEL]);
      expect((await call('get', `/workflows/${response.body.id}`, fresh.tokens.viewer).expect(200)).body.steps).toEqual(
        response.body.steps,
      );

      const active = await call('post', `/templates/${KICKOFF}/instantiate`, fresh.tokens.manager, {
        name: 'Kickoff, live',
        values: { onboardingChannel: [SLACK_CHANNEL] },
        activate: true,
      }).expect(201);
      expect(active.body).toMatchObject({ name: 'Kickoff, live', isActive: true });

      expect((await call('get', `/templates/${KICKOFF}`, fresh.tokens.viewer).expect(200)).body.usageCount).toBe(2);
      expect((await call('get', `/templates/${KICKOFF}`, other.tokens.viewer).expect(200)).body.usageCount).toBe(0);
      const audit = await auditTypes(fresh, 'template.instantiated');
      expect(audit.map((event: { workflowId: string }) => event.workflowId).sort()).toEqual(
        [response.body.id, active.body.id].sort(),
      );
      expect(audit[0].details).toMatchObject({ templateId: KICKOFF });
      expect((await auditTypes(fresh, 'workflow.created')).length).toBe(2);
    });

    it('instantiates the agency’s own template with defaults filled in and counts it', async () => {
      const template = await createTemplate(roasTemplate({ name: 'Counted' }));
      const response = await call('post', `/templates/${template.id}/instantiate`, agency.tokens.manager, {
        values: { channel: [SLACK_CHANNEL] },
      }).expect(201);
      expect(response.body.triggers).toEqual([
        { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
      ]);
      expect((await call('get', `/templates/${template.id}`, agency.tokens.viewer).expect(200)).body.usageCount).toBe(
        1,
      );
    });

    it('refuses a value the normal workflow validation refuses (a stage outside the pipeline, a user of another agency)', async () => {
      const stageTemplate = await createTemplate({
        name: 'Stage pick',
        category: 'onboarding',
        definition: {
          name: 'Stage pick',
          triggers: [{ type: 'stage_change', config: { toStage: { $placeholder: 'stage' } } }],
          steps: [{ type: 'create_task', config: { title: 'Hi', priority: 'low', assignee: { $placeholder: 'who' } } }],
        },
        placeholders: [
          { key: 'stage', label: 'Stage', schema: { type: 'string', 'x-picker': 'stage' } },
          { key: 'who', label: 'Assignee', schema: { type: 'string', format: 'uuid', 'x-picker': 'user' } },
        ],
      });
      const unknownStage = await call('post', `/templates/${stageTemplate.id}/instantiate`, agency.tokens.manager, {
        values: { stage: 'mars', who: agency.userIds.viewer },
      }).expect(400);
      expect(unknownStage.body.details[0].path).toBe('triggers[0].config.toStage');
      const foreignUser = await call('post', `/templates/${stageTemplate.id}/instantiate`, agency.tokens.manager, {
        values: { stage: 'active', who: other.userIds.viewer },
      }).expect(400);
      expect(foreignUser.body.details[0].message).toContain(other.userIds.viewer);
      await call('post', `/templates/${stageTemplate.id}/instantiate`, agency.tokens.manager, {
        values: { stage: 'active', who: agency.userIds.viewer },
      }).expect(201);
    });

    it('orders the library by use, then built-ins in gallery order, then newest; filters by category, search and source', async () => {
      const fresh = await api.createAgency('Ordering Agency');
      const older = await createTemplate(roasTemplate({ name: 'Older own' }), fresh);
      const newer = await createTemplate(roasTemplate({ name: 'Newer own', category: 'support' }), fresh);
      await call('post', `/templates/${newer.id}/instantiate`, fresh.tokens.manager, {
        values: { channel: [SLACK_CHANNEL] },
      }).expect(201);

      const all = (await call('get', '/templates?pageSize=200', fresh.tokens.viewer).expect(200)).body;
      const ids = all.items.map((template: { id: string }) => template.id);
      expect(all.total).toBe(BUILTIN_TEMPLATES.length + 2);
      expect(ids).toEqual([newer.id, ...BUILTIN_TEMPLATES.map((template) => template.id), older.id]);

      const page = (await call('get', '/templates?page=2&pageSize=1', fresh.tokens.viewer).expect(200)).body;
      expect(page).toMatchObject({ total: BUILTIN_TEMPLATES.length + 2, page: 2, pageSize: 1 });
      expect(page.items.map((template: { id: string }) => template.id)).toEqual([BUILTIN_TEMPLATES[0].id]);

      const support = (await call('get', '/templates?category=support&pageSize=200', fresh.tokens.viewer).expect(200))
        .body;
      expect(support.items.every((template: { category: string }) => template.category === 'support')).toBe(true);
      expect(support.items.map((template: { id: string }) => template.id)).toContain(newer.id);
      expect(
        (await call('get', '/templates?source=agency', fresh.tokens.viewer).expect(200)).body.items.map(
          (template: { id: string }) => template.id,
        ),
      ).toEqual([newer.id, older.id]);
      expect(
        (await call('get', '/templates?source=builtin&pageSize=200', fresh.tokens.viewer).expect(200)).body.total,
      ).toBe(BUILTIN_TEMPLATES.length);
      expect((await call('get', '/templates?source=shared', fresh.tokens.viewer).expect(200)).body.total).toBe(0);
      expect(
        (await call('get', '/templates?search=NEWER%20OWN', fresh.tokens.viewer).expect(200)).body.items.map(
          (template: { id: string }) => template.id,
        ),
      ).toEqual([newer.id]);
      const kickoffSearch = (
        await call('get', '/templates?search=onboarding%20kickoff', fresh.tokens.viewer).expect(200)
      ).body.items.map((template: { id: string }) => template.id);
      expect(kickoffSearch).toContain(KICKOFF);
      expect((await call('get', '/templates?search=100%25', fresh.tokens.viewer).expect(200)).body.total).toBe(0);
    });
  });

  describe('bad input', () => {
    /** [what, method, path, body, field path the 400 must name] */
    const rows: [string, ApiMethod, string, () => object, string][] = [
      [
        'an unknown field in a template body',
        'post',
        '/templates',
        () => ({ ...roasTemplate(), agencyId: agency.agencyId }),
        'agencyId',
      ],
      ['a category outside the six', 'post', '/templates', () => roasTemplate({ category: 'gossip' }), 'category'],
      [
        'duplicate placeholder keys',
        'post',
        '/templates',
        () =>
          roasTemplate({
            placeholders: [...(roasTemplate().placeholders as object[]), (roasTemplate().placeholders as object[])[0]],
          }),
        'placeholders[2].key',
      ],
      [
        'a definition using an undeclared placeholder',
        'post',
        '/templates',
        () => roasTemplate({ placeholders: [(roasTemplate().placeholders as object[])[1]] }),
        'definition.steps[0].config.recipients',
      ],
      [
        'a placeholder schema with an unsupported keyword',
        'post',
        '/templates',
        () =>
          roasTemplate({
            placeholders: [
              (roasTemplate().placeholders as object[])[0],
              { key: 'threshold', label: 'x', schema: { type: 'number', $ref: '#/x' } },
            ],
          }),
        'placeholders[1].schema.$ref',
      ],
      [
        'a placeholder default naming a Slack channel of the agency',
        'post',
        '/templates',
        () =>
          roasTemplate({
            placeholders: [
              { ...(roasTemplate().placeholders as object[])[0], default: ['C0ALERTS01'] },
              (roasTemplate().placeholders as object[])[1],
            ],
          }),
        'placeholders[0].default',
      ],
      [
        'an invalid definition',
        'post',
        '/templates',
        () => roasTemplate({ definition: { ...(roasTemplate().definition as object), steps: [] } }),
        'definition.steps',
      ],
      [
        'a malformed fromWorkflowId',
        'post',
        '/templates',
        () => ({ fromWorkflowId: 'nope', category: 'onboarding' }),
        'fromWorkflowId',
      ],
      [
        'fromWorkflowId with an unknown field',
        'post',
        '/templates',
        () => ({ fromWorkflowId: '6a0f3f4e-0000-4000-8000-000000000000', category: 'onboarding', definition: {} }),
        'definition',
      ],
      [
        'fromWorkflowId with a bad category',
        'post',
        '/templates',
        () => ({ fromWorkflowId: '6a0f3f4e-0000-4000-8000-000000000000', category: 'misc' }),
        'category',
      ],
      [
        'an unknown placeholder in values',
        'post',
        `/templates/${KICKOFF}/instantiate`,
        () => ({ values: { onboardingChannel: [SLACK_CHANNEL], alertsChannel: [SLACK_CHANNEL] } }),
        'values.alertsChannel',
      ],
      [
        'a value of the wrong type',
        'post',
        `/templates/${KICKOFF}/instantiate`,
        () => ({ values: { onboardingChannel: 'C0ALERTS01' } }),
        'values.onboardingChannel',
      ],
      [
        'a value against its schema',
        'post',
        `/templates/${KICKOFF}/instantiate`,
        () => ({ values: { onboardingChannel: ['#general'] } }),
        'values.onboardingChannel[0]',
      ],
      [
        'a missing value',
        'post',
        `/templates/${KICKOFF}/instantiate`,
        () => ({ values: {} }),
        'values.onboardingChannel',
      ],
      ['no values at all', 'post', `/templates/${KICKOFF}/instantiate`, () => ({}), 'values.onboardingChannel'],
      [
        'values not an object',
        'post',
        `/templates/${KICKOFF}/instantiate`,
        () => ({ values: ['C0ALERTS01'] }),
        'values',
      ],
      [
        'an unknown instantiate field',
        'post',
        `/templates/${KICKOFF}/instantiate`,
        () => ({ values: { onboardingChannel: [SLACK_CHANNEL] }, isActive: true }),
        'isActive',
      ],
      [
        'activate not a boolean',
        'post',
        `/templates/${KICKOFF}/instantiate`,
        () => ({ values: { onboardingChannel: [SLACK_CHANNEL] }, activate: 'yes' }),
        'activate',
      ],
      [
        'a blank workflow name',
        'post',
        `/templates/${KICKOFF}/instantiate`,
        () => ({ values: { onboardingChannel: [SLACK_CHANNEL] }, name: '  ' }),
        'name',
      ],
      ['a bad category filter', 'get', '/templates?category=gossip', () => ({}), 'category'],
      ['a bad source filter', 'get', '/templates?source=stolen', () => ({}), 'source'],
      [
        'an unknown query parameter',
        'get',
        `/templates?agencyId=${'6a0f3f4e-0000-4000-8000-000000000000'}`,
        () => ({}),
        'agencyId',
      ],
    ];

    it.each(rows)(
      'refuses %s with a 400 naming the field, and stores nothing',
      async (_what, method, path, body, field) => {
        const before = (await call('get', '/templates?source=agency', agency.tokens.viewer).expect(200)).body.total;
        const workflowsBefore = (await call('get', '/workflows', agency.tokens.viewer).expect(200)).body.total;
        const response = await call(method, path, agency.tokens.manager, method === 'get' ? undefined : body()).expect(
          400,
        );
        expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(field);
        expect((await call('get', '/templates?source=agency', agency.tokens.viewer).expect(200)).body.total).toBe(
          before,
        );
        expect((await call('get', '/workflows', agency.tokens.viewer).expect(200)).body.total).toBe(workflowsBefore);
      },
    );
  });

  describe('tenancy and roles', () => {
    it('answers 404 for another agency’s template and workflow ids, and changes nothing', async () => {
      const template = await createTemplate(roasTemplate({ name: 'Private play' }));
      const workflowId = (
        await call('post', '/workflows', agency.tokens.manager, minimalWorkflow('Private workflow')).expect(201)
      ).body.id;
      const probes: [ApiMethod, string, object?][] = [
        ['get', `/templates/${template.id}`],
        ['patch', `/templates/${template.id}`, { name: 'Hijacked' }],
        ['delete', `/templates/${template.id}`],
        ['post', `/templates/${template.id}/instantiate`, { values: { channel: [SLACK_CHANNEL] } }],
        ['post', `/templates/${template.id}/share`, {}],
        ['delete', `/templates/${template.id}/share`],
        ['post', '/templates', { fromWorkflowId: workflowId, category: 'onboarding' }],
        ['get', `/workflows/${workflowId}/export`],
      ];
      for (const [method, path, body] of probes) {
        for (const token of [other.tokens.admin, other.apiKey]) {
          const response = await call(method, path, token, body);
          expect([method, path, response.status]).toEqual([method, path, 404]);
        }
      }
      expect((await call('get', `/templates/${template.id}`, agency.tokens.viewer).expect(200)).body).toMatchObject({
        name: 'Private play',
        usageCount: 0,
        share: null,
      });
      const listed = JSON.stringify(
        (await call('get', '/templates?pageSize=200', other.tokens.admin).expect(200)).body,
      );
      expect(listed).not.toContain(template.id);
    });

    it.each([
      ['viewer', 'get', '/templates', true],
      ['viewer', 'get', 'TEMPLATE', true],
      ['viewer', 'post', '/templates', false],
      ['manager', 'post', '/templates', true],
      ['viewer', 'patch', 'TEMPLATE', false],
      ['manager', 'patch', 'TEMPLATE', true],
      ['viewer', 'post', 'TEMPLATE/instantiate', false],
      ['manager', 'post', 'TEMPLATE/instantiate', true],
      ['manager', 'post', 'TEMPLATE/share', false],
      ['admin', 'post', 'TEMPLATE/share', true],
      ['manager', 'delete', 'TEMPLATE/share', false],
      ['admin', 'delete', 'TEMPLATE/share', true],
      ['manager', 'post', '/templates/import', false],
      ['viewer', 'delete', 'TEMPLATE', false],
      ['manager', 'delete', 'TEMPLATE', true],
    ] as [keyof TestAgency['tokens'], ApiMethod, string, boolean][])(
      '%s %s %s → allowed: %s',
      async (role, method, rawPath, allowed) => {
        const template = await createTemplate(roasTemplate({ name: `Roles ${role} ${method} ${rawPath}` }));
        const path = rawPath.replace('TEMPLATE', `/templates/${template.id}`);
        const bodies: Record<string, object> = {
          'post /templates': roasTemplate({ name: 'By role' }),
          [`patch ${path}`]: { name: 'Renamed by role' },
          [`post /templates/${template.id}/instantiate`]: { values: { channel: [SLACK_CHANNEL] } },
          [`post /templates/${template.id}/share`]: {},
          'post /templates/import': { shareCode: 'tpl_unknown' },
        };
        const response = await call(method, path, agency.tokens[role], bodies[`${method} ${path}`]);
        if (allowed) {
          expect(response.status).toBeLessThan(300);
        } else {
          expect(response.status).toBe(403);
          expect(response.body.message).toMatch(/requires the (manager|admin) role/);
        }
      },
    );
  });
});
