import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@automations/persistence';
import { createTestDatabase, TestDatabase } from '@automations/testing';
import { PreviewClientNotFoundError } from './preview.types';
import { ReadOnlyClientReader } from './read-only-client-reader';
import { withReadOnlyTransaction } from './read-only-transaction';
import { WorkflowPreviewer } from './workflow-previewer';

/** The effects boundary of test mode, against a real Postgres. */
describe('read-only preview capabilities', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let agencyId: string;
  let clientId: string;

  const fingerprint = async () => {
    const tables: { tablename: string }[] = await dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const rows = await Promise.all(
      tables.map(({ tablename }) =>
        dataSource.query(
          `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`,
        ),
      ),
    );
    return Object.fromEntries(tables.map(({ tablename }, index) => [tablename, rows[index][0]]));
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ ...buildDataSourceOptions({ url: database.url, poolSize: 3 }), logging: false });
    await dataSource.initialize();
    [{ id: agencyId }] = await dataSource.query(
      `INSERT INTO agencies (name, timezone) VALUES ('Bright', 'Europe/Paris') RETURNING id`,
    );
    const [{ id: userId }] = await dataSource.query(
      `INSERT INTO users (agency_id, email, name, role, password_hash) VALUES ($1, 'mia@bright.test', 'Mia', 'manager', 'x') RETURNING id`,
      [agencyId],
    );
    [{ id: clientId }] = await dataSource.query(
      `INSERT INTO clients (agency_id, name, stage, health, assignee_id) VALUES ($1, 'Acme', 'onboarding', 'red', $2) RETURNING id`,
      [agencyId, userId],
    );
    await dataSource.query(
      `INSERT INTO client_metrics (agency_id, client_id, metric, value, recorded_at) VALUES ($1, $2, 'roas', 1.5, now() - interval '1 day'), ($1, $2, 'roas', 1.7, now())`,
      [agencyId, clientId],
    );
    await dataSource.query(
      `INSERT INTO events (agency_id, client_id, type, data, occurred_at, source) VALUES ($1, $2, 'message.received', '{"platform":"slack","body":"Help please"}', now() - interval '1 hour', 'api')`,
      [agencyId, clientId],
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('refuses writes inside its transaction (Postgres: read_only_sql_transaction)', async () => {
    await expect(
      withReadOnlyTransaction(dataSource, (manager) =>
        manager.query(`UPDATE clients SET name = 'Hacked' WHERE id = $1`, [clientId]),
      ),
    ).rejects.toMatchObject({ driverError: { code: '25006' } });
    await expect(
      withReadOnlyTransaction(dataSource, (manager) => manager.query(`INSERT INTO agencies (name) VALUES ('x')`)),
    ).rejects.toMatchObject({ driverError: { code: '25006' } });
    expect((await dataSource.query(`SELECT name FROM clients WHERE id = $1`, [clientId]))[0].name).toBe('Acme');
    // The connection goes back to the pool usable, and read-write again.
    await dataSource.query(`SELECT 1`);
  });

  it('reads the snapshot and the state-form facts a run would read', async () => {
    const reader = new ReadOnlyClientReader(dataSource);
    const snapshot = await reader.takeSnapshot(agencyId, clientId);
    expect(snapshot).toMatchObject({
      client: {
        id: clientId,
        name: 'Acme',
        stage: 'onboarding',
        health: 'red',
        assignee: { name: 'Mia', email: 'mia@bright.test' },
      },
      metrics: { roas: 1.7 },
      agency: { name: 'Bright', timezone: 'Europe/Paris' },
    });
    const state = await reader.loadTriggerState(snapshot!);
    expect(state.recentMessages).toEqual([{ platform: 'slack', body: 'Help please' }]);
    expect(await reader.takeSnapshot(agencyId, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await reader.agency(agencyId)).toEqual({ id: agencyId, name: 'Bright', timezone: 'Europe/Paris' });
  });

  it('exposes no data source', () => {
    const reader = new ReadOnlyClientReader(dataSource);
    expect(Object.keys(reader)).toEqual([]);
    expect(Object.values(reader)).not.toContain(dataSource);
  });

  it('previews for a real client without changing any table; only a ReadOnlyClientReader is accepted', async () => {
    expect(
      () =>
        new WorkflowPreviewer({ takeSnapshot: () => null, loadTriggerState: () => null, agency: () => null } as never),
    ).toThrow('needs a ReadOnlyClientReader');
    const previewer = new WorkflowPreviewer(new ReadOnlyClientReader(dataSource));
    const before = await fingerprint();
    const preview = await previewer.preview({
      agencyId,
      workflowName: 'Help desk',
      definition: {
        name: 'Help desk',
        triggers: [
          { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
          { type: 'new_message', config: { platform: 'slack', contains: 'help' } },
        ],
        steps: [
          {
            id: 'task',
            type: 'create_task',
            config: {
              title: 'Call {{client.name}} (roas {{metrics.roas}})',
              priority: 'urgent',
              assignee: 'client_assignee',
            },
          },
        ],
      },
      subject: { clientId },
      event: { type: 'kpi.updated', data: { metric: 'roas', value: 1.2 } },
    });
    expect(preview.trigger).toMatchObject({ fired: false, reason: 'roas was already below 2 (1.7): no crossing' });
    expect(preview.steps).toEqual([
      expect.objectContaining({
        outcome: 'execute',
        renderedConfig: expect.objectContaining({ title: 'Call Acme (roas 1.2)' }),
        wouldDo: 'Create an urgent-priority task “Call Acme (roas 1.2)” assigned to Mia',
      }),
    ]);
    const fired = await previewer.preview({
      agencyId,
      workflowName: 'Help desk',
      definition: {
        name: 'Help desk',
        triggers: [
          { type: 'new_message', config: { platform: 'any' } },
          { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
        ],
        steps: [],
      },
      subject: { clientId },
      event: { type: 'message.received', data: { platform: 'gmail', from: 'a@b.test', body: 'hi' } },
    });
    expect(fired.trigger).toEqual({
      fired: true,
      basis: 'event',
      triggerType: 'new_message',
      partner: { type: 'kpi_threshold', holds: true },
    });
    await expect(
      previewer.preview({
        agencyId,
        workflowName: 'x',
        definition: { name: 'x', triggers: [], steps: [] },
        subject: { clientId: '00000000-0000-4000-8000-000000000000' },
      }),
    ).rejects.toBeInstanceOf(PreviewClientNotFoundError);
    expect(await fingerprint()).toEqual(before);
  });
});
