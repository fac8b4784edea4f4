import { DEFAULT_PIPELINE_STAGES } from '@automations/domain';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';

const DEFAULT_STAGES = [...DEFAULT_PIPELINE_STAGES];

describe('agency (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;

  beforeAll(async () => {
    ({ api, alpha, beta } = await startTestApiWithTwoAgencies());
  });

  afterAll(async () => {
    await api.close();
  });

  const http = () => api.http();
  const read = async (token: string) => (await http().get('/api/v1/agency').set(bearer(token)).expect(200)).body;
  const patch = (token: string, body: unknown) =>
    http()
      .patch('/api/v1/agency')
      .set(bearer(token))
      .send(body as object);

  it('shows the caller’s agency to every role', async () => {
    const agency = await read(alpha.tokens.viewer);
    expect(agency).toEqual({
      id: alpha.agencyId,
      name: 'Alpha',
      timezone: 'Europe/Paris',
      settings: { maxRunsPerMinute: 600 },
      pipelineStages: DEFAULT_STAGES,
    });
    expect(await read(alpha.apiKey)).toEqual(agency);
    expect((await read(beta.tokens.viewer)).id).toBe(beta.agencyId);
  });

  it('lets an admin rename it, change its time zone and quota, and audits the change', async () => {
    const agency = await api.createAgency('Renamed');
    const response = await patch(agency.tokens.admin, {
      name: 'Renamed & Co',
      timezone: 'america/new_york',
      settings: { maxRunsPerMinute: 1200 },
    }).expect(200);
    expect(response.body).toEqual({
      id: agency.agencyId,
      name: 'Renamed & Co',
      timezone: 'America/New_York',
      settings: { maxRunsPerMinute: 1200 },
      pipelineStages: DEFAULT_STAGES,
    });
    expect(await read(agency.tokens.viewer)).toEqual(response.body);

    const audit = await http()
      .get('/api/v1/audit')
      .query({ eventType: 'agency.updated' })
      .set(bearer(agency.tokens.admin))
      .expect(200);
    expect(audit.body.total).toBe(1);
    expect(audit.body.items[0]).toMatchObject({
      actorType: 'user',
      actorId: agency.adminUserId,
      details: {
        changes: {
          name: { from: 'Renamed', to: 'Renamed & Co' },
          timezone: { from: 'Europe/Paris', to: 'America/New_York' },
          'settings.maxRunsPerMinute': { from: 600, to: 1200 },
        },
      },
    });
  });

  it('changes only what the body names, and audits nothing when nothing changes', async () => {
    const agency = await api.createAgency('Partial');
    await patch(agency.tokens.admin, { settings: { maxRunsPerMinute: 5 } }).expect(200);
    expect(await read(agency.tokens.viewer)).toMatchObject({
      name: 'Partial',
      timezone: 'Europe/Paris',
      settings: { maxRunsPerMinute: 5 },
    });
    await patch(agency.tokens.admin, {}).expect(200);
    await patch(agency.tokens.admin, { name: 'Partial', settings: {} }).expect(200);
    const audit = await http()
      .get('/api/v1/audit')
      .query({ eventType: 'agency.updated' })
      .set(bearer(agency.tokens.admin))
      .expect(200);
    expect(audit.body.total).toBe(1);
  });

  it.each([
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['a zero quota', { settings: { maxRunsPerMinute: 0 } }, 'settings.maxRunsPerMinute'],
    ['a quota too large', { settings: { maxRunsPerMinute: 100_001 } }, 'settings.maxRunsPerMinute'],
    ['a fractional quota', { settings: { maxRunsPerMinute: 1.5 } }, 'settings.maxRunsPerMinute'],
    ['a string quota', { settings: { maxRunsPerMinute: '10' } }, 'settings.maxRunsPerMinute'],
    ['an unknown setting', { settings: { maxWorkflows: 3 } }, 'settings.maxWorkflows'],
    ['settings that are not an object', { settings: 5 }, 'settings'],
    ['a null name', { name: null }, 'name'],
    ['a blank name', { name: '  ' }, 'name'],
    ['an unknown field', { id: '00000000-0000-4000-8000-000000000000' }, 'id'],
  ])('rejects %s with 400 naming the field, changing nothing', async (_case, body, path) => {
    const before = await read(alpha.tokens.viewer);
    const response = await patch(alpha.tokens.admin, body).expect(400);
    expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
    expect(await read(alpha.tokens.viewer)).toEqual(before);
  });

  it('forbids managers and viewers to change it', async () => {
    const before = await read(alpha.tokens.viewer);
    await patch(alpha.tokens.manager, { name: 'Manager was here' }).expect(403);
    await patch(alpha.tokens.viewer, { settings: { maxRunsPerMinute: 1 } }).expect(403);
    expect(await read(alpha.tokens.viewer)).toEqual(before);
  });

  it('only ever changes the caller’s own agency', async () => {
    const alphaBefore = await read(alpha.tokens.viewer);
    await patch(beta.tokens.admin, { name: 'Beta 2', settings: { maxRunsPerMinute: 10 } }).expect(200);
    await patch(beta.apiKey, { timezone: 'UTC' }).expect(200);
    expect(await read(alpha.tokens.viewer)).toEqual(alphaBefore);
    expect(await read(beta.tokens.viewer)).toEqual({
      id: beta.agencyId,
      name: 'Beta 2',
      timezone: 'UTC',
      settings: { maxRunsPerMinute: 10 },
      pipelineStages: DEFAULT_STAGES,
    });
  });
});
