import type { Response } from 'supertest';
import { EngineQueues } from '@automations/engine';
import { eventually } from '@automations/testing';
import { EventIngestBatcher } from '../src/modules/events/event-ingest.batcher';
import { createClient } from './support/client.fixture';
import { bearer, TestAgency, TestApi, startTestApiWithTwoAgencies } from './support/test-api';

/** Issue 15, point 1: concurrent POST /events requests share one transaction and one addBulk. */
describe('events: group commit on ingest (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;
  let batcher: EventIngestBatcher;
  let queues: EngineQueues;

  beforeAll(async () => {
    ({ api, alpha, beta } = await startTestApiWithTwoAgencies());
    batcher = api.app.get(EventIngestBatcher);
    queues = api.app.get(EngineQueues);
  });

  afterAll(async () => {
    await api.close();
  });

  const http = () => api.http();
  /** Sends at once (supertest sends on `then`). */
  const post = (token: string, body: unknown): Promise<Response> =>
    Promise.resolve(
      http()
        .post('/api/v1/events')
        .set(bearer(token))
        .send(body as object),
    );
  const activity = (clientId: string, extra: Record<string, unknown> = {}) => ({
    type: 'client.activity',
    clientId,
    data: {},
    ...extra,
  });
  const countRows = async (sql: string, params: unknown[]) =>
    Number((await api.dataSource.query(sql, params))[0].count);
  const eventRows = (clientIds: string[]) =>
    countRows('SELECT count(*) FROM events WHERE client_id = ANY($1::uuid[])', [clientIds]);
  const isQueued = async (eventId: string) => (await queues.events.getJob(`event-${eventId}`)) !== undefined;
  const groupsSoFar = () => batcher.stats.groups + batcher.stats.groupsRetriedAlone;

  /**
   * Sends `requests` so that they are written as ONE group: a first request is held in its transaction
   * (its client row is locked from outside), the others queue behind it, and the lock is released once
   * they all wait. Resolves with the held request's answer and the group's answers, in order.
   */
  async function asOneGroup(requests: (() => Promise<Response>)[]): Promise<{ held: Response; group: Response[] }> {
    const blocker = await createClient(api, alpha.tokens.manager);
    const runner = api.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query('SELECT id FROM clients WHERE id = $1 FOR UPDATE', [blocker.id]);
      const held = post(alpha.tokens.manager, activity(blocker.id));
      await eventually(
        async () =>
          Number(
            (
              await runner.query(
                `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
              )
            )[0].count,
          ) > 0,
        { what: 'the first group to wait for the locked client' },
      );
      const group = requests.map((send) => send());
      await eventually(async () => batcher.queuedRequests === requests.length, {
        what: `${requests.length} requests queued behind the held group`,
      });
      await runner.rollbackTransaction();
      return { held: await held, group: await Promise.all(group) };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  it('writes 200 concurrent requests (single events and batches, two agencies) in fewer transactions, each durable and queued before its 202', async () => {
    const ours = await Promise.all([1, 2, 3].map(() => createClient(api, alpha.tokens.manager)));
    const theirs = await createClient(api, beta.tokens.manager);
    const groupsBefore = groupsSoFar();
    const requestsBefore = batcher.stats.requests;

    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const client = ours[i % ours.length];
        const [token, body, size] =
          i % 10 === 0
            ? [alpha.apiKey, { events: Array.from({ length: 20 }, () => activity(client.id)) }, 20]
            : i % 7 === 0
              ? [
                  beta.tokens.manager,
                  activity(theirs.id, { type: 'ticket.created', data: { category: 'bug', priority: 'low' } }),
                  1,
                ]
              : [alpha.tokens.manager, activity(client.id, { occurredAt: new Date(Date.now() - i).toISOString() }), 1];
        const response = await post(token, body);
        expect(response.status).toBe(202);
        // Durable first: readable and handed to the worker the moment the 202 arrives.
        const readToken = token === beta.tokens.manager ? beta.tokens.viewer : alpha.tokens.viewer;
        const ids: string[] = response.body.ids;
        expect(ids).toHaveLength(size);
        await http()
          .get(`/api/v1/events/${ids[ids.length - 1]}`)
          .set(bearer(readToken))
          .expect(200);
        expect(await isQueued(ids[0])).toBe(true);
        return ids;
      }),
    );

    const ids = answers.flat();
    expect(new Set(ids).size).toBe(ids.length);
    expect(await eventRows([...ours.map((client) => client.id), theirs.id])).toBe(ids.length);
    expect((await Promise.all(ids.map(isQueued))).every(Boolean)).toBe(true);
    expect(batcher.stats.requests - requestsBefore).toBe(200);
    // Grouping happened: far fewer transactions than requests.
    expect(groupsSoFar() - groupsBefore).toBeLessThanOrEqual(100);
    // Each row keeps its own agency.
    expect(
      await countRows('SELECT count(*) FROM events WHERE client_id = $1 AND agency_id = $2', [
        theirs.id,
        beta.agencyId,
      ]),
    ).toBe(answers.filter((_, i) => i % 10 !== 0 && i % 7 === 0).length);
  });

  it('gives a bad request of a group exactly its own error; the others of the group are stored', async () => {
    const client = await createClient(api, alpha.tokens.manager, { stage: 'lead' });
    const other = await createClient(api, alpha.tokens.manager, { stage: 'lead' });
    const theirs = await createClient(api, beta.tokens.manager);
    const groupsBefore = groupsSoFar();

    const { held, group } = await asOneGroup([
      () => post(alpha.tokens.manager, activity(client.id)),
      // An alpha request naming beta's client: unknown to alpha.
      () =>
        post(alpha.tokens.manager, {
          events: [activity(other.id), activity(theirs.id), activity('00000000-0000-4000-8000-000000000000')],
        }),
      () =>
        post(alpha.tokens.manager, {
          events: [
            { type: 'client.stage_changed', clientId: other.id, data: { toStage: 'active' } },
            { type: 'client.stage_changed', clientId: other.id, data: { toStage: 'nowhere' } },
          ],
        }),
      () =>
        post(alpha.tokens.manager, { type: 'client.stage_changed', clientId: client.id, data: { toStage: 'active' } }),
      () => post(alpha.tokens.manager, { type: 'kpi.updated', clientId: other.id, data: { metric: 'roas', value: 2 } }),
      () => post(beta.tokens.manager, activity(theirs.id)),
    ]);

    expect(held.status).toBe(202);
    expect(group.map((response) => response.status)).toEqual([202, 404, 400, 202, 202, 202]);
    expect(groupsSoFar() - groupsBefore).toBe(2);
    expect(group[1].body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Client not found',
      details: [{ path: 'events[1].clientId', message: 'no such client' }],
    });
    expect(group[2].body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: expect.stringContaining("events[1].data.toStage: unknown stage 'nowhere'"),
      details: [{ path: 'events[1].data.toStage', message: expect.stringContaining("unknown stage 'nowhere'") }],
    });
    // The bad requests stored nothing; every other request is stored, its stage and metric included.
    expect(await eventRows([client.id])).toBe(2);
    expect(await eventRows([other.id])).toBe(1);
    expect(await eventRows([theirs.id])).toBe(1);
    const stageOf = async (id: string) =>
      (await http().get(`/api/v1/clients/${id}`).set(bearer(alpha.tokens.viewer)).expect(200)).body.stage;
    expect(await stageOf(client.id)).toBe('active');
    expect(await stageOf(other.id)).toBe('lead');
    expect(await countRows('SELECT count(*) FROM client_metrics WHERE client_id = $1', [other.id])).toBe(1);
    for (const response of [group[0], group[3], group[4], group[5]])
      expect(await isQueued(response.body.id)).toBe(true);
  });

  it('resolves the same idempotency key in two requests of one group to one event', async () => {
    const client = await createClient(api, alpha.tokens.manager);
    const kpi = {
      type: 'kpi.updated',
      clientId: client.id,
      idempotencyKey: 'gc:kpi',
      data: { metric: 'roas', value: 3 },
    };
    const { group } = await asOneGroup([
      () => post(alpha.tokens.manager, activity(client.id, { idempotencyKey: 'gc:1' })),
      () => post(alpha.apiKey, { events: [activity(client.id), activity(client.id, { idempotencyKey: 'gc:1' })] }),
      () => post(alpha.tokens.manager, kpi),
      () => post(alpha.tokens.admin, kpi),
      // Another agency's same key is its own event.
      () => post(beta.tokens.manager, activity(client.id, { idempotencyKey: 'gc:1' })),
    ]);
    expect(group.map((response) => response.status)).toEqual([202, 202, 202, 202, 404]);
    expect(group[1].body.ids[1]).toBe(group[0].body.id);
    expect(group[3].body.id).toBe(group[2].body.id);
    expect(await eventRows([client.id])).toBe(3);
    expect(await countRows('SELECT count(*) FROM client_metrics WHERE client_id = $1', [client.id])).toBe(1);
  });

  describe('when the group transaction fails', () => {
    beforeAll(async () => {
      // A database error only one request causes (its own data), raised inside the shared transaction.
      await api.dataSource.query(`
        CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.data->>'note' = 'poison' THEN RAISE EXCEPTION 'poison event'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER refuse_poison BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_poison();`);
    });

    afterAll(async () => {
      await api.dataSource.query('DROP TRIGGER refuse_poison ON events; DROP FUNCTION refuse_poison()');
    });

    it('retries each request alone: the poison one fails alone, the others are stored', async () => {
      const client = await createClient(api, alpha.tokens.manager);
      const retriedBefore = batcher.stats.groupsRetriedAlone;
      const { group } = await asOneGroup([
        () => post(alpha.tokens.manager, activity(client.id, { data: { kind: 'call' } })),
        () => post(alpha.tokens.manager, activity(client.id, { data: { note: 'poison' } })),
        () => post(alpha.tokens.manager, { events: [activity(client.id), activity(client.id)] }),
        () => post(alpha.tokens.manager, activity('00000000-0000-4000-8000-000000000000')),
      ]);
      expect(group.map((response) => response.status)).toEqual([202, 500, 202, 404]);
      expect(group[1].body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error',
      });
      expect(group[3].body.details).toEqual([{ path: 'clientId', message: 'no such client' }]);
      expect(batcher.stats.groupsRetriedAlone - retriedBefore).toBe(1);
      expect(await eventRows([client.id])).toBe(3);
      for (const id of [group[0].body.id, ...group[2].body.ids]) {
        await http().get(`/api/v1/events/${id}`).set(bearer(alpha.tokens.viewer)).expect(200);
        expect(await isQueued(id)).toBe(true);
      }
    });
  });
});
