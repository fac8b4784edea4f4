import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for `GET /workflows/analytics`, the health monitor and the `/metrics` gauges, so that
 * each of their aggregates is an index(-only) range scan rather than a table scan (measured with
 * bench/analytics-1m.ts on 1,000,000 runs).
 *
 * The two run indexes of the initial schema keyed on `started_at` are rebuilt with the same keys
 * plus INCLUDE columns (covering): the run history lists use them as before, and analytics reads
 * status, duration, mode and workflow without touching the heap. Same number of run indexes.
 *
 * run_steps gains one index (steps finished per agency and time). It is partial on
 * `finished_at IS NOT NULL`, so a step gets an entry only when it finishes.
 */
export class AnalyticsIndexes1795600000000 implements MigrationInterface {
  name = 'AnalyticsIndexes1795600000000';

  async up(q: QueryRunner): Promise<void> {
    // Runs started in a range for one agency (analytics totals, per day, per workflow, durations; run history lists).
    await q.query(`DROP INDEX IF EXISTS idx_workflow_runs_agency_started`);
    await q.query(
      `CREATE INDEX idx_workflow_runs_agency_started ON workflow_runs (agency_id, started_at DESC) INCLUDE (mode, workflow_id, status, finished_at)`,
    );
    // Runs of one workflow in a range (analytics with workflowId; a workflow's run history).
    await q.query(`DROP INDEX IF EXISTS idx_workflow_runs_workflow`);
    await q.query(
      `CREATE INDEX idx_workflow_runs_workflow ON workflow_runs (workflow_id, started_at DESC) INCLUDE (agency_id, mode, status, finished_at)`,
    );
    // Live runs finished in the last minutes, all agencies (health rule failure_rate).
    await q.query(
      `CREATE INDEX idx_workflow_runs_finished ON workflow_runs (finished_at) INCLUDE (agency_id, status) WHERE mode = 'live' AND finished_at IS NOT NULL`,
    );
    // Test-mode runs of an agency (normally none): lets step and approval aggregates exclude them cheaply.
    await q.query(`CREATE INDEX idx_workflow_runs_test_mode ON workflow_runs (agency_id) WHERE mode = 'test'`);
    // Steps finished in a range per agency (failures and time saved per action type; step duration histogram).
    await q.query(
      `CREATE INDEX idx_run_steps_agency_finished ON run_steps (agency_id, finished_at) INCLUDE (type, status, run_id, started_at) WHERE finished_at IS NOT NULL`,
    );
    // Approvals requested in a range per agency (approval wait analytics).
    await q.query(
      `CREATE INDEX idx_approvals_agency_created ON approvals (agency_id, created_at) INCLUDE (status, decided_at, run_id)`,
    );
    // Approvals decided in the last hour, all agencies (health rule approval_wait).
    await q.query(
      `CREATE INDEX idx_approvals_decided ON approvals (decided_at) INCLUDE (agency_id, created_at) WHERE decided_at IS NOT NULL`,
    );
    // At most one open health alert per agency and rule: the monitor's deduplication, enforced.
    await q.query(
      `CREATE UNIQUE INDEX alerts_health_open ON alerts (agency_id, kind) WHERE resolved_at IS NULL AND kind LIKE 'health:%'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of [
      'alerts_health_open',
      'idx_approvals_decided',
      'idx_approvals_agency_created',
      'idx_run_steps_agency_finished',
      'idx_workflow_runs_test_mode',
      'idx_workflow_runs_finished',
    ]) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
    await q.query(`DROP INDEX IF EXISTS idx_workflow_runs_workflow`);
    await q.query(`CREATE INDEX idx_workflow_runs_workflow ON workflow_runs (workflow_id, started_at DESC)`);
    await q.query(`DROP INDEX IF EXISTS idx_workflow_runs_agency_started`);
    await q.query(`CREATE INDEX idx_workflow_runs_agency_started ON workflow_runs (agency_id, started_at DESC)`);
  }
}
