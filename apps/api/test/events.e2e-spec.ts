import { ClientBody, createClient } from './support/client.fixture';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';

describe('events (e2e)', () => {
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
  const post = (token: string, body: unknown) =>
    http()
      .post('/api/v1/events')
      .set(bearer(token))
      .send(body as object);
  const countRows = async (sql: string, params: unknown[]) =>
    Number((await api.dataSource.query(sql, params))[0].count);
  const eventRows = (clientId: string) => countRows('SELECT count(*) FROM events WHERE client_id = $1', [clientId]);
  const readClient = async (token: string, id: string) =>
    (await http().get(`/api/v1/clients/${id}`).query({ includeDeleted: true }).set(bearer(token)).expect(200))
      .body as ClientBody;
  const paths = (body: { details?: { path: string }[] }) => (body.details ?? []).map((detail) => detail.path);

  describe('POST /events: one event', () => {
    it('stores each type and answers 202 with its id', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const events = [
        { type: 'client.stage_changed', data: { fromStage: 'lead', toStage: 'onboarding' } },
        { type: 'client.activity', data: { kind: 'call', note: 'Kickoff' } },
        { type: 'client.activity', data: {} },
        { type: 'kpi.updated', data: { metric: 'roas', value: 1.7 } },
        { type: 'message.received', data: { platform: 'slack', from: 'U0123', body: 'Can we talk?' } },
        {
          type: 'message.received',
          data: { platform: 'gmail', from: 'ceo@acme.example', subject: 'Invoice', body: 'Hi' },
        },
        { type: 'ticket.created', data: { ticketId: 'ZD-1', category: 'billing', priority: 'urgent' } },
        { type: 'ticket.created', data: { category: 'bug', priority: 'low' } },
      ];
      for (const event of events) {
        const response = await post(alpha.tokens.manager, { ...event, clientId: client.id }).expect(202);
        expect(response.body).toEqual({ id: expect.any(String), ids: [response.body.id] });
        const stored = await http()
          .get(`/api/v1/events/${response.body.id}`)
          .set(bearer(alpha.tokens.viewer))
          .expect(200);
        expect(stored.body).toMatchObject({
          id: response.body.id,
          clientId: client.id,
          type: event.type,
          source: 'api',
          processing: null,
          processedAt: null,
          causation: null,
        });
        expect(stored.body.data).toMatchObject(event.data);
        expect(stored.body).not.toHaveProperty('agencyId');
      }
      expect(await eventRows(client.id)).toBe(events.length);
    });

    it('moves the stored stage to the reported one, so the client agrees with the integrator', async () => {
      const client = await createClient(api, alpha.tokens.manager, { stage: 'lead' });
      await post(alpha.tokens.manager, {
        type: 'client.stage_changed',
        clientId: client.id,
        data: { fromStage: 'lead', toStage: 'onboarding' },
      }).expect(202);
      expect((await readClient(alpha.tokens.viewer, client.id)).stage).toBe('onboarding');
      const listed = await http()
        .get('/api/v1/clients')
        .query({ stage: 'onboarding' })
        .set(bearer(alpha.tokens.viewer))
        .expect(200);
      expect(listed.body.items.map((c: ClientBody) => c.id)).toContain(client.id);
    });

    it('does not move the stage back for a late, out-of-order event, nor past a newer PATCH', async () => {
      const client = await createClient(api, alpha.tokens.manager, { stage: 'lead' });
      // Integrators' clocks may run up to 5 minutes ahead, which lets this test order reports after the client's creation.
      const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
      await post(alpha.tokens.manager, {
        type: 'client.stage_changed',
        clientId: client.id,
        occurredAt: inMinutes(2),
        data: { toStage: 'active' },
      }).expect(202);
      expect((await readClient(alpha.tokens.viewer, client.id)).stage).toBe('active');

      // Happened before the change already stored: kept as a fact, the stage stays.
      await post(alpha.tokens.manager, {
        type: 'client.stage_changed',
        clientId: client.id,
        occurredAt: inMinutes(1),
        data: { toStage: 'onboarding' },
      }).expect(202);
      expect((await readClient(alpha.tokens.viewer, client.id)).stage).toBe('active');

      // A PATCH is a change made now: an event from before it does not undo it.
      await http()
        .patch(`/api/v1/clients/${client.id}`)
        .set(bearer(alpha.tokens.manager))
        .send({ stage: 'at_risk' })
        .expect(200);
      await post(alpha.tokens.manager, {
        type: 'client.stage_changed',
        clientId: client.id,
        occurredAt: inMinutes(-0.5),
        data: { toStage: 'churned' },
      }).expect(202);
      expect((await readClient(alpha.tokens.viewer, client.id)).stage).toBe('at_risk');

      // The newest report in one batch wins, whatever its position.
      await post(alpha.tokens.manager, {
        events: [
          { type: 'client.stage_changed', clientId: client.id, occurredAt: inMinutes(3), data: { toStage: 'active' } },
          { type: 'client.stage_changed', clientId: client.id, data: { toStage: 'churned' } },
        ],
      }).expect(202);
      expect((await readClient(alpha.tokens.viewer, client.id)).stage).toBe('active');
      expect(
        await countRows(`SELECT count(*) FROM events WHERE client_id = $1 AND type = 'client.stage_changed'`, [
          client.id,
        ]),
      ).toBe(6);
    });

    it('moves lastActivityAt forward on activity, never back, and not for other types', async () => {
      const client = await createClient(api, alpha.tokens.manager, { lastActivityAt: '2026-01-10T00:00:00.000Z' });
      const at = async () => (await readClient(alpha.tokens.viewer, client.id)).lastActivityAt;

      await post(alpha.tokens.manager, {
        type: 'client.activity',
        clientId: client.id,
        occurredAt: '2026-01-05T00:00:00.000Z',
        data: {},
      }).expect(202);
      expect(await at()).toBe('2026-01-10T00:00:00.000Z');
      await post(alpha.tokens.manager, {
        type: 'message.received',
        clientId: client.id,
        occurredAt: '2026-01-12T00:00:00.000Z',
        data: { platform: 'gmail', from: 'a@b.c', body: 'x' },
      }).expect(202);
      expect(await at()).toBe('2026-01-12T00:00:00.000Z');
      await post(alpha.tokens.manager, {
        type: 'ticket.created',
        clientId: client.id,
        occurredAt: '2026-01-13T00:00:00.000Z',
        data: { category: 'bug', priority: 'high' },
      }).expect(202);
      expect(await at()).toBe('2026-01-13T00:00:00.000Z');
      await post(alpha.tokens.manager, {
        type: 'client.stage_changed',
        clientId: client.id,
        data: { toStage: 'active' },
      }).expect(202);
      await post(alpha.tokens.manager, {
        type: 'kpi.updated',
        clientId: client.id,
        data: { metric: 'roas', value: 2 },
      }).expect(202);
      expect(await at()).toBe('2026-01-13T00:00:00.000Z');
      const before = Date.now();
      await post(alpha.tokens.manager, {
        type: 'client.activity',
        clientId: client.id,
        data: { kind: 'email' },
      }).expect(202);
      expect(Date.parse(await at())).toBeGreaterThanOrEqual(before - 1000);
    });

    it('stores kpi.updated as a client metric with its previous value', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      await http()
        .post(`/api/v1/clients/${client.id}/metrics`)
        .set(bearer(alpha.tokens.manager))
        .send({ metric: 'roas', value: 3 })
        .expect(201);
      const response = await post(alpha.tokens.manager, {
        type: 'kpi.updated',
        clientId: client.id,
        data: { metric: 'roas', value: 1.5 },
      }).expect(202);
      const stored = await http()
        .get(`/api/v1/events/${response.body.id}`)
        .set(bearer(alpha.tokens.viewer))
        .expect(200);
      expect(stored.body.data).toEqual({ metric: 'roas', value: 1.5, previousValue: 3 });
      const metrics = await http()
        .get(`/api/v1/clients/${client.id}/metrics`)
        .set(bearer(alpha.tokens.viewer))
        .expect(200);
      expect(metrics.body.latest).toEqual([{ metric: 'roas', value: 1.5, recordedAt: stored.body.occurredAt }]);
    });

    it('accepts events for a deleted client', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      await http().delete(`/api/v1/clients/${client.id}`).set(bearer(alpha.tokens.manager)).expect(204);
      await post(alpha.tokens.manager, { type: 'client.activity', clientId: client.id, data: {} }).expect(202);
      await post(alpha.tokens.manager, {
        type: 'kpi.updated',
        clientId: client.id,
        data: { metric: 'roas', value: 1 },
      }).expect(202);
      expect(await eventRows(client.id)).toBe(2);
    });

    it('answers 404 for a client unknown to the agency and stores nothing', async () => {
      const theirs = await createClient(api, beta.tokens.manager, { lastActivityAt: '2026-01-01T00:00:00.000Z' });
      const response = await post(alpha.tokens.manager, {
        type: 'client.activity',
        clientId: theirs.id,
        data: {},
      }).expect(404);
      expect(response.body).toMatchObject({
        message: 'Client not found',
        details: [{ path: 'clientId', message: 'no such client' }],
      });
      await post(alpha.tokens.manager, {
        type: 'client.activity',
        clientId: '00000000-0000-4000-8000-000000000000',
        data: {},
      }).expect(404);
      expect(await eventRows(theirs.id)).toBe(0);
      expect((await readClient(beta.tokens.viewer, theirs.id)).lastActivityAt).toBe('2026-01-01T00:00:00.000Z');
    });
  });

  describe('POST /events: validation', () => {
    let client: ClientBody;

    beforeAll(async () => {
      client = await createClient(api, alpha.tokens.manager);
    });

    it.each([
      ['an unknown type', { type: 'client.exploded', data: {} }, 'type'],
      ['an unknown data field', { type: 'client.activity', data: { mood: 'happy' } }, 'data.mood'],
      ['a bad metric', { type: 'kpi.updated', data: { metric: 'Bad Metric', value: 1 } }, 'data.metric'],
      ['a non-numeric value', { type: 'kpi.updated', data: { metric: 'roas', value: 'high' } }, 'data.value'],
      ['a missing toStage', { type: 'client.stage_changed', data: { fromStage: 'lead' } }, 'data.toStage'],
      [
        'a bad platform',
        { type: 'message.received', data: { platform: 'fax', from: 'x', body: 'y' } },
        'data.platform',
      ],
      ['a missing body', { type: 'message.received', data: { platform: 'slack', from: 'x' } }, 'data.body'],
      ['a bad priority', { type: 'ticket.created', data: { category: 'bug', priority: 'whenever' } }, 'data.priority'],
      ['missing data', { type: 'client.activity' }, 'data'],
      ['data that is not an object', { type: 'client.activity', data: 'hello' }, 'data'],
      [
        'an unknown top-level field',
        { type: 'client.activity', data: {}, agencyId: '00000000-0000-4000-8000-000000000000' },
        'agencyId',
      ],
      [
        'a long idempotency key',
        { type: 'client.activity', data: {}, idempotencyKey: 'k'.repeat(201) },
        'idempotencyKey',
      ],
      [
        'a future occurredAt',
        { type: 'client.activity', data: {}, occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
        'occurredAt',
      ],
      ['a malformed occurredAt', { type: 'client.activity', data: {}, occurredAt: 'last tuesday' }, 'occurredAt'],
    ])('rejects %s with 400 naming the field', async (_case, event, path) => {
      const response = await post(alpha.tokens.manager, { clientId: client.id, ...event }).expect(400);
      expect(paths(response.body)).toContain(path);
      expect(await eventRows(client.id)).toBe(0);
    });

    it('rejects a malformed clientId naming it', async () => {
      const response = await post(alpha.tokens.manager, { type: 'client.activity', clientId: 'acme', data: {} }).expect(
        400,
      );
      expect(paths(response.body)).toEqual(['clientId']);
    });

    it('reports only the type when the type is unknown', async () => {
      const response = await post(alpha.tokens.manager, {
        type: 'nope',
        clientId: client.id,
        data: { a: 1, b: 2 },
      }).expect(400);
      expect(paths(response.body)).toEqual(['type']);
    });

    it('rejects a body that is neither an event nor a batch', async () => {
      await post(alpha.tokens.manager, [{ type: 'client.activity', clientId: client.id, data: {} }]).expect(400);
      await post(alpha.tokens.manager, {}).expect(400);
    });
  });

  describe('POST /events: batches', () => {
    it('stores a batch in order and answers the ids', async () => {
      const client = await createClient(api, alpha.tokens.manager, { lastActivityAt: '2026-01-01T00:00:00.000Z' });
      const response = await post(alpha.tokens.manager, {
        events: [
          {
            type: 'client.activity',
            clientId: client.id,
            occurredAt: '2026-02-01T00:00:00.000Z',
            data: { kind: 'call' },
          },
          { type: 'kpi.updated', clientId: client.id, data: { metric: 'roas', value: 2 } },
          { type: 'kpi.updated', clientId: client.id, data: { metric: 'roas', value: 1 } },
          {
            type: 'ticket.created',
            clientId: client.id,
            occurredAt: '2026-02-03T00:00:00.000Z',
            data: { category: 'bug', priority: 'low' },
          },
        ],
      }).expect(202);
      expect(response.body).toEqual({
        ids: [expect.any(String), expect.any(String), expect.any(String), expect.any(String)],
      });
      expect(new Set(response.body.ids).size).toBe(4);
      const types = [];
      for (const id of response.body.ids)
        types.push((await http().get(`/api/v1/events/${id}`).set(bearer(alpha.tokens.viewer)).expect(200)).body);
      expect(types.map((event) => event.type)).toEqual([
        'client.activity',
        'kpi.updated',
        'kpi.updated',
        'ticket.created',
      ]);
      expect(types[2].data).toEqual({ metric: 'roas', value: 1, previousValue: 2 });
      expect((await readClient(alpha.tokens.viewer, client.id)).lastActivityAt).toBe('2026-02-03T00:00:00.000Z');
    });

    it('rejects the whole batch when one item is invalid, naming it', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const valid = { type: 'client.activity', clientId: client.id, data: {} };
      const response = await post(alpha.tokens.manager, {
        events: [valid, valid, valid, { type: 'kpi.updated', clientId: client.id, data: { metric: 'ROAS', value: 1 } }],
      }).expect(400);
      expect(paths(response.body)).toEqual(['events[3].data.metric']);
      expect(response.body.message).toContain('events[3].data.metric');
      expect(await eventRows(client.id)).toBe(0);

      const unknownField = await post(alpha.tokens.manager, { events: [valid, { ...valid, extra: true }] }).expect(400);
      expect(paths(unknownField.body)).toEqual(['events[1].extra']);
    });

    it('stores nothing when one item names a client unknown to the agency', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const theirs = await createClient(api, beta.tokens.manager);
      const response = await post(alpha.tokens.manager, {
        events: [
          { type: 'client.activity', clientId: client.id, data: {} },
          { type: 'kpi.updated', clientId: client.id, data: { metric: 'roas', value: 1 } },
          { type: 'client.activity', clientId: theirs.id, data: {} },
        ],
      }).expect(404);
      expect(response.body.details).toEqual([{ path: 'events[2].clientId', message: 'no such client' }]);
      expect(await eventRows(client.id)).toBe(0);
      expect(await eventRows(theirs.id)).toBe(0);
      expect(await countRows('SELECT count(*) FROM client_metrics WHERE client_id = $1', [client.id])).toBe(0);
    });

    it('takes 1 to 500 events', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const event = { type: 'client.activity', clientId: client.id, data: {} };
      expect(paths((await post(alpha.tokens.manager, { events: [] }).expect(400)).body)).toEqual(['events']);
      expect(paths((await post(alpha.tokens.manager, { events: Array(501).fill(event) }).expect(400)).body)).toEqual([
        'events',
      ]);
      expect(paths((await post(alpha.tokens.manager, { events: 'many' }).expect(400)).body)).toContain('events');
      const full = await post(alpha.tokens.manager, {
        events: Array.from({ length: 500 }, (_, i) => ({ ...event, idempotencyKey: `bulk-${i}` })),
      }).expect(202);
      expect(full.body.ids).toHaveLength(500);
      expect(await eventRows(client.id)).toBe(500);
    });
  });

  describe('idempotency', () => {
    it('returns the first event’s id for a repeated key and stores nothing more', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const event = { type: 'client.activity', clientId: client.id, idempotencyKey: 'crm:123', data: { kind: 'call' } };
      const first = await post(alpha.tokens.manager, event).expect(202);
      const again = await post(alpha.tokens.manager, { ...event, data: { kind: 'meeting' } }).expect(202);
      expect(again.body).toEqual(first.body);
      expect(await eventRows(client.id)).toBe(1);
      const stored = await http().get(`/api/v1/events/${first.body.id}`).set(bearer(alpha.tokens.viewer)).expect(200);
      expect(stored.body).toMatchObject({ idempotencyKey: 'crm:123', data: { kind: 'call' } });
    });

    it('stores one event for two concurrent posts with the same key', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const event = {
        type: 'ticket.created',
        clientId: client.id,
        idempotencyKey: 'race-1',
        data: { category: 'bug', priority: 'high' },
      };
      const responses = await Promise.all([
        post(alpha.tokens.manager, event),
        post(alpha.apiKey, event),
        post(alpha.tokens.admin, event),
      ]);
      expect(responses.map((response) => response.status)).toEqual([202, 202, 202]);
      expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
      expect(await eventRows(client.id)).toBe(1);
    });

    it('stores one kpi.updated and one metric for concurrent repeats', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const event = {
        type: 'kpi.updated',
        clientId: client.id,
        idempotencyKey: 'ads:roas:1',
        data: { metric: 'roas', value: 4 },
      };
      const responses = await Promise.all([post(alpha.tokens.manager, event), post(alpha.tokens.manager, event)]);
      expect(responses[0].body.id).toBe(responses[1].body.id);
      expect(await eventRows(client.id)).toBe(1);
      expect(await countRows('SELECT count(*) FROM client_metrics WHERE client_id = $1', [client.id])).toBe(1);
    });

    it('resolves keys repeated inside a batch and against stored events', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const stored = await post(alpha.tokens.manager, {
        type: 'client.activity',
        clientId: client.id,
        idempotencyKey: 'old',
        data: {},
      }).expect(202);
      const batch = await post(alpha.tokens.manager, {
        events: [
          { type: 'client.activity', clientId: client.id, idempotencyKey: 'new', data: {} },
          { type: 'client.activity', clientId: client.id, idempotencyKey: 'old', data: {} },
          { type: 'client.activity', clientId: client.id, idempotencyKey: 'new', data: {} },
          { type: 'client.activity', clientId: client.id, data: {} },
        ],
      }).expect(202);
      const [fresh, old, repeat, plain] = batch.body.ids;
      expect(old).toBe(stored.body.id);
      expect(repeat).toBe(fresh);
      expect(new Set([fresh, old, plain]).size).toBe(3);
      expect(await eventRows(client.id)).toBe(3);
    });

    it('scopes keys to the agency', async () => {
      const ours = await createClient(api, alpha.tokens.manager);
      const theirs = await createClient(api, beta.tokens.manager);
      const a = await post(alpha.tokens.manager, {
        type: 'client.activity',
        clientId: ours.id,
        idempotencyKey: 'shared-key',
        data: {},
      }).expect(202);
      const b = await post(beta.tokens.manager, {
        type: 'client.activity',
        clientId: theirs.id,
        idempotencyKey: 'shared-key',
        data: {},
      }).expect(202);
      expect(a.body.id).not.toBe(b.body.id);
      await http().get(`/api/v1/events/${a.body.id}`).set(bearer(beta.tokens.viewer)).expect(404);
    });
  });

  describe('GET /events', () => {
    let agency: TestAgency;
    let first: ClientBody;
    let second: ClientBody;

    beforeAll(async () => {
      agency = await api.createAgency('Listing');
      first = await createClient(api, agency.tokens.manager);
      second = await createClient(api, agency.tokens.manager);
      await post(agency.tokens.manager, {
        events: [
          { type: 'client.activity', clientId: first.id, occurredAt: '2026-01-01T00:00:00.000Z', data: {} },
          {
            type: 'ticket.created',
            clientId: first.id,
            occurredAt: '2026-01-03T00:00:00.000Z',
            data: { category: 'bug', priority: 'low' },
          },
          { type: 'client.activity', clientId: second.id, occurredAt: '2026-01-02T00:00:00.000Z', data: {} },
        ],
      }).expect(202);
    });

    const list = async (query: Record<string, string | number> = {}) =>
      (await http().get('/api/v1/events').query(query).set(bearer(agency.tokens.viewer)).expect(200)).body;

    it('lists newest first, paginated', async () => {
      const all = await list();
      expect(all).toMatchObject({ total: 3, page: 1, pageSize: 50 });
      expect(all.items.map((event: { occurredAt: string }) => event.occurredAt)).toEqual([
        '2026-01-03T00:00:00.000Z',
        '2026-01-02T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z',
      ]);
      expect(all.items[0]).not.toHaveProperty('processing');
      const page = await list({ page: 2, pageSize: 2 });
      expect(page.items.map((event: { occurredAt: string }) => event.occurredAt)).toEqual(['2026-01-01T00:00:00.000Z']);
    });

    it('filters by client, type and time range (inclusive)', async () => {
      expect((await list({ clientId: first.id })).total).toBe(2);
      expect((await list({ type: 'client.activity' })).total).toBe(2);
      expect((await list({ clientId: first.id, type: 'client.activity' })).total).toBe(1);
      expect((await list({ from: '2026-01-02T00:00:00.000Z' })).total).toBe(2);
      expect((await list({ to: '2026-01-02T00:00:00.000Z' })).total).toBe(2);
      expect(
        (await list({ from: '2026-01-02T00:00:00Z', to: '2026-01-02T00:00:00Z' })).items.map(
          (event: { clientId: string }) => event.clientId,
        ),
      ).toEqual([second.id]);
    });

    it('rejects bad filters naming them', async () => {
      for (const [query, path] of [
        [{ clientId: 'x' }, 'clientId'],
        [{ type: 'nope' }, 'type'],
        [{ from: 'yesterday' }, 'from'],
        [{ page: 0 }, 'page'],
      ] as const) {
        const response = await http().get('/api/v1/events').query(query).set(bearer(agency.tokens.viewer)).expect(400);
        expect(paths(response.body)).toContain(path);
      }
      expect(
        paths((await http().get('/api/v1/events/nope').set(bearer(agency.tokens.viewer)).expect(400)).body),
      ).toEqual(['id']);
    });

    it('shows nothing of another agency', async () => {
      const ours = await list();
      const theirs = await http()
        .get('/api/v1/events')
        .query({ clientId: first.id })
        .set(bearer(beta.tokens.admin))
        .expect(200);
      expect(theirs.body.total).toBe(0);
      for (const event of ours.items) {
        const response = await http().get(`/api/v1/events/${event.id}`).set(bearer(beta.apiKey)).expect(404);
        expect(response.body.message).toBe('Event not found');
      }
    });
  });

  describe('roles', () => {
    it('lets viewers read but not post', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      await post(alpha.tokens.viewer, { type: 'client.activity', clientId: client.id, data: {} }).expect(403);
      await post(alpha.tokens.viewer, { events: [{ type: 'client.activity', clientId: client.id, data: {} }] }).expect(
        403,
      );
      await http().get('/api/v1/events').set(bearer(alpha.tokens.viewer)).expect(200);
      expect(await eventRows(client.id)).toBe(0);
    });
  });
});
