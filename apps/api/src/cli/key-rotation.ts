import type { DataSource, EntityManager } from 'typeorm';
import type { Step, WorkflowDefinition } from '@automations/domain';
import { integrationSecretContext, resealSteps, type SecretBox } from '@automations/persistence';

export const DEFAULT_ROTATION_BATCH = 100;

/** Rows of one table: how many were read, how many were written again. */
export interface TableRotation {
  scanned: number;
  rewritten: number;
}

export interface KeyRotationReport {
  /** Id of the key everything is sealed with now (`ENCRYPTION_KEY`). */
  keyId: string;
  integrations: TableRotation;
  workflows: TableRotation;
  workflowVersions: TableRotation;
  rewritten: number;
}

interface IntegrationRow {
  id: string;
  agency_id: string;
  kind: string;
  secret_encrypted: string;
}

interface WorkflowRow {
  id: string;
  agency_id: string;
  steps: Step[];
}

interface VersionRow {
  id: string;
  agency_id: string;
  workflow_id: string;
  definition: WorkflowDefinition;
}

/**
 * `rotate-keys`: seals every secret at rest under the current key (`ENCRYPTION_KEY`), opening what was sealed
 * under `ENCRYPTION_KEY_PREVIOUS` (or in the first box format), and seals sensitive definition values still stored
 * as plaintext (rows saved before they were encrypted). Tables: `integrations.secret_encrypted`,
 * `workflows.steps`, `workflow_versions.definition` (deleted workflows included).
 *
 * Resumable and idempotent: rows are walked in id order in batches, each batch one transaction that locks its rows
 * (`FOR UPDATE`, as the API does before changing a workflow) and is committed before the next; a row already sealed
 * under the current key is left alone, so a second run rewrites nothing and an interrupted run continues where it
 * stopped. A value that opens with neither key stops the command (naming the row): nothing is skipped silently.
 */
export class KeyRotation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly box: SecretBox,
    private readonly batchSize = DEFAULT_ROTATION_BATCH,
  ) {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batch size must be a positive integer');
  }

  async run(): Promise<KeyRotationReport> {
    const integrations = await this.rotateIntegrations();
    const workflows = await this.rotateWorkflows();
    const workflowVersions = await this.rotateVersions();
    return {
      keyId: this.box.keyId,
      integrations,
      workflows,
      workflowVersions,
      rewritten: integrations.rewritten + workflows.rewritten + workflowVersions.rewritten,
    };
  }

  private rotateIntegrations(): Promise<TableRotation> {
    return this.inBatches<IntegrationRow>(
      // Boxes already under the current key are not even read (a prefix test: key ids may contain LIKE's `_`).
      (manager, after) =>
        manager.query(
          `SELECT id, agency_id, kind, secret_encrypted FROM integrations
            WHERE id > $1 AND secret_encrypted IS NOT NULL AND left(secret_encrypted, length($2)) <> $2
            ORDER BY id LIMIT $3 FOR UPDATE`,
          [after, `v2.${this.box.keyId}.`, this.batchSize],
        ),
      async (manager, row) => {
        const resealed = this.attempt('integrations', row.id, () =>
          this.box.reseal(row.secret_encrypted, integrationSecretContext(row.agency_id, row.kind)),
        );
        await manager.query(`UPDATE integrations SET secret_encrypted = $2 WHERE id = $1`, [row.id, resealed]);
        return true;
      },
    );
  }

  private rotateWorkflows(): Promise<TableRotation> {
    return this.inBatches<WorkflowRow>(
      (manager, after) =>
        manager.query(`SELECT id, agency_id, steps FROM workflows WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE`, [
          after,
          this.batchSize,
        ]),
      async (manager, row) => {
        const { steps, changed } = this.attempt('workflows', row.id, () =>
          resealSteps(this.box, { agencyId: row.agency_id, workflowId: row.id }, row.steps),
        );
        if (changed)
          await manager.query(`UPDATE workflows SET steps = $2::jsonb WHERE id = $1`, [row.id, JSON.stringify(steps)]);
        return changed;
      },
    );
  }

  private rotateVersions(): Promise<TableRotation> {
    return this.inBatches<VersionRow>(
      (manager, after) =>
        manager.query(
          `SELECT id, agency_id, workflow_id, definition FROM workflow_versions WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE`,
          [after, this.batchSize],
        ),
      async (manager, row) => {
        const { steps, changed } = this.attempt('workflow_versions', row.id, () =>
          resealSteps(this.box, { agencyId: row.agency_id, workflowId: row.workflow_id }, row.definition.steps ?? []),
        );
        if (changed)
          await manager.query(`UPDATE workflow_versions SET definition = $2::jsonb WHERE id = $1`, [
            row.id,
            JSON.stringify({ ...row.definition, steps }),
          ]);
        return changed;
      },
    );
  }

  /** Keyset pagination by id: each batch is read, rewritten and committed in one transaction. */
  private async inBatches<T extends { id: string }>(
    read: (manager: EntityManager, after: string) => Promise<T[]>,
    rewrite: (manager: EntityManager, row: T) => Promise<boolean>,
  ): Promise<TableRotation> {
    const totals: TableRotation = { scanned: 0, rewritten: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await this.dataSource.transaction(async (manager) => {
        const batch = await read(manager, after);
        for (const row of batch) if (await rewrite(manager, row)) totals.rewritten += 1;
        return batch;
      });
      totals.scanned += rows.length;
      if (rows.length < this.batchSize) return totals;
      after = rows[rows.length - 1].id;
    }
  }

  /** A box that does not open names its row (never its content). */
  private attempt<T>(table: string, id: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw new Error(
        `rotate-keys: ${table} row ${id} does not open with ENCRYPTION_KEY or ENCRYPTION_KEY_PREVIOUS (${(error as Error).message}); earlier batches are committed, run again once the keys are set`,
      );
    }
  }
}
