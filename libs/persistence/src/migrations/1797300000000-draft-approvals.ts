import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approvals of `draft_communication` steps approve the draft itself (PRODUCT §8.7): the draft is written
 * before the run waits, the approval points at it (`draft_id`) and keeps the reviewer's edit (`edits`:
 * `{subject?: {original, edited}, body?: {original, edited}}`); drafts get a subject (email) and the time
 * of that edit.
 */
export class DraftApprovals1797300000000 implements MigrationInterface {
  name = 'DraftApprovals1797300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE communication_drafts ADD COLUMN subject text, ADD COLUMN edited_at timestamptz`);
    await q.query(`ALTER TABLE approvals ADD COLUMN draft_id uuid, ADD COLUMN edits jsonb`);
    await q.query(
      `ALTER TABLE approvals ADD CONSTRAINT approvals_draft_fk FOREIGN KEY (agency_id, draft_id) REFERENCES communication_drafts (agency_id, id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approvals DROP CONSTRAINT approvals_draft_fk`);
    await q.query(`ALTER TABLE approvals DROP COLUMN draft_id, DROP COLUMN edits`);
    await q.query(`ALTER TABLE communication_drafts DROP COLUMN subject, DROP COLUMN edited_at`);
  }
}
