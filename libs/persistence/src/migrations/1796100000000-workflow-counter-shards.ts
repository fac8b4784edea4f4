import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A workflow's run counters move from its row to sharded rows. Every run of a workflow bumped the same
 * row twice (created, finished), so all runs of a busy workflow queued on one row lock, held until
 * their transaction committed: the benchmark showed a dozen matcher transactions waiting on it. Writers
 * now add to one of 16 shards picked at random; readers sum the shards of the workflows they show.
 */
export class WorkflowCounterShards1796100000000 implements MigrationInterface {
  name = 'WorkflowCounterShards1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflow_counters (
        workflow_id uuid NOT NULL,
        shard smallint NOT NULL,
        agency_id uuid NOT NULL,
        run_count integer NOT NULL DEFAULT 0,
        success_count integer NOT NULL DEFAULT 0,
        failure_count integer NOT NULL DEFAULT 0,
        skip_count integer NOT NULL DEFAULT 0,
        last_run_at timestamptz,
        PRIMARY KEY (workflow_id, shard),
        FOREIGN KEY (agency_id, workflow_id) REFERENCES workflows (agency_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      INSERT INTO workflow_counters (workflow_id, shard, agency_id, run_count, success_count, failure_count, skip_count, last_run_at)
      SELECT id, 0, agency_id, run_count, success_count, failure_count, skip_count, last_run_at FROM workflows
       WHERE run_count > 0 OR success_count > 0 OR failure_count > 0 OR skip_count > 0 OR last_run_at IS NOT NULL`);
    for (const column of ['run_count', 'success_count', 'failure_count', 'skip_count', 'last_run_at'])
      await q.query(`ALTER TABLE workflows DROP COLUMN ${column}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const column of ['run_count', 'success_count', 'failure_count', 'skip_count'])
      await q.query(`ALTER TABLE workflows ADD COLUMN ${column} integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE workflows ADD COLUMN last_run_at timestamptz`);
    await q.query(`
      UPDATE workflows w SET run_count = t.run_count, success_count = t.success_count, failure_count = GREATEST(t.failure_count, 0), skip_count = t.skip_count, last_run_at = t.last_run_at
        FROM (SELECT workflow_id, sum(run_count)::int AS run_count, sum(success_count)::int AS success_count, sum(failure_count)::int AS failure_count,
                     sum(skip_count)::int AS skip_count, max(last_run_at) AS last_run_at
                FROM workflow_counters GROUP BY workflow_id) t
       WHERE w.id = t.workflow_id`);
    await q.query(`DROP TABLE workflow_counters`);
  }
}
