import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs of one (workflow, client) pair in a time range: the dedupe window of run creation, the loop
 * breaker's per-hour count and the inactivity scanner ask this for every run they consider. With only
 * (workflow_id, started_at) they read every recent run of the workflow and filtered by client after
 * the index — under load that is the whole hour of a busy workflow per event. Covering, so these
 * counts stay index-only.
 */
export class RunPairIndex1796000000000 implements MigrationInterface {
  name = 'RunPairIndex1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX idx_workflow_runs_pair ON workflow_runs (workflow_id, client_id, started_at DESC) INCLUDE (mode, status, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS idx_workflow_runs_pair`);
  }
}
