import { createClient } from './support/client.fixture';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';

describe('clients (e2e)', () => {
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
  const eventsOf = async (token: string, clientId: string, type?: string) => {
    const response = await http()
      .get('/api/v1/events')
      .query({ clientId, ...(type ? { type } : {}) })
      .set(bearer(token))
      .expect(200);
    return response.body as {
      items: { id: string; type: string; data: Record<string, unknown>; source: string }[];
      total: number;
    };
  };

  describe('create and read', () => {
    it('creates a client with defaults and reads it back', async () => {
      const before = Date.now();
      const response = await http()
        .post('/api/v1/clients')
        .set(bearer(alpha.tokens.manager))
        .send({ name: 'Acme Outdoor', stage: 'onboarding' })
        .expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        name: 'Acme Outdoor',
        stage: 'onboarding',
        health: 'green',
        assigneeId: null,
        lastActivityAt: expect.any(String),
        deletedAt: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(Date.parse(response.body.lastActivityAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(response.body).not.toHaveProperty('agencyId');

      const read = await http().get(`/api/v1/clients/${response.body.id}`).set(bearer(alpha.tokens.viewer)).expect(200);
      expect(read.body).toEqual(response.body);
      // Creating a client stores no event.
      expect((await eventsOf(alpha.tokens.viewer, response.body.id)).total).toBe(0);
    });

    it('accepts an assignee of the agency and a past lastActivityAt (imports), with an API key', async () => {
      const lastActivityAt = '2026-01-02T03:04:05.000Z';
      const client = await createClient(api, alpha.apiKey, {
        assigneeId: alpha.userIds.manager,
        lastActivityAt,
        health: 'yellow',
      });
      expect(client).toMatchObject({ assigneeId: alpha.userIds.manager, lastActivityAt, health: 'yellow' });
    });

    it('rejects an assignee of another agency on assigneeId', async () => {
      const response = await http()
        .post('/api/v1/clients')
        .set(bearer(alpha.tokens.manager))
        .send({ name: 'X', stage: 'lead', assigneeId: beta.userIds.manager })
        .expect(400);
      expect(response.body.details).toEqual([
        { path: 'assigneeId', message: expect.stringContaining('user of your agency') },
      ]);
    });

    it.each([
      ['an unknown field', { name: 'X', stage: 'lead', color: 'blue' }, 'color'],
      ['a bad health', { name: 'X', stage: 'lead', health: 'purple' }, 'health'],
      ['a blank name', { name: '   ', stage: 'lead' }, 'name'],
      ['a missing stage', { name: 'X' }, 'stage'],
      ['a null health', { name: 'X', stage: 'lead', health: null }, 'health'],
      [
        'a future lastActivityAt',
        { name: 'X', stage: 'lead', lastActivityAt: new Date(Date.now() + 86_400_000).toISOString() },
        'lastActivityAt',
      ],
      ['a malformed lastActivityAt', { name: 'X', stage: 'lead', lastActivityAt: 'yesterday' }, 'lastActivityAt'],
      ['a malformed assigneeId', { name: 'X', stage: 'lead', assigneeId: 'bob' }, 'assigneeId'],
    ])('rejects %s with 400 naming the field', async (_case, body, path) => {
      const response = await http().post('/api/v1/clients').set(bearer(alpha.tokens.manager)).send(body).expect(400);
      expect(response.body.statusCode).toBe(400);
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
    });

    it('answers 400 naming id for a malformed id', async () => {
      const response = await http().get('/api/v1/clients/not-a-uuid').set(bearer(alpha.tokens.viewer)).expect(400);
      expect(response.body.details).toEqual([{ path: 'id', message: 'must be a UUID' }]);
      await http().patch('/api/v1/clients/123').set(bearer(alpha.tokens.manager)).send({ name: 'Y' }).expect(400);
      await http()
        .post('/api/v1/clients/123/metrics')
        .set(bearer(alpha.tokens.manager))
        .send({ metric: 'roas', value: 1 })
        .expect(400);
    });

    it('answers 404 for an unknown id', async () => {
      const response = await http()
        .get('/api/v1/clients/00000000-0000-4000-8000-000000000000')
        .set(bearer(alpha.tokens.viewer))
        .expect(404);
      expect(response.body).toEqual({ statusCode: 404, error: 'Not Found', message: 'Client not found' });
    });
  });

  describe('list', () => {
    let agency: TestAgency;

    beforeAll(async () => {
      agency = await api.createAgency('Listing');
      await createClient(api, agency.tokens.manager, { name: 'Zeta Media', stage: 'active', health: 'red' });
      await createClient(api, agency.tokens.manager, { name: 'Alpha Foods', stage: 'onboarding' });
      await createClient(api, agency.tokens.manager, { name: 'beta_Shoes 100%', stage: 'active' });
      const gone = await createClient(api, agency.tokens.manager, { name: 'Gamma Gone', stage: 'active' });
      await http().delete(`/api/v1/clients/${gone.id}`).set(bearer(agency.tokens.manager)).expect(204);
    });

    const list = async (query: Record<string, string | number | boolean> = {}) =>
      (await http().get('/api/v1/clients').query(query).set(bearer(agency.tokens.viewer)).expect(200)).body;

    it('lists live clients by name, paginated', async () => {
      const all = await list();
      expect(all).toMatchObject({ total: 3, page: 1, pageSize: 50 });
      expect(all.items.map((client: { name: string }) => client.name)).toEqual([
        'Alpha Foods',
        'beta_Shoes 100%',
        'Zeta Media',
      ]);
      const second = await list({ page: 2, pageSize: 2 });
      expect(second).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(second.items).toHaveLength(1);
    });

    it('filters by search (case-insensitive, wildcards literal), stage and health', async () => {
      expect((await list({ search: 'FOOD' })).items.map((client: { name: string }) => client.name)).toEqual([
        'Alpha Foods',
      ]);
      expect((await list({ search: '_' })).items.map((client: { name: string }) => client.name)).toEqual([
        'beta_Shoes 100%',
      ]);
      expect((await list({ search: '%' })).total).toBe(1);
      expect((await list({ stage: 'active' })).total).toBe(2);
      expect(
        (await list({ stage: 'active', health: 'red' })).items.map((client: { name: string }) => client.name),
      ).toEqual(['Zeta Media']);
    });

    it('includes deleted clients only when asked', async () => {
      const withDeleted = await list({ includeDeleted: true });
      expect(withDeleted.total).toBe(4);
      expect(withDeleted.items.find((client: { name: string }) => client.name === 'Gamma Gone').deletedAt).toEqual(
        expect.any(String),
      );
    });

    it('rejects bad filters naming them', async () => {
      for (const [query, path] of [
        [{ health: 'blue' }, 'health'],
        [{ includeDeleted: 'yes' }, 'includeDeleted'],
        [{ pageSize: 500 }, 'pageSize'],
        [{ sort: 'name' }, 'sort'],
      ] as const) {
        const response = await http().get('/api/v1/clients').query(query).set(bearer(agency.tokens.viewer)).expect(400);
        expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
      }
    });

    it('never lists another agency’s clients', async () => {
      const other = await http().get('/api/v1/clients').set(bearer(beta.tokens.admin)).expect(200);
      expect(other.body.items.map((client: { name: string }) => client.name)).not.toContain('Alpha Foods');
    });
  });

  describe('update', () => {
    it('stores exactly one client.stage_changed event when the stage changes, none for the same stage', async () => {
      const client = await createClient(api, alpha.tokens.manager, { stage: 'lead' });
      const moved = await http()
        .patch(`/api/v1/clients/${client.id}`)
        .set(bearer(alpha.tokens.manager))
        .send({ stage: 'onboarding' })
        .expect(200);
      expect(moved.body).toMatchObject({ id: client.id, stage: 'onboarding' });

      let events = await eventsOf(alpha.tokens.viewer, client.id);
      expect(events.total).toBe(1);
      expect(events.items[0]).toMatchObject({
        type: 'client.stage_changed',
        data: { fromStage: 'lead', toStage: 'onboarding' },
        source: 'client_update',
      });

      await http()
        .patch(`/api/v1/clients/${client.id}`)
        .set(bearer(alpha.tokens.manager))
        .send({ stage: 'onboarding', health: 'red' })
        .expect(200);
      await http()
        .patch(`/api/v1/clients/${client.id}`)
        .set(bearer(alpha.tokens.manager))
        .send({ name: 'Renamed' })
        .expect(200);
      events = await eventsOf(alpha.tokens.viewer, client.id);
      expect(events.total).toBe(1);

      const read = await http().get(`/api/v1/clients/${client.id}`).set(bearer(alpha.tokens.viewer)).expect(200);
      expect(read.body).toMatchObject({ name: 'Renamed', stage: 'onboarding', health: 'red' });
    });

    it('does not move lastActivityAt on a stage change', async () => {
      const client = await createClient(api, alpha.tokens.manager, { lastActivityAt: '2026-01-01T00:00:00.000Z' });
      const moved = await http()
        .patch(`/api/v1/clients/${client.id}`)
        .set(bearer(alpha.tokens.manager))
        .send({ stage: 'active' })
        .expect(200);
      expect(moved.body.lastActivityAt).toBe('2026-01-01T00:00:00.000Z');
    });

    it('assigns and unassigns, checking the assignee belongs to the agency', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const assigned = await http()
        .patch(`/api/v1/clients/${client.id}`)
        .set(bearer(alpha.tokens.manager))
        .send({ assigneeId: alpha.userIds.viewer })
        .expect(200);
      expect(assigned.body.assigneeId).toBe(alpha.userIds.viewer);
      const rejected = await http()
        .patch(`/api/v1/clients/${client.id}`)
        .set(bearer(alpha.tokens.manager))
        .send({ assigneeId: beta.userIds.admin })
        .expect(400);
      expect(rejected.body.details[0].path).toBe('assigneeId');
      const unassigned = await http()
        .patch(`/api/v1/clients/${client.id}`)
        .set(bearer(alpha.tokens.manager))
        .send({ assigneeId: null })
        .expect(200);
      expect(unassigned.body.assigneeId).toBeNull();
    });

    it('rejects unknown fields, nulls for required columns and bad enums', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      for (const [body, path] of [
        [{ agencyId: beta.agencyId }, 'agencyId'],
        [{ stage: null }, 'stage'],
        [{ name: null }, 'name'],
        [{ health: 'great' }, 'health'],
        [{ deletedAt: null }, 'deletedAt'],
      ] as const) {
        const response = await http()
          .patch(`/api/v1/clients/${client.id}`)
          .set(bearer(alpha.tokens.manager))
          .send(body)
          .expect(400);
        expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
      }
    });
  });

  describe('delete', () => {
    it('soft-deletes: 404 afterwards unless includeDeleted, not listed, not editable, events still visible', async () => {
      const client = await createClient(api, alpha.tokens.manager, { stage: 'lead' });
      await http()
        .patch(`/api/v1/clients/${client.id}`)
        .set(bearer(alpha.tokens.manager))
        .send({ stage: 'active' })
        .expect(200);
      await http().delete(`/api/v1/clients/${client.id}`).set(bearer(alpha.tokens.manager)).expect(204);

      await http().get(`/api/v1/clients/${client.id}`).set(bearer(alpha.tokens.viewer)).expect(404);
      const kept = await http()
        .get(`/api/v1/clients/${client.id}`)
        .query({ includeDeleted: true })
        .set(bearer(alpha.tokens.viewer))
        .expect(200);
      expect(kept.body).toMatchObject({ id: client.id, stage: 'active', deletedAt: expect.any(String) });
      await http()
        .patch(`/api/v1/clients/${client.id}`)
        .set(bearer(alpha.tokens.manager))
        .send({ stage: 'lead' })
        .expect(404);
      await http()
        .post(`/api/v1/clients/${client.id}/metrics`)
        .set(bearer(alpha.tokens.manager))
        .send({ metric: 'roas', value: 1 })
        .expect(404);
      await http().get(`/api/v1/clients/${client.id}/metrics`).set(bearer(alpha.tokens.viewer)).expect(404);
      await http().delete(`/api/v1/clients/${client.id}`).set(bearer(alpha.tokens.manager)).expect(404);
      expect((await eventsOf(alpha.tokens.viewer, client.id)).total).toBe(1);
    });
  });

  describe('metrics', () => {
    it('stores a metric and one kpi.updated event with the previous value', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const first = await http()
        .post(`/api/v1/clients/${client.id}/metrics`)
        .set(bearer(alpha.tokens.manager))
        .send({ metric: 'roas', value: 2.5 })
        .expect(201);
      expect(first.body).toEqual({
        id: expect.any(String),
        clientId: client.id,
        metric: 'roas',
        value: 2.5,
        recordedAt: expect.any(String),
        createdAt: expect.any(String),
      });

      let kpi = await eventsOf(alpha.tokens.viewer, client.id, 'kpi.updated');
      expect(kpi.total).toBe(1);
      expect(kpi.items[0]).toMatchObject({
        data: { metric: 'roas', value: 2.5, previousValue: null },
        source: 'metric',
      });

      await http()
        .post(`/api/v1/clients/${client.id}/metrics`)
        .set(bearer(alpha.tokens.manager))
        .send({ metric: 'roas', value: 1.5 })
        .expect(201);
      kpi = await eventsOf(alpha.tokens.viewer, client.id, 'kpi.updated');
      expect(kpi.total).toBe(2);
      expect(kpi.items[0].data).toEqual({ metric: 'roas', value: 1.5, previousValue: 2.5 });

      // Another metric has its own history.
      await http()
        .post(`/api/v1/clients/${client.id}/metrics`)
        .set(bearer(alpha.tokens.manager))
        .send({ metric: 'cpa', value: 40 })
        .expect(201);
      kpi = await eventsOf(alpha.tokens.viewer, client.id, 'kpi.updated');
      expect(kpi.items[0].data).toEqual({ metric: 'cpa', value: 40, previousValue: null });

      // Metrics are not activity.
      const read = await http().get(`/api/v1/clients/${client.id}`).set(bearer(alpha.tokens.viewer)).expect(200);
      expect(read.body.lastActivityAt).toBe(client.lastActivityAt);
    });

    it('takes the previous value by recordedAt for backfilled values', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const post = (value: number, recordedAt: string) =>
        http()
          .post(`/api/v1/clients/${client.id}/metrics`)
          .set(bearer(alpha.tokens.manager))
          .send({ metric: 'spend', value, recordedAt })
          .expect(201);
      await post(100, '2026-02-01T00:00:00.000Z');
      await post(300, '2026-02-03T00:00:00.000Z');
      await post(200, '2026-02-02T00:00:00.000Z');
      const kpi = await eventsOf(alpha.tokens.viewer, client.id, 'kpi.updated');
      const backfilled = kpi.items.find((event) => event.data.value === 200)!;
      expect(backfilled.data.previousValue).toBe(100);

      const metrics = await http()
        .get(`/api/v1/clients/${client.id}/metrics`)
        .set(bearer(alpha.tokens.viewer))
        .expect(200);
      expect(metrics.body.latest).toEqual([{ metric: 'spend', value: 300, recordedAt: '2026-02-03T00:00:00.000Z' }]);
      expect(metrics.body.items.map((metric: { value: number }) => metric.value)).toEqual([300, 200, 100]);
    });

    it('lists the latest value per metric and the paginated history', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      for (const [metric, value] of [
        ['roas', 1],
        ['roas', 2],
        ['ctr', 0.02],
        ['roas', 3],
      ] as const) {
        await http()
          .post(`/api/v1/clients/${client.id}/metrics`)
          .set(bearer(alpha.tokens.manager))
          .send({ metric, value })
          .expect(201);
      }
      const all = await http()
        .get(`/api/v1/clients/${client.id}/metrics`)
        .query({ pageSize: 2 })
        .set(bearer(alpha.tokens.viewer))
        .expect(200);
      expect(all.body.latest).toEqual([
        { metric: 'ctr', value: 0.02, recordedAt: expect.any(String) },
        { metric: 'roas', value: 3, recordedAt: expect.any(String) },
      ]);
      expect(all.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
      expect(all.body.items.map((metric: { value: number }) => metric.value)).toEqual([3, 0.02]);
      const roas = await http()
        .get(`/api/v1/clients/${client.id}/metrics`)
        .query({ metric: 'roas' })
        .set(bearer(alpha.tokens.viewer))
        .expect(200);
      expect(roas.body.items.map((metric: { value: number }) => metric.value)).toEqual([3, 2, 1]);
    });

    it('chains previous values of concurrent posts', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      await Promise.all(
        [1, 2, 3, 4, 5].map((value) =>
          http()
            .post(`/api/v1/clients/${client.id}/metrics`)
            .set(bearer(alpha.tokens.manager))
            .send({ metric: 'leads', value })
            .expect(201),
        ),
      );
      const kpi = await eventsOf(alpha.tokens.viewer, client.id, 'kpi.updated');
      const previous = kpi.items.map((event) => event.data.previousValue);
      // Each value is somebody's previous exactly once, except the last one stored.
      expect(previous.filter((value) => value === null)).toHaveLength(1);
      expect(new Set(previous).size).toBe(5);
    });

    it.each([
      ['a bad metric name', { metric: 'ROAS!', value: 1 }, 'metric'],
      ['a metric starting with a digit', { metric: '1roas', value: 1 }, 'metric'],
      ['a string value', { metric: 'roas', value: '1.5' }, 'value'],
      ['a missing value', { metric: 'roas' }, 'value'],
      [
        'a future recordedAt',
        { metric: 'roas', value: 1, recordedAt: new Date(Date.now() + 3_600_000).toISOString() },
        'recordedAt',
      ],
      ['an unknown field', { metric: 'roas', value: 1, unit: 'x' }, 'unit'],
    ])('rejects %s', async (_case, body, path) => {
      const client = await createClient(api, alpha.tokens.manager);
      const response = await http()
        .post(`/api/v1/clients/${client.id}/metrics`)
        .set(bearer(alpha.tokens.manager))
        .send(body)
        .expect(400);
      expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(path);
      expect((await eventsOf(alpha.tokens.viewer, client.id)).total).toBe(0);
    });

    it('rejects a value that overflows to Infinity', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const response = await http()
        .post(`/api/v1/clients/${client.id}/metrics`)
        .set({ ...bearer(alpha.tokens.manager), 'Content-Type': 'application/json' })
        .send('{"metric":"roas","value":1e400}')
        .expect(400);
      expect(response.body.details[0].path).toBe('value');
    });
  });

  describe('roles', () => {
    it('lets viewers read but not write', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const viewer = bearer(alpha.tokens.viewer);
      await http().get('/api/v1/clients').set(viewer).expect(200);
      await http().get(`/api/v1/clients/${client.id}`).set(viewer).expect(200);
      await http().get(`/api/v1/clients/${client.id}/metrics`).set(viewer).expect(200);
      await http().post('/api/v1/clients').set(viewer).send({ name: 'X', stage: 'lead' }).expect(403);
      await http().patch(`/api/v1/clients/${client.id}`).set(viewer).send({ stage: 'active' }).expect(403);
      await http().delete(`/api/v1/clients/${client.id}`).set(viewer).expect(403);
      await http()
        .post(`/api/v1/clients/${client.id}/metrics`)
        .set(viewer)
        .send({ metric: 'roas', value: 1 })
        .expect(403);
      await http().get('/api/v1/clients').expect(401);
    });
  });

  describe('tenancy', () => {
    it('answers 404 to another agency on every route and changes nothing', async () => {
      const client = await createClient(api, alpha.tokens.manager, { name: 'Private', stage: 'lead' });
      await http()
        .post(`/api/v1/clients/${client.id}/metrics`)
        .set(bearer(alpha.tokens.manager))
        .send({ metric: 'roas', value: 2 })
        .expect(201);
      const intruder = bearer(beta.tokens.admin);

      const probes = [
        http().get(`/api/v1/clients/${client.id}`).set(intruder),
        http().get(`/api/v1/clients/${client.id}`).query({ includeDeleted: true }).set(intruder),
        http().patch(`/api/v1/clients/${client.id}`).set(intruder).send({ stage: 'churned', name: 'Hacked' }),
        http().delete(`/api/v1/clients/${client.id}`).set(intruder),
        http().post(`/api/v1/clients/${client.id}/metrics`).set(intruder).send({ metric: 'roas', value: 0.1 }),
        http().get(`/api/v1/clients/${client.id}/metrics`).set(intruder),
        http().patch(`/api/v1/clients/${client.id}`).set(bearer(beta.apiKey)).send({ health: 'red' }),
      ];
      for (const probe of probes) {
        const response = await probe;
        expect(response.status).toBe(404);
        expect(response.body.message).toBe('Client not found');
      }

      const read = await http().get(`/api/v1/clients/${client.id}`).set(bearer(alpha.tokens.viewer)).expect(200);
      expect(read.body).toMatchObject({
        name: 'Private',
        stage: 'lead',
        health: 'green',
        deletedAt: null,
        updatedAt: client.updatedAt,
      });
      const metrics = await http()
        .get(`/api/v1/clients/${client.id}/metrics`)
        .set(bearer(alpha.tokens.viewer))
        .expect(200);
      expect(metrics.body.total).toBe(1);
      expect((await eventsOf(alpha.tokens.viewer, client.id)).total).toBe(1);
    });
  });
});
