import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Templates library and sharing (PRODUCT §8.1, §8.2): an agency's own and imported templates, share codes
 * (stored as SHA-256 only; at most one live code per template), and per-agency usage counts of the built-in
 * templates, which ship in code and are never stored.
 */
export class AutomationTemplates1797500000000 implements MigrationInterface {
  name = 'AutomationTemplates1797500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE automation_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES agencies(id),
        source text NOT NULL CHECK (source IN ('agency','shared')),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        category text NOT NULL CHECK (category IN ('onboarding','retention','performance','support','reporting','communication')),
        definition jsonb NOT NULL,
        placeholders jsonb NOT NULL DEFAULT '[]',
        shared_from_agency_name text,
        created_by_user_id uuid,
        created_by_api_key_id uuid,
        usage_count integer NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, id),
        CHECK ((source = 'shared') = (shared_from_agency_name IS NOT NULL)),
        FOREIGN KEY (agency_id, created_by_user_id) REFERENCES users (agency_id, id),
        FOREIGN KEY (agency_id, created_by_api_key_id) REFERENCES api_keys (agency_id, id)
      )`);
    await q.query(`CREATE INDEX idx_automation_templates_agency ON automation_templates (agency_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE template_shares (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL,
        template_id uuid NOT NULL,
        code_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        created_by_user_id uuid,
        created_by_api_key_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (agency_id, template_id) REFERENCES automation_templates (agency_id, id) ON DELETE CASCADE,
        FOREIGN KEY (agency_id, created_by_user_id) REFERENCES users (agency_id, id),
        FOREIGN KEY (agency_id, created_by_api_key_id) REFERENCES api_keys (agency_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX template_shares_one_live ON template_shares (template_id) WHERE revoked_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE builtin_template_usage (
        agency_id uuid NOT NULL REFERENCES agencies(id),
        template_id text NOT NULL CHECK (template_id LIKE 'builtin-%'),
        usage_count integer NOT NULL DEFAULT 0 CHECK (usage_count >= 0),
        PRIMARY KEY (agency_id, template_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE builtin_template_usage`);
    await q.query(`DROP TABLE template_shares`);
    await q.query(`DROP TABLE automation_templates`);
  }
}
