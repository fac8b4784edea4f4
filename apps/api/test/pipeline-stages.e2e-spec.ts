import { DEFAULT_PIPELINE_STAGES } from '@automations/domain';
import { ALL_MIGRATIONS } from '@automations/persistence';
import { createClient } from './support/client.fixture';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';

const DEFAULTS = [...DEFAULT_PIPELINE_STAGES];

describe('pipeline stages (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;

  beforeAll(async () => {
    ({ api, alpha, beta } = await startTestApiWithTwoAgencies(['Stages Alpha', 'Stages Beta']));
  });

  afterAll(async () => {
    await api.close();
  });

  const http = () => api.http();
  const readStages = async (agency: TestAgency) =>
    (await http().get('/api/v1/agency').set(bearer(agency.tokens.viewer)).expect(200)).body.pipelineStages;
  const setStages = (agency: TestAgency, pipelineStages: unknown) =>
    http().patch('/api/v1/agency').set(bearer(agency.tokens.admin)).send({ pipelineStages });
  const paths = (body: { details?: { path: string; message: string }[] }) =>
    (body.details ?? []).map((detail) => detail.path);
  const workflow = (
    triggerConfig: Record<string, unknown>,
    steps: unknown[] = [{ id: 'a', type: 'add_alert', config: { title: 'x', severity: 'info' } }],
  ) => ({
    name: `Stages ${Math.random()}`,
    triggers: [{ type: 'stage_change', config: triggerConfig }],
    steps,
  });

  it('starts every agency with the default stages, in order', async () => {
    expect(await readStages(alpha)).toEqual(DEFAULTS);
  });

  it('lets an admin add, rename, reorder and remove unused stages, audited; other agencies unchanged', async () => {
    const next = ['prospect', 'lead', 'onboarding', 'active', 'vip', 'at_risk', 'churned'];
    const response = await setStages(alpha, next).expect(200);
    expect(response.body.pipelineStages).toEqual(next);
    expect(await readStages(alpha)).toEqual(next);
    expect(await readStages(beta)).toEqual(DEFAULTS);
    const audit = await http()
      .get('/api/v1/audit?eventType=agency.updated')
      .set(bearer(alpha.tokens.admin))
      .expect(200);
    expect(audit.body.items[0].details.changes.pipelineStages).toEqual({ from: DEFAULTS, to: next });
    // Rename `vip` (unused) to `key_account`, move `prospect` last.
    const renamed = ['lead', 'onboarding', 'active', 'key_account', 'at_risk', 'churned', 'prospect'];
    expect((await setStages(alpha, renamed).expect(200)).body.pipelineStages).toEqual(renamed);
    await setStages(alpha, DEFAULTS).expect(200);
  });

  it.each([
    ['an uppercase name', ['lead', 'Active'], 'pipelineStages[1]'],
    ['a name with a space', ['lead', 'at risk'], 'pipelineStages[1]'],
    ['a duplicate', ['lead', 'active', 'lead'], 'pipelineStages[2]'],
    ['an empty list', [], 'pipelineStages'],
    ['a non-string', ['lead', 3], 'pipelineStages'],
  ])('rejects %s with 400 naming the field', async (_case, stages, path) => {
    const response = await setStages(alpha, stages).expect(400);
    expect(paths(response.body).some((found: string) => found.startsWith(path))).toBe(true);
    expect(await readStages(alpha)).toEqual(DEFAULTS);
  });

  it('refuses (409) to remove a stage that clients are in or an active automation names, saying where', async () => {
    await createClient(api, alpha.tokens.manager, { stage: 'at_risk' });
    await http()
      .post('/api/v1/workflows')
      .set(bearer(alpha.tokens.manager))
      .send({ ...workflow({ toStage: 'churned' }), name: 'Churn save' })
      .expect(201);
    const response = await setStages(alpha, ['lead', 'onboarding', 'active']).expect(409);
    expect(response.body.message).toContain("stage 'at_risk' is used by 1 client");
    expect(response.body.message).toContain("stage 'churned' is used by active automation 'Churn save'");
    expect(response.body.details.stagesInUse.map((use: { stage: string }) => use.stage)).toEqual([
      'at_risk',
      'churned',
    ]);
    expect(await readStages(alpha)).toEqual(DEFAULTS);
    // An inactive automation does not block; switching it back on checks its stages again.
    const created = await http()
      .post('/api/v1/workflows')
      .set(bearer(beta.tokens.manager))
      .send({ ...workflow({ toStage: 'churned' }), isActive: false })
      .expect(201);
    await setStages(beta, ['lead', 'onboarding', 'active', 'at_risk']).expect(200);
    const toggled = await http()
      .patch(`/api/v1/workflows/${created.body.id}/toggle`)
      .set(bearer(beta.tokens.manager))
      .send({ isActive: true })
      .expect(400);
    expect(paths(toggled.body)).toEqual(['triggers[0].config.toStage']);
    await setStages(beta, DEFAULTS).expect(200);
  });

  it('rejects unknown stages in workflow definitions, naming each field and the stage', async () => {
    const body = {
      name: 'Unknown stages',
      triggers: [
        { type: 'stage_change', config: { toStage: 'trial', fromStage: 'lead' } },
        { type: 'inactivity', config: { days: 3 } },
      ],
      steps: [
        {
          id: 'b',
          type: 'branch',
          condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
          then: [{ id: 'u', type: 'update_client', config: { stage: 'needs-ticket' } }],
        },
        { id: 'ok', type: 'update_client', config: { stage: 'active' } },
        { id: 'tpl', type: 'update_client', config: { stage: '{{trigger.toStage}}' } },
      ],
    };
    const response = await http().post('/api/v1/workflows').set(bearer(alpha.tokens.manager)).send(body).expect(400);
    expect(paths(response.body)).toEqual(['triggers[0].config.toStage', 'steps[0].then[0].config.stage']);
    expect(response.body.details[0].message).toContain("unknown stage 'trial'");
    const scheduled = {
      name: 'Scheduled unknown',
      triggers: [
        {
          type: 'scheduled',
          config: { cron: '0 9 * * 1', timezone: 'UTC', clientFilter: { stages: ['active', 'vip'] } },
        },
      ],
      steps: [{ id: 'a', type: 'add_alert', config: { title: 'x', severity: 'info' } }],
    };
    expect(
      paths(
        (await http().post('/api/v1/workflows').set(bearer(alpha.tokens.manager)).send(scheduled).expect(400)).body,
      ),
    ).toEqual(['triggers[0].config.clientFilter.stages[1]']);
    // PATCH validates the merged definition the same way.
    const created = await http()
      .post('/api/v1/workflows')
      .set(bearer(alpha.tokens.manager))
      .send(workflow({ toStage: 'onboarding' }))
      .expect(201);
    const patched = await http()
      .patch(`/api/v1/workflows/${created.body.id}`)
      .set(bearer(alpha.tokens.manager))
      .send({ triggers: [{ type: 'stage_change', config: { toStage: 'onboarding', fromStage: 'nope' } }] })
      .expect(400);
    expect(paths(patched.body)).toEqual(['triggers[0].config.fromStage']);
  });

  it('checks stages against the caller’s own agency only', async () => {
    await setStages(beta, [...DEFAULTS, 'beta_only']).expect(200);
    await http()
      .post('/api/v1/workflows')
      .set(bearer(alpha.tokens.manager))
      .send(workflow({ toStage: 'beta_only' }))
      .expect(400);
    await http()
      .post('/api/v1/workflows')
      .set(bearer(beta.tokens.manager))
      .send(workflow({ toStage: 'beta_only' }))
      .expect(201);
    const created = await http()
      .post('/api/v1/clients')
      .set(bearer(alpha.tokens.manager))
      .send({ name: 'X', stage: 'beta_only' })
      .expect(400);
    expect(paths(created.body)).toEqual(['stage']);
  });

  it('rejects unknown stages on client create and PATCH; a client kept in a removed stage stays editable', async () => {
    const response = await http()
      .post('/api/v1/clients')
      .set(bearer(alpha.tokens.manager))
      .send({ name: 'Trial Co', stage: 'trial' })
      .expect(400);
    expect(paths(response.body)).toEqual(['stage']);
    expect(response.body.message).toContain("unknown stage 'trial'");
    const client = await createClient(api, alpha.tokens.manager, { stage: 'lead' });
    const patched = await http()
      .patch(`/api/v1/clients/${client.id}`)
      .set(bearer(alpha.tokens.manager))
      .send({ stage: 'Lead' })
      .expect(400);
    expect(paths(patched.body)).toEqual(['stage']);
    // Stored data with a stage the pipeline lacks (from before stages existed) keeps working.
    await api.dataSource.query(`UPDATE clients SET stage = 'legacy' WHERE id = $1`, [client.id]);
    const renamed = await http()
      .patch(`/api/v1/clients/${client.id}`)
      .set(bearer(alpha.tokens.manager))
      .send({ name: 'Still legacy', stage: 'legacy' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'Still legacy', stage: 'legacy' });
    await http()
      .patch(`/api/v1/clients/${client.id}`)
      .set(bearer(alpha.tokens.manager))
      .send({ stage: 'active' })
      .expect(200);
  });

  it('rejects a client.stage_changed whose toStage is unknown (fromStage is history, not checked), storing nothing of the batch', async () => {
    const client = await createClient(api, alpha.tokens.manager, { stage: 'lead' });
    const single = await http()
      .post('/api/v1/events')
      .set(bearer(alpha.apiKey))
      .send({ type: 'client.stage_changed', clientId: client.id, data: { fromStage: 'lead', toStage: 'trial' } })
      .expect(400);
    expect(paths(single.body)).toEqual(['data.toStage']);
    const batch = await http()
      .post('/api/v1/events')
      .set(bearer(alpha.apiKey))
      .send({
        events: [
          { type: 'client.activity', clientId: client.id, data: {} },
          { type: 'client.stage_changed', clientId: client.id, data: { toStage: 'churn_risk' } },
        ],
      })
      .expect(400);
    expect(paths(batch.body)).toEqual(['events[1].data.toStage']);
    const events = await http().get(`/api/v1/events?clientId=${client.id}`).set(bearer(alpha.apiKey)).expect(200);
    expect(events.body.total).toBe(0);
    await http()
      .post('/api/v1/events')
      .set(bearer(alpha.apiKey))
      .send({
        type: 'client.stage_changed',
        clientId: client.id,
        data: { fromStage: 'a_stage_since_removed', toStage: 'onboarding' },
      })
      .expect(202);
  });

  it('the migration gives existing agencies the defaults plus every stage their clients and workflows use', async () => {
    const agency = await api.createAgency('Legacy Agency');
    const client = await createClient(api, agency.tokens.manager, { stage: 'lead' });
    await http()
      .post('/api/v1/workflows')
      .set(bearer(agency.tokens.manager))
      .send({
        name: 'Legacy flow',
        triggers: [{ type: 'stage_change', config: { toStage: 'active' } }],
        steps: [
          {
            id: 'b',
            type: 'branch',
            condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
            then: [{ id: 'u', type: 'update_client', config: { stage: 'active' } }],
          },
        ],
      })
      .expect(201);
    // As stored before stages existed: free-text stages on clients and in definitions.
    await api.dataSource.query(`UPDATE clients SET stage = 'trial' WHERE id = $1`, [client.id]);
    await createClient(api, agency.tokens.manager, { stage: 'onboarding' });
    await api.dataSource.query(
      `UPDATE workflows SET triggers = '[{"type":"stage_change","config":{"toStage":"needs-ticket","fromStage":"churn_risk"}}]'::jsonb,
         steps = jsonb_set(steps, '{0,then,0,config,stage}', '"Escalated"') WHERE agency_id = $1`,
      [agency.agencyId],
    );
    const runner = api.dataSource.createQueryRunner();
    try {
      const Migration = ALL_MIGRATIONS.find((candidate) => candidate.name === 'AgencyPipelineStages1797000000000')!;
      const migration = new Migration();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await readStages(agency)).toEqual([...DEFAULTS, 'trial', 'needs-ticket', 'churn_risk', 'Escalated']);
    expect(await readStages(alpha)).toEqual(DEFAULTS);
    expect(await readStages(beta)).toEqual([...DEFAULTS, 'beta_only']);
    // Everything stored still reads and saves: the legacy names are stages now, kept as they were.
    await http()
      .patch(`/api/v1/clients/${client.id}`)
      .set(bearer(agency.tokens.manager))
      .send({ name: 'Trial client' })
      .expect(200);
    const list = await http().get('/api/v1/workflows').set(bearer(agency.tokens.manager)).expect(200);
    await http()
      .patch(`/api/v1/workflows/${list.body.items[0].id}`)
      .set(bearer(agency.tokens.manager))
      .send({ description: 'kept' })
      .expect(200);
    // A legacy (non-lowercase) name may stay in the list; new names must follow the rule.
    await setStages(agency, [...DEFAULTS, 'trial', 'needs-ticket', 'churn_risk', 'Escalated']).expect(200);
  });
});
