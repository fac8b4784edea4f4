import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@automations/testing';
import { buildDataSourceOptions } from './data-source-options';

/** The schema itself refuses a row of one agency pointing at a row of another (composite foreign keys). */
describe('cross-agency references are impossible in the schema', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let a: { agency: string; user: string; client: string; workflow: string; template: string };
  let b: { agency: string; user: string; client: string; workflow: string; template: string };

  async function seedAgency(name: string) {
    const [{ id: agency }] = await dataSource.query(`INSERT INTO agencies (name) VALUES ($1) RETURNING id`, [name]);
    const [{ id: user }] = await dataSource.query(
      `INSERT INTO users (agency_id, email, name, role, password_hash) VALUES ($1, $2, 'U', 'admin', 'x') RETURNING id`,
      [agency, `${name}@fk.test`],
    );
    const [{ id: client }] = await dataSource.query(
      `INSERT INTO clients (agency_id, name, stage, health) VALUES ($1, 'C', 'lead', 'green') RETURNING id`,
      [agency],
    );
    const [{ id: workflow }] = await dataSource.query(
      `INSERT INTO workflows (agency_id, name, triggers, steps) VALUES ($1, 'W', '[]', '[]') RETURNING id`,
      [agency],
    );
    const [{ id: template }] = await dataSource.query(
      `INSERT INTO automation_templates (agency_id, source, name, category, definition) VALUES ($1, 'agency', 'T', 'onboarding', '{}') RETURNING id`,
      [agency],
    );
    return { agency, user, client, workflow, template };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ ...buildDataSourceOptions({ url: database.url, poolSize: 2 }), logging: false });
    await dataSource.initialize();
    a = await seedAgency('a');
    b = await seedAgency('b');
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it.each([
    [
      'a client assigned to a user of another agency',
      () =>
        dataSource.query(
          `INSERT INTO clients (agency_id, name, stage, health, assignee_id) VALUES ($1, 'X', 'lead', 'green', $2)`,
          [a.agency, b.user],
        ),
    ],
    [
      'a run of another agency’s workflow',
      () =>
        dataSource.query(
          `INSERT INTO workflow_runs (agency_id, workflow_id, workflow_version, client_id, status) VALUES ($1, $2, 1, $3, 'queued')`,
          [a.agency, b.workflow, a.client],
        ),
    ],
    [
      'a run for another agency’s client',
      () =>
        dataSource.query(
          `INSERT INTO workflow_runs (agency_id, workflow_id, workflow_version, client_id, status) VALUES ($1, $2, 1, $3, 'queued')`,
          [a.agency, a.workflow, b.client],
        ),
    ],
    [
      'an event for another agency’s client',
      () =>
        dataSource.query(
          `INSERT INTO events (agency_id, client_id, type, occurred_at, source) VALUES ($1, $2, 'client.activity', now(), 'api')`,
          [a.agency, b.client],
        ),
    ],
    [
      'a task for another agency’s client',
      () =>
        dataSource.query(`INSERT INTO tasks (agency_id, client_id, title, priority) VALUES ($1, $2, 'T', 'low')`, [
          a.agency,
          b.client,
        ]),
    ],
    [
      'a metric of another agency’s client',
      () =>
        dataSource.query(
          `INSERT INTO client_metrics (agency_id, client_id, metric, value, recorded_at) VALUES ($1, $2, 'roas', 1, now())`,
          [a.agency, b.client],
        ),
    ],
    [
      'a share code of another agency’s template',
      () =>
        dataSource.query(
          `INSERT INTO template_shares (agency_id, template_id, code_hash, expires_at) VALUES ($1, $2, 'h-cross', now())`,
          [a.agency, b.template],
        ),
    ],
    [
      'a template saved by a user of another agency',
      () =>
        dataSource.query(
          `INSERT INTO automation_templates (agency_id, source, name, category, definition, created_by_user_id) VALUES ($1, 'agency', 'X', 'support', '{}', $2)`,
          [a.agency, b.user],
        ),
    ],
  ])('refuses %s', async (_name, insert) => {
    await expect(insert()).rejects.toMatchObject({ code: '23503' });
  });

  it('accepts the same references within one agency', async () => {
    await dataSource.query(
      `INSERT INTO clients (agency_id, name, stage, health, assignee_id) VALUES ($1, 'X', 'lead', 'green', $2)`,
      [a.agency, a.user],
    );
    await dataSource.query(
      `INSERT INTO workflow_runs (agency_id, workflow_id, workflow_version, client_id, status) VALUES ($1, $2, 1, $3, 'queued')`,
      [a.agency, a.workflow, a.client],
    );
    await dataSource.query(
      `INSERT INTO template_shares (agency_id, template_id, code_hash, expires_at) VALUES ($1, $2, 'h-own', now())`,
      [a.agency, a.template],
    );
  });
});
