import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@automations/persistence';
import { createTestDatabase, TestDatabase } from '@automations/testing';
import { leaseRuns } from './run-lease';

/** Leasing many runs in one statement (the run consumer's concurrent jobs), against a real Postgres. */
describe('leaseRuns', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let agencyId: string;
  let clientId: string;
  let workflowId: string;

  async function run(status: string, nextAttempt: string, leaseExpires: string | null = null): Promise<string> {
    const [{ id }] = await dataSource.query(
      `INSERT INTO workflow_runs (agency_id, workflow_id, workflow_version, client_id, mode, status, trigger_event, client_snapshot,
                                  attempt, lease_token, started_at, next_attempt_at, lease_owner, lease_expires_at)
       VALUES ($1, $2, 1, $3, 'live', $4, '{}', '{}', 1, 0, now(), now() + $5::interval,
               CASE WHEN $6::interval IS NULL THEN NULL ELSE 'worker-x' END, now() + $6::interval) RETURNING id`,
      [agencyId, workflowId, clientId, status, nextAttempt, leaseExpires],
    );
    return id;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ ...buildDataSourceOptions({ url: database.url, poolSize: 6 }), logging: false });
    await dataSource.initialize();
    [{ id: agencyId }] = await dataSource.query(
      `INSERT INTO agencies (name, timezone) VALUES ('Bright', 'UTC') RETURNING id`,
    );
    [{ id: clientId }] = await dataSource.query(
      `INSERT INTO clients (agency_id, name, stage, health) VALUES ($1, 'Acme', 'onboarding', 'green') RETURNING id`,
      [agencyId],
    );
    [{ id: workflowId }] = await dataSource.query(
      `INSERT INTO workflows (agency_id, name, is_active, triggers, steps, version) VALUES ($1, 'Welcome', true, '[]', '[]', 1) RETURNING id`,
      [agencyId],
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('takes the due and the abandoned runs of the list, and leaves the others as they are', async () => {
    const due = await run('queued', '0 seconds');
    const waitingDue = await run('waiting', '-1 minute');
    const abandoned = await run('running', '-1 minute', '-5 seconds');
    const notDue = await run('waiting', '1 hour');
    const leasedElsewhere = await run('running', '-1 minute', '30 seconds');
    const finished = await run('completed', '-1 minute');

    const leased = await leaseRuns(
      dataSource,
      [due, waitingDue, abandoned, notDue, leasedElsewhere, finished],
      'worker-a',
      30,
    );

    expect([...leased.keys()].sort()).toEqual([due, waitingDue, abandoned].sort());
    expect(Number(leased.get(abandoned)?.leaseToken)).toBe(1);
    expect(leased.get(due)?.workflow).toMatchObject({ name: 'Welcome', isActive: true, deleted: false });
    const rows: { id: string; status: string; lease_owner: string | null }[] = await dataSource.query(
      `SELECT id, status, lease_owner FROM workflow_runs WHERE id = ANY($1::uuid[])`,
      [[notDue, leasedElsewhere, finished]],
    );
    expect(Object.fromEntries(rows.map((row) => [row.id, [row.status, row.lease_owner]]))).toEqual({
      [notDue]: ['waiting', null],
      [leasedElsewhere]: ['running', 'worker-x'],
      [finished]: ['completed', null],
    });
  });

  it('two workers leasing overlapping lists at once: every run goes to exactly one of them', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => run('queued', '0 seconds')));
    const [a, b] = await Promise.all([
      leaseRuns(dataSource, ids.slice(0, 30), 'worker-a', 30),
      leaseRuns(dataSource, [...ids.slice(10)].reverse(), 'worker-b', 30),
    ]);
    const owners = ids.map((id) => [a.has(id), b.has(id)].filter(Boolean).length);
    expect(owners.every((count) => count === 1)).toBe(true);
  });
});
