import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole data model. Every tenant table carries agency_id and a UNIQUE (agency_id, id), and
 * every reference between tenant rows is a composite foreign key on (agency_id, <ref>_id), so a
 * row can never point at another agency's row.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await q.query(`
      CREATE TABLE agencies (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        timezone text NOT NULL DEFAULT 'UTC',
        settings jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        email text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('viewer','manager','admin')),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('viewer','manager','admin')),
        key_prefix text NOT NULL UNIQUE,
        secret_hash text NOT NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_by_user_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, id),
        FOREIGN KEY (agency_id, created_by_user_id) REFERENCES users (agency_id, id)
      )`);
    await q.query(`
      CREATE TABLE clients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        name text NOT NULL,
        stage text NOT NULL,
        health text NOT NULL CHECK (health IN ('green','yellow','red')),
        assignee_id uuid,
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, id),
        FOREIGN KEY (agency_id, assignee_id) REFERENCES users (agency_id, id)
      )`);
    await q.query(`CREATE INDEX clients_agency_name ON clients (agency_id, name) WHERE deleted_at IS NULL`);
    await q.query(
      `CREATE INDEX clients_agency_activity ON clients (agency_id, last_activity_at) WHERE deleted_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE client_metrics (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        client_id uuid NOT NULL,
        metric text NOT NULL,
        value double precision NOT NULL,
        recorded_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id)
      )`);
    await q.query(`CREATE INDEX client_metrics_latest ON client_metrics (client_id, metric, recorded_at DESC)`);
    await q.query(`
      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        client_id uuid NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL,
        idempotency_key text,
        causation jsonb,
        source text NOT NULL,
        processed_at timestamptz,
        processing jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, id),
        FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX events_idempotency ON events (agency_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await q.query(`CREATE INDEX events_agency_created ON events (agency_id, created_at DESC)`);
    await q.query(`CREATE INDEX events_client_created ON events (client_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE workflows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        name text NOT NULL,
        description text,
        is_active boolean NOT NULL DEFAULT true,
        triggers jsonb NOT NULL,
        steps jsonb NOT NULL,
        requires_approval boolean NOT NULL DEFAULT false,
        version integer NOT NULL DEFAULT 1,
        run_count integer NOT NULL DEFAULT 0,
        success_count integer NOT NULL DEFAULT 0,
        failure_count integer NOT NULL DEFAULT 0,
        skip_count integer NOT NULL DEFAULT 0,
        last_run_at timestamptz,
        created_by_user_id uuid,
        created_by_api_key_id uuid,
        updated_by_user_id uuid,
        updated_by_api_key_id uuid,
        paused_reason text,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, id),
        FOREIGN KEY (agency_id, created_by_user_id) REFERENCES users (agency_id, id),
        FOREIGN KEY (agency_id, updated_by_user_id) REFERENCES users (agency_id, id),
        FOREIGN KEY (agency_id, created_by_api_key_id) REFERENCES api_keys (agency_id, id),
        FOREIGN KEY (agency_id, updated_by_api_key_id) REFERENCES api_keys (agency_id, id)
      )`);
    await q.query(
      `CREATE INDEX idx_workflows_agency_active ON workflows (agency_id, is_active, updated_at DESC) WHERE deleted_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE workflow_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        workflow_id uuid NOT NULL,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        created_by_user_id uuid,
        created_by_api_key_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (workflow_id, version),
        FOREIGN KEY (agency_id, workflow_id) REFERENCES workflows (agency_id, id),
        FOREIGN KEY (agency_id, created_by_user_id) REFERENCES users (agency_id, id),
        FOREIGN KEY (agency_id, created_by_api_key_id) REFERENCES api_keys (agency_id, id)
      )`);
    await q.query(`
      CREATE TABLE workflow_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        workflow_id uuid NOT NULL,
        workflow_version integer NOT NULL,
        client_id uuid NOT NULL,
        mode text NOT NULL DEFAULT 'live' CHECK (mode IN ('live','test')),
        status text NOT NULL CHECK (status IN ('queued','running','waiting','awaiting_approval','completed','failed','skipped','cancelled','rejected')),
        reason text,
        trigger_event_id uuid,
        trigger_event jsonb,
        client_snapshot jsonb,
        attempt integer NOT NULL DEFAULT 1,
        error jsonb,
        cursor jsonb,
        lease_owner text,
        lease_expires_at timestamptz,
        lease_token bigint NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, id),
        FOREIGN KEY (agency_id, workflow_id) REFERENCES workflows (agency_id, id),
        FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id),
        FOREIGN KEY (agency_id, trigger_event_id) REFERENCES events (agency_id, id)
      )`);
    await q.query(`CREATE INDEX idx_workflow_runs_workflow ON workflow_runs (workflow_id, started_at DESC)`);
    await q.query(`CREATE INDEX idx_workflow_runs_status ON workflow_runs (agency_id, status, started_at DESC)`);
    await q.query(`CREATE INDEX idx_workflow_runs_agency_started ON workflow_runs (agency_id, started_at DESC)`);
    await q.query(
      `CREATE INDEX idx_workflow_runs_moving ON workflow_runs (next_attempt_at) WHERE status IN ('queued','running','waiting')`,
    );
    await q.query(`
      CREATE TABLE run_steps (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        run_id uuid NOT NULL,
        step_id text NOT NULL,
        type text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','running','waiting','awaiting_approval','completed','failed','skipped','cancelled','rejected')),
        attempts integer NOT NULL DEFAULT 0,
        input jsonb,
        output jsonb,
        error jsonb,
        scheduled_for timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, step_id),
        FOREIGN KEY (agency_id, run_id) REFERENCES workflow_runs (agency_id, id)
      )`);
    await q.query(`
      CREATE TABLE approvals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        run_id uuid NOT NULL,
        step_id text NOT NULL,
        action_type text NOT NULL,
        rendered_config jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','approved','rejected','expired')),
        expires_at timestamptz NOT NULL,
        decided_by_user_id uuid,
        decided_by_api_key_id uuid,
        decided_at timestamptz,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (run_id, step_id),
        FOREIGN KEY (agency_id, run_id) REFERENCES workflow_runs (agency_id, id),
        FOREIGN KEY (agency_id, decided_by_user_id) REFERENCES users (agency_id, id),
        FOREIGN KEY (agency_id, decided_by_api_key_id) REFERENCES api_keys (agency_id, id)
      )`);
    await q.query(
      `CREATE INDEX idx_workflow_approvals_pending ON approvals (agency_id, status, created_at) WHERE status = 'pending'`,
    );
    await q.query(`CREATE INDEX approvals_expiry ON approvals (expires_at) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE audit_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        workflow_id uuid,
        event_type text NOT NULL,
        actor_type text NOT NULL CHECK (actor_type IN ('user','api_key','system')),
        actor_id uuid,
        client_id uuid,
        details jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (agency_id, workflow_id) REFERENCES workflows (agency_id, id),
        FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id)
      )`);
    await q.query(`CREATE INDEX audit_events_agency_at ON audit_events (agency_id, at DESC)`);
    await q.query(`CREATE INDEX audit_events_workflow_at ON audit_events (workflow_id, at DESC)`);

    const runOutput = (table: string, columns: string) => `
      CREATE TABLE ${table} (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        ${columns},
        run_id uuid,
        workflow_id uuid,
        step_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, id),
        FOREIGN KEY (agency_id, run_id) REFERENCES workflow_runs (agency_id, id),
        FOREIGN KEY (agency_id, workflow_id) REFERENCES workflows (agency_id, id)
      )`;
    await q.query(
      runOutput(
        'tasks',
        `
        client_id uuid NOT NULL,
        title text NOT NULL,
        description text,
        priority text NOT NULL,
        due_at timestamptz,
        assignee_id uuid,
        status text NOT NULL DEFAULT 'open',
        FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id),
        FOREIGN KEY (agency_id, assignee_id) REFERENCES users (agency_id, id)`,
      ),
    );
    await q.query(
      runOutput(
        'tickets',
        `
        client_id uuid NOT NULL,
        title text NOT NULL,
        description text,
        priority text NOT NULL,
        category text NOT NULL,
        status text NOT NULL DEFAULT 'open',
        FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id)`,
      ),
    );
    await q.query(
      runOutput(
        'alerts',
        `
        client_id uuid,
        kind text NOT NULL DEFAULT 'automation',
        title text NOT NULL,
        message text,
        severity text NOT NULL CHECK (severity IN ('info','warning','critical')),
        resolved_at timestamptz,
        FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id)`,
      ),
    );
    await q.query(
      runOutput(
        'communication_drafts',
        `
        client_id uuid NOT NULL,
        platform text NOT NULL,
        tone text NOT NULL,
        content text NOT NULL,
        generator text NOT NULL CHECK (generator IN ('openai','template')),
        status text NOT NULL DEFAULT 'pending_review',
        FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id)`,
      ),
    );
    await q.query(
      runOutput(
        'notifications',
        `
        client_id uuid,
        user_id uuid,
        channel text NOT NULL CHECK (channel IN ('slack','email','in_app')),
        recipients jsonb NOT NULL DEFAULT '[]',
        subject text,
        message text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','sending','sent','failed')),
        error jsonb,
        sent_at timestamptz,
        read_at timestamptz,
        FOREIGN KEY (agency_id, client_id) REFERENCES clients (agency_id, id),
        FOREIGN KEY (agency_id, user_id) REFERENCES users (agency_id, id)`,
      ),
    );
    for (const table of ['tasks', 'tickets', 'alerts', 'communication_drafts']) {
      // One record per executed step: the idempotency key runId:stepId of PRODUCT.md §5.
      await q.query(`CREATE UNIQUE INDEX ${table}_step_once ON ${table} (run_id, step_id) WHERE run_id IS NOT NULL`);
      await q.query(`CREATE INDEX ${table}_agency_created ON ${table} (agency_id, created_at DESC)`);
      await q.query(`CREATE INDEX ${table}_client ON ${table} (client_id, created_at DESC)`);
    }
    await q.query(`CREATE INDEX notifications_agency_created ON notifications (agency_id, created_at DESC)`);
    await q.query(`CREATE INDEX notifications_run_step ON notifications (run_id, step_id)`);
    await q.query(`
      CREATE TABLE integrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        kind text NOT NULL CHECK (kind IN ('slack','email','openai')),
        settings jsonb NOT NULL DEFAULT '{}',
        secret_encrypted text,
        secret_last4 text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'integrations',
      'notifications',
      'communication_drafts',
      'alerts',
      'tickets',
      'tasks',
      'audit_events',
      'approvals',
      'run_steps',
      'workflow_runs',
      'workflow_versions',
      'workflows',
      'events',
      'client_metrics',
      'clients',
      'api_keys',
      'users',
      'agencies',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
