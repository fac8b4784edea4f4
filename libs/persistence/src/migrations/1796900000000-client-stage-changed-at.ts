import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `clients.stage_changed_at`: when the stored stage last changed. A `client.stage_changed` event an
 * integrator reports moves the stored stage only when it happened after this moment, so events that
 * arrive out of order never move a client back. Every other writer of `stage` (PATCH /clients, the
 * update_client action, seeds) gets the moment for free from the trigger below: a stage change that
 * does not set `stage_changed_at` itself stamps it with the transaction's time.
 */
export class ClientStageChangedAt1796900000000 implements MigrationInterface {
  name = 'ClientStageChangedAt1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE clients ADD COLUMN stage_changed_at timestamptz`);
    await q.query(`UPDATE clients SET stage_changed_at = created_at`);
    await q.query(
      `ALTER TABLE clients ALTER COLUMN stage_changed_at SET NOT NULL, ALTER COLUMN stage_changed_at SET DEFAULT now()`,
    );
    await q.query(`
      CREATE FUNCTION clients_stamp_stage_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.stage IS DISTINCT FROM OLD.stage AND NEW.stage_changed_at IS NOT DISTINCT FROM OLD.stage_changed_at THEN
          NEW.stage_changed_at := now();
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER clients_stamp_stage_change BEFORE UPDATE OF stage ON clients FOR EACH ROW EXECUTE FUNCTION clients_stamp_stage_change()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER clients_stamp_stage_change ON clients`);
    await q.query(`DROP FUNCTION clients_stamp_stage_change()`);
    await q.query(`ALTER TABLE clients DROP COLUMN stage_changed_at`);
  }
}
