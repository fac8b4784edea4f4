import { ClientEntity, WorkflowRunEntity } from '@automations/persistence';
import { bearer, startTestApi, TestAgency, TestApi } from './support/test-api';
import { minimalWorkflow, onboardingWorkflow } from './support/workflow-fixtures';

const alert = (title = 'Hi {{client.name}}') => ({ type: 'add_alert', config: { title, severity: 'info' } });
const withSteps = (...steps: unknown[]) => minimalWorkflow('Invalid', steps);
const withTriggers = (...triggers: unknown[]) => ({ ...minimalWorkflow('Invalid'), triggers });
const branch = (inner: unknown[]) => ({
  type: 'branch',
  condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
  then: inner,
});

/** Each row: a definition that must be refused, and the field path the 400 must name. */
const INVALID_DEFINITIONS: [string, unknown, string][] = [
  ['missing name', { triggers: [{ type: 'stage_change', config: { toStage: 'a' } }], steps: [alert()] }, 'name'],
  ['blank name', { ...minimalWorkflow(), name: '   ' }, 'name'],
  ['name too long', { ...minimalWorkflow(), name: 'x'.repeat(201) }, 'name'],
  ['unknown top-level field', { ...minimalWorkflow(), agencyId: '00000000-0000-0000-0000-000000000000' }, 'agencyId'],
  ['isActive not boolean', { ...minimalWorkflow(), isActive: 'yes' }, 'isActive'],
  ['no triggers', withTriggers(), 'triggers'],
  [
    'three triggers',
    withTriggers(...Array.from({ length: 3 }, () => ({ type: 'stage_change', config: { toStage: 'a' } }))),
    'triggers',
  ],
  ['unknown trigger type', withTriggers({ type: 'full_moon', config: {} }), 'triggers[0].type'],
  [
    'two scheduled triggers',
    withTriggers(
      { type: 'scheduled', config: { cron: '0 9 * * 1', timezone: 'UTC' } },
      { type: 'scheduled', config: { cron: '0 10 * * 1', timezone: 'UTC' } },
    ),
    'triggers[1].type',
  ],
  ['stage_change without toStage', withTriggers({ type: 'stage_change', config: {} }), 'triggers[0].config.toStage'],
  [
    'stage_change unknown config field',
    withTriggers({ type: 'stage_change', config: { toStage: 'a', colour: 'red' } }),
    'triggers[0].config.colour',
  ],
  ['inactivity days 0', withTriggers({ type: 'inactivity', config: { days: 0 } }), 'triggers[0].config.days'],
  ['inactivity days 366', withTriggers({ type: 'inactivity', config: { days: 366 } }), 'triggers[0].config.days'],
  [
    'kpi bad operator',
    withTriggers({ type: 'kpi_threshold', config: { metric: 'roas', operator: 'around', value: 2 } }),
    'triggers[0].config.operator',
  ],
  [
    'kpi value not a number',
    withTriggers({ type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 'two' } }),
    'triggers[0].config.value',
  ],
  [
    'new_message bad platform',
    withTriggers({ type: 'new_message', config: { platform: 'fax' } }),
    'triggers[0].config.platform',
  ],
  [
    'ticket_created bad priority',
    withTriggers({ type: 'ticket_created', config: { priority: 'whenever' } }),
    'triggers[0].config.priority',
  ],
  [
    'scheduled with seconds field',
    withTriggers({ type: 'scheduled', config: { cron: '*/10 * * * * *', timezone: 'UTC' } }),
    'triggers[0].config.cron',
  ],
  [
    'scheduled bad timezone',
    withTriggers({ type: 'scheduled', config: { cron: '0 9 * * 1', timezone: 'Mars/Olympus' } }),
    'triggers[0].config.timezone',
  ],
  ['no steps', withSteps(), 'steps'],
  ['unknown action type', withSteps({ type: 'launch_rocket', config: {} }), 'steps[0].type'],
  [
    'create_task without title',
    withSteps({ type: 'create_task', config: { priority: 'high' } }),
    'steps[0].config.title',
  ],
  [
    'create_task bad priority',
    withSteps({ type: 'create_task', config: { title: 'x', priority: 'asap' } }),
    'steps[0].config.priority',
  ],
  ['delay over 24 hours', withSteps({ ...alert(), delayMinutes: 1441 }), 'steps[0].delayMinutes'],
  ['negative delay', withSteps({ ...alert(), delayMinutes: -1 }), 'steps[0].delayMinutes'],
  ['unknown step field', withSteps({ ...alert(), retries: 5 }), 'steps[0].retries'],
  ['duplicate step ids', withSteps({ id: 'same', ...alert() }, { id: 'same', ...alert() }), 'steps[1].id'],
  ['bad step id characters', withSteps({ id: 'has space', ...alert() }), 'steps[0].id'],
  ['unknown template variable', withSteps(alert('Hello {{client.password}}')), 'steps[0].config.title'],
  ['template prototype access', withSteps(alert('{{client.__proto__}}')), 'steps[0].config.title'],
  [
    'template code injection',
    withSteps(alert("{{constructor.constructor('return process')()}}")),
    'steps[0].config.title',
  ],
  [
    'slack recipient not a Slack id',
    withSteps({
      type: 'send_notification',
      config: { channel: 'slack', recipients: ['C0123ABC', '#general'], message: 'hi' },
    }),
    'steps[0].config.recipients[1]',
  ],
  [
    'email recipient not an address',
    withSteps({ type: 'send_notification', config: { channel: 'email', recipients: ['not-an-email'], message: 'hi' } }),
    'steps[0].config.recipients[0]',
  ],
  ['update_client with nothing to change', withSteps({ type: 'update_client', config: {} }), 'steps[0].config'],
  [
    'update_client bad health',
    withSteps({ type: 'update_client', config: { health: 'purple' } }),
    'steps[0].config.health',
  ],
  [
    'add_alert bad severity',
    withSteps({ type: 'add_alert', config: { title: 'x', severity: 'apocalyptic' } }),
    'steps[0].config.severity',
  ],
  ['branch without condition', withSteps({ type: 'branch', then: [alert()] }), 'steps[0].condition'],
  [
    'branch nested four deep',
    withSteps(branch([branch([branch([branch([alert()])])])])),
    'steps[0].then[0].then[0].then[0]',
  ],
  [
    'condition with unknown operator',
    withSteps({ ...alert(), condition: { all: [{ field: 'client.health', operator: 'resembles', value: 'red' }] } }),
    'steps[0].condition.all[0].operator',
  ],
  [
    'condition on unknown field',
    withSteps({ ...alert(), condition: { all: [{ field: 'client.secret', operator: 'equals', value: 'x' }] } }),
    'steps[0].condition.all[0].field',
  ],
];

describe('workflows API', () => {
  let api: TestApi;
  let agency: TestAgency;

  beforeAll(async () => {
    api = await startTestApi();
    agency = await api.createAgency('Workflow Agency');
  });
  afterAll(() => api.close());

  const post = (body: unknown, token = agency.tokens.manager) =>
    api
      .http()
      .post('/api/v1/workflows')
      .set(bearer(token))
      .send(body as object);

  it('creates an automation, echoing the stored definition with version 1 and no warnings', async () => {
    const response = await post(onboardingWorkflow()).expect(201);
    expect(response.body).toMatchObject({
      name: 'Onboarding kickoff',
      isActive: true,
      version: 1,
      runCount: 0,
      successRate: null,
      lastRunAt: null,
      failedRunsNeedingAttention: 0,
      triggerTypes: ['stage_change', 'kpi_threshold'],
      actionCount: 4,
      warnings: [],
      createdBy: { type: 'user', id: agency.userIds.manager },
    });
    expect(response.body.steps[1].then[0]).toMatchObject({ id: 'alert', type: 'add_alert' });
    const fetched = await api
      .http()
      .get(`/api/v1/workflows/${response.body.id}`)
      .set(bearer(agency.tokens.viewer))
      .expect(200);
    expect(fetched.body.steps).toEqual(response.body.steps);
  });

  it('fills in missing step ids, unique within the workflow', async () => {
    const response = await post(minimalWorkflow('Ids', [alert(), alert(), { id: 'mine', ...alert() }])).expect(201);
    const ids = response.body.steps.map((s: { id: string }) => s.id);
    expect(ids[2]).toBe('mine');
    expect(new Set(ids).size).toBe(3);
    ids.forEach((id: string) => expect(id).toMatch(/^[A-Za-z0-9_-]+$/));
  });

  it.each(INVALID_DEFINITIONS)('refuses %s with a 400 naming the field', async (_name, body, path) => {
    const before = await api.http().get('/api/v1/workflows').set(bearer(agency.tokens.viewer)).expect(200);
    const response = await post(body).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(response.body.details.every((d: { message: string }) => d.message.length > 0)).toBe(true);
    const after = await api.http().get('/api/v1/workflows').set(bearer(agency.tokens.viewer)).expect(200);
    expect(after.body.total).toBe(before.body.total);
  });

  it('accepts more than 50 actions with a warning', async () => {
    const steps = Array.from({ length: 51 }, (_, i) => alert(`Step ${i} for {{client.name}}`));
    const response = await post(minimalWorkflow('Long chain', steps)).expect(201);
    expect(response.body.warnings).toEqual([expect.objectContaining({ code: 'too_many_actions' })]);
  });

  it('refuses an assignee who is not a user of the agency', async () => {
    const response = await post(
      minimalWorkflow('Foreign assignee', [
        {
          type: 'create_task',
          config: { title: 'x', priority: 'low', assignee: '3f1c6f0e-9a52-4c1e-9a53-7a7c0b9d6b11' },
        },
      ]),
    ).expect(400);
    expect(response.body.details[0].message).toContain('3f1c6f0e-9a52-4c1e-9a53-7a7c0b9d6b11');
    await post(
      minimalWorkflow('Own assignee', [
        { type: 'create_task', config: { title: 'x', priority: 'low', assignee: agency.userIds.viewer } },
      ]),
    ).expect(201);
  });

  it('updates with a version bump, keeps every saved definition, and refuses a stale expectedVersion', async () => {
    const created = (await post(minimalWorkflow('Versioned')).expect(201)).body;
    const updated = await api
      .http()
      .patch(`/api/v1/workflows/${created.id}`)
      .set(bearer(agency.tokens.manager))
      .send({ name: 'Versioned v2', expectedVersion: 1 })
      .expect(200);
    expect(updated.body).toMatchObject({
      name: 'Versioned v2',
      version: 2,
      triggers: created.triggers,
      steps: created.steps,
    });

    await api
      .http()
      .patch(`/api/v1/workflows/${created.id}`)
      .set(bearer(agency.tokens.manager))
      .send({ name: 'Lost update', expectedVersion: 1 })
      .expect(409);
    const invalid = await api
      .http()
      .patch(`/api/v1/workflows/${created.id}`)
      .set(bearer(agency.tokens.manager))
      .send({ steps: [] })
      .expect(400);
    expect(invalid.body.details[0].path).toBe('steps');

    const versions = await api
      .http()
      .get(`/api/v1/workflows/${created.id}/versions`)
      .set(bearer(agency.tokens.viewer))
      .expect(200);
    expect(
      versions.body.items.map((v: { version: number; definition: { name: string } }) => [v.version, v.definition.name]),
    ).toEqual([
      [2, 'Versioned v2'],
      [1, 'Versioned'],
    ]);
    const first = await api
      .http()
      .get(`/api/v1/workflows/${created.id}/versions/1`)
      .set(bearer(agency.tokens.viewer))
      .expect(200);
    expect(first.body.definition.name).toBe('Versioned');
  });

  it('toggles: flips without a body, sets with one, and disabling cancels queued and waiting runs', async () => {
    const created = (await post(minimalWorkflow('Toggle me')).expect(201)).body;
    const client = await api.dataSource.getRepository(ClientEntity).save({
      agencyId: agency.agencyId,
      name: 'Run Client',
      stage: 'active',
      health: 'green',
      lastActivityAt: new Date(),
    });
    const runs = api.dataSource.getRepository(WorkflowRunEntity);
    const base = {
      agencyId: agency.agencyId,
      workflowId: created.id,
      workflowVersion: 1,
      clientId: client.id,
      mode: 'live' as const,
      attempt: 1,
      leaseToken: '0',
      startedAt: new Date(),
    };
    const waiting = await runs.save({ ...base, status: 'waiting' as const });
    const done = await runs.save({ ...base, status: 'completed' as const, finishedAt: new Date() });

    const off = await api
      .http()
      .patch(`/api/v1/workflows/${created.id}/toggle`)
      .set(bearer(agency.tokens.manager))
      .expect(200);
    expect(off.body).toMatchObject({ isActive: false, version: 2 });
    expect(await runs.findOneByOrFail({ id: waiting.id })).toMatchObject({
      status: 'cancelled',
      reason: 'workflow disabled',
    });
    expect(await runs.findOneByOrFail({ id: done.id })).toMatchObject({ status: 'completed' });

    const stillOff = await api
      .http()
      .patch(`/api/v1/workflows/${created.id}/toggle`)
      .set(bearer(agency.tokens.manager))
      .send({ isActive: false })
      .expect(200);
    expect(stillOff.body).toMatchObject({ isActive: false, version: 2 });
    const on = await api
      .http()
      .patch(`/api/v1/workflows/${created.id}/toggle`)
      .set(bearer(agency.tokens.manager))
      .send({ isActive: true })
      .expect(200);
    expect(on.body).toMatchObject({ isActive: true, version: 3 });
    await api
      .http()
      .patch(`/api/v1/workflows/${created.id}/toggle`)
      .set(bearer(agency.tokens.manager))
      .send({ isActive: 'no' })
      .expect(400);
  });

  it('soft-deletes: gone from reads and lists, history kept, pending runs cancelled', async () => {
    const created = (await post(minimalWorkflow('Delete me')).expect(201)).body;
    const client = await api.dataSource.getRepository(ClientEntity).save({
      agencyId: agency.agencyId,
      name: 'Del Client',
      stage: 'active',
      health: 'green',
      lastActivityAt: new Date(),
    });
    const runs = api.dataSource.getRepository(WorkflowRunEntity);
    const queued = await runs.save({
      agencyId: agency.agencyId,
      workflowId: created.id,
      workflowVersion: 1,
      clientId: client.id,
      mode: 'live',
      status: 'queued',
      attempt: 1,
      leaseToken: '0',
      startedAt: new Date(),
    });

    await api.http().delete(`/api/v1/workflows/${created.id}`).set(bearer(agency.tokens.manager)).expect(204);
    await api.http().get(`/api/v1/workflows/${created.id}`).set(bearer(agency.tokens.manager)).expect(404);
    await api.http().delete(`/api/v1/workflows/${created.id}`).set(bearer(agency.tokens.manager)).expect(404);
    const list = await api
      .http()
      .get('/api/v1/workflows?search=Delete%20me')
      .set(bearer(agency.tokens.manager))
      .expect(200);
    expect(list.body.total).toBe(0);
    expect(await runs.findOneByOrFail({ id: queued.id })).toMatchObject({
      status: 'cancelled',
      reason: 'workflow deleted',
    });
  });

  it('lists with status, search, sort, pagination and run figures', async () => {
    const fresh = await api.createAgency('List Agency');
    const names = ['Alpha report', 'Bravo onboarding', 'Charlie onboarding', 'Delta churn'];
    const ids: Record<string, string> = {};
    for (const name of names) ids[name] = (await post(minimalWorkflow(name), fresh.tokens.manager).expect(201)).body.id;
    await api
      .http()
      .patch(`/api/v1/workflows/${ids['Delta churn']}/toggle`)
      .set(bearer(fresh.tokens.manager))
      .expect(200);

    const client = await api.dataSource.getRepository(ClientEntity).save({
      agencyId: fresh.agencyId,
      name: 'Figures',
      stage: 'active',
      health: 'green',
      lastActivityAt: new Date(),
    });
    const lastRunAt = new Date('2026-11-20T10:00:00Z');
    // Counters are kept in shards; the API shows their sums.
    await api.dataSource.query(
      `INSERT INTO workflow_counters (workflow_id, shard, agency_id, run_count, success_count, failure_count, skip_count, last_run_at)
       VALUES ($1, 0, $2, 6, 4, 1, 1, $3::timestamptz - interval '1 day'), ($1, 5, $2, 4, 3, 0, 1, $3::timestamptz), ($4, 0, $2, 1, 1, 0, 0, $3::timestamptz - interval '2 days')`,
      [ids['Alpha report'], fresh.agencyId, lastRunAt, ids['Charlie onboarding']],
    );
    await api.dataSource.getRepository(WorkflowRunEntity).save({
      agencyId: fresh.agencyId,
      workflowId: ids['Alpha report'],
      workflowVersion: 1,
      clientId: client.id,
      mode: 'live',
      status: 'failed',
      attempt: 1,
      leaseToken: '0',
      startedAt: new Date(),
    });

    const get = (query: string) =>
      api.http().get(`/api/v1/workflows?${query}`).set(bearer(fresh.tokens.viewer)).expect(200);
    const byName = await get('sort=name');
    expect(byName.body.items.map((w: { name: string }) => w.name)).toEqual(names);
    expect(byName.body.items[0]).toMatchObject({
      runCount: 10,
      successRate: 0.875,
      lastRunAt: lastRunAt.toISOString(),
      failedRunsNeedingAttention: 1,
    });
    expect((await get('sort=-name')).body.items[0].name).toBe('Delta churn');
    expect((await get('sort=-runCount')).body.items.map((w: { name: string }) => w.name)).toEqual([
      'Alpha report',
      'Charlie onboarding',
      expect.any(String),
      expect.any(String),
    ]);
    expect((await get('sort=-lastRunAt&pageSize=2')).body.items.map((w: { name: string }) => w.name)).toEqual([
      'Alpha report',
      'Charlie onboarding',
    ]);
    expect((await get('sort=lastRunAt')).body.items.slice(2).map((w: { name: string }) => w.name)).toEqual([
      'Charlie onboarding',
      'Alpha report',
    ]);
    expect((await get('status=paused')).body.items.map((w: { name: string }) => w.name)).toEqual(['Delta churn']);
    expect((await get('status=active')).body.total).toBe(3);
    expect((await get('search=ONBOARD&sort=name')).body.items.map((w: { name: string }) => w.name)).toEqual([
      'Bravo onboarding',
      'Charlie onboarding',
    ]);
    const page2 = await get('sort=name&page=2&pageSize=3');
    expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.body.items.map((w: { name: string }) => w.name)).toEqual(['Delta churn']);
    expect((await get('search=100%25')).body.total).toBe(0);
  });

  it('rejects bad list parameters with the field named', async () => {
    for (const [query, path] of [
      ['pageSize=201', 'pageSize'],
      ['page=0', 'page'],
      ['status=sleeping', 'status'],
      ['sort=password', 'sort'],
      ['colour=red', 'colour'],
    ]) {
      const response = await api.http().get(`/api/v1/workflows?${query}`).set(bearer(agency.tokens.viewer)).expect(400);
      expect(response.body.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    await api.http().get('/api/v1/workflows/not-a-uuid').set(bearer(agency.tokens.viewer)).expect(400);
  });

  it('publishes trigger and action types with schemas and examples', async () => {
    const triggers = await api
      .http()
      .get('/api/v1/workflows/triggers/types')
      .set(bearer(agency.tokens.viewer))
      .expect(200);
    expect(triggers.body.items.map((t: { type: string }) => t.type).sort()).toEqual([
      'inactivity',
      'kpi_threshold',
      'new_message',
      'scheduled',
      'stage_change',
      'ticket_created',
    ]);
    const actions = await api
      .http()
      .get('/api/v1/workflows/actions/types')
      .set(bearer(agency.tokens.viewer))
      .expect(200);
    expect(actions.body.items.map((t: { type: string }) => t.type).sort()).toEqual([
      'add_alert',
      'create_task',
      'create_ticket',
      'draft_communication',
      'send_notification',
      'update_client',
    ]);
    for (const descriptor of [...triggers.body.items, ...actions.body.items]) {
      expect(descriptor).toEqual(
        expect.objectContaining({
          label: expect.any(String),
          description: expect.any(String),
          configSchema: expect.objectContaining({ type: 'object' }),
        }),
      );
      expect(descriptor.examples.length).toBeGreaterThan(0);
    }
    // Every published action example is accepted by the API itself (user ids in examples swapped for one of this agency).
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    for (const descriptor of actions.body.items) {
      for (const example of descriptor.examples) {
        const config = JSON.parse(JSON.stringify(example).replace(uuid, agency.userIds.manager));
        await post(minimalWorkflow(`Example ${descriptor.type}`, [{ type: descriptor.type, config }])).expect(201);
      }
    }
  });

  it('audits created, updated, toggled and deleted with the actor', async () => {
    const fresh = await api.createAgency('Audit Agency');
    const created = (await post(minimalWorkflow('Audited'), fresh.apiKey).expect(201)).body;
    await api
      .http()
      .patch(`/api/v1/workflows/${created.id}`)
      .set(bearer(fresh.tokens.manager))
      .send({ description: 'now described' })
      .expect(200);
    await api.http().patch(`/api/v1/workflows/${created.id}/toggle`).set(bearer(fresh.tokens.admin)).expect(200);
    await api.http().delete(`/api/v1/workflows/${created.id}`).set(bearer(fresh.tokens.manager)).expect(204);
    const audit = await api
      .http()
      .get(`/api/v1/audit?workflowId=${created.id}`)
      .set(bearer(fresh.tokens.viewer))
      .expect(200);
    const trail = audit.body.items
      .map((e: { eventType: string; actorType: string; actorId: string }) => [e.eventType, e.actorType, e.actorId])
      .reverse();
    const apiKeyId = created.createdBy.id;
    expect(created.createdBy.type).toBe('api_key');
    expect(trail).toEqual([
      ['workflow.created', 'api_key', apiKeyId],
      ['workflow.updated', 'user', fresh.userIds.manager],
      ['workflow.toggled', 'user', fresh.userIds.admin],
      ['workflow.deleted', 'user', fresh.userIds.manager],
    ]);
    expect(
      audit.body.items.find((e: { eventType: string }) => e.eventType === 'workflow.updated').details,
    ).toMatchObject({ version: 2, changed: ['description'] });
  });
});
