import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Web security (issue 11).
 * - User emails are unique per agency, no longer across agencies: a create-user answering 409 for an email of
 *   another agency told any admin which addresses other agencies use. Login looks emails up through a plain index.
 * - `token_version`: a JWT carries the version it was issued under; a password change bumps it, so every token
 *   issued before the change is refused.
 */
export class UserAccountsHardening1796200000000 implements MigrationInterface {
  name = 'UserAccountsHardening1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX users_email_unique`);
    await q.query(`CREATE UNIQUE INDEX users_agency_email_unique ON users (agency_id, lower(email))`);
    await q.query(`CREATE INDEX users_email_lookup ON users (lower(email))`);
    await q.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
    await q.query(`DROP INDEX users_email_lookup`);
    await q.query(`DROP INDEX users_agency_email_unique`);
    await q.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);
  }
}
