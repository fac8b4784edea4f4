import { MigrationInterface, QueryRunner } from 'typeorm';

/** The defaults of PRODUCT §8.7, frozen here (a migration must not change when the domain's constant does). */
const DEFAULT_STAGES = ['lead', 'onboarding', 'active', 'at_risk', 'churned'];

/**
 * `agencies.pipeline_stages`: each agency's ordered pipeline stages. Existing agencies get the defaults
 * followed by every other stage their data already uses — clients (deleted ones too, for history) and
 * workflow definitions (stage_change `toStage`/`fromStage`, scheduled `clientFilter.stages`,
 * update_client `stage`, in branches too) — in order of first use, so nothing stored becomes unknown.
 */
export class AgencyPipelineStages1797000000000 implements MigrationInterface {
  name = 'AgencyPipelineStages1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE agencies ADD COLUMN pipeline_stages jsonb NOT NULL DEFAULT '${JSON.stringify(DEFAULT_STAGES)}'::jsonb`,
    );
    const used = new Map<string, Set<string>>();
    const add = (agencyId: string, stage: unknown) => {
      if (typeof stage !== 'string' || stage.trim() === '' || stage.includes('{{')) return;
      if (!used.has(agencyId)) used.set(agencyId, new Set());
      used.get(agencyId)!.add(stage);
    };
    const clients: { agency_id: string; stage: string }[] = await q.query(
      `SELECT agency_id, stage FROM clients GROUP BY agency_id, stage ORDER BY agency_id, min(created_at), stage`,
    );
    for (const row of clients) add(row.agency_id, row.stage);
    const workflows: { agency_id: string; triggers: unknown; steps: unknown }[] = await q.query(
      `SELECT agency_id, triggers, steps FROM workflows ORDER BY agency_id, created_at`,
    );
    for (const row of workflows) {
      for (const trigger of asArray(row.triggers)) {
        const config = asObject(asObject(trigger).config);
        add(row.agency_id, config.toStage);
        add(row.agency_id, config.fromStage);
        for (const stage of asArray(asObject(config.clientFilter).stages)) add(row.agency_id, stage);
      }
      walkSteps(asArray(row.steps), (step) => {
        if (step.type === 'update_client') add(row.agency_id, asObject(step.config).stage);
      });
    }
    await q.query(`CREATE INDEX IF NOT EXISTS client_metrics_agency_metric ON client_metrics (agency_id, metric)`);
    for (const [agencyId, stages] of used) {
      const extra = [...stages].filter((stage) => !DEFAULT_STAGES.includes(stage));
      if (extra.length === 0) continue;
      await q.query(`UPDATE agencies SET pipeline_stages = $1::jsonb WHERE id = $2`, [
        JSON.stringify([...DEFAULT_STAGES, ...extra]),
        agencyId,
      ]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS client_metrics_agency_metric`);
    await q.query(`ALTER TABLE agencies DROP COLUMN pipeline_stages`);
  }
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function walkSteps(steps: unknown[], visit: (step: Record<string, unknown>) => void): void {
  for (const raw of steps) {
    const step = asObject(raw);
    visit(step);
    walkSteps(asArray(step.then), visit);
    walkSteps(asArray(step.else), visit);
  }
}
