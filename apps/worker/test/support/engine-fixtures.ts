import { bearer } from '../../../api/test/support/test-api';
import type { TestAgency } from '../../../api/test/support/test-api';
import { collectStageReferences, type WorkflowDefinition } from '@automations/domain';
import type { TestStack } from './test-stack';

/** REST helpers an integrator would use, bound to one agency. */
export function engineFixtures(stack: TestStack, agency: TestAgency) {
  const http = () => stack.api.http();
  const token = agency.tokens.admin;
  /**
   * The API accepts only the agency's pipeline stages; engine tests name their own stages (one per test, so their
   * workflows never fire for another test's clients), so these helpers add each stage they use to the agency first —
   * as an admin would in Settings. Stage validation itself is tested in apps/api/test/pipeline-stages.e2e-spec.ts.
   */
  const allowStages = async (stages: unknown[]) => {
    const names = stages.filter((stage): stage is string => typeof stage === 'string');
    if (names.length === 0) return;
    const [{ stages: current }]: { stages: string[] }[] = await stack.api.dataSource.query(
      `SELECT pipeline_stages AS stages FROM agencies WHERE id = $1`,
      [agency.agencyId],
    );
    const missing = [...new Set(names)].filter((name) => !current.includes(name));
    if (missing.length)
      await stack.api.dataSource.query(`UPDATE agencies SET pipeline_stages = $1::jsonb WHERE id = $2`, [
        JSON.stringify([...current, ...missing]),
        agency.agencyId,
      ]);
  };
  return {
    http,
    token,
    allowStages,
    async createClient(name: string, fields: Record<string, unknown> = {}) {
      await allowStages([fields.stage]);
      return (
        await http()
          .post('/api/v1/clients')
          .set(bearer(token))
          .send({ name, stage: 'lead', health: 'green', ...fields })
          .expect(201)
      ).body as { id: string; name: string };
    },
    async createWorkflow(definition: object) {
      const { triggers, steps } = definition as Partial<WorkflowDefinition>;
      if (Array.isArray(triggers) && Array.isArray(steps))
        await allowStages(collectStageReferences({ triggers, steps }).map((reference) => reference.stage));
      return (await http().post('/api/v1/workflows').set(bearer(token)).send(definition).expect(201)).body as {
        id: string;
        version: number;
      };
    },
    /** PATCHes the stage and returns the id of the stored `client.stage_changed` event. */
    async moveStage(clientId: string, stage: string): Promise<string> {
      await allowStages([stage]);
      await http().patch(`/api/v1/clients/${clientId}`).set(bearer(token)).send({ stage }).expect(200);
      const events = await http()
        .get(`/api/v1/events?clientId=${clientId}&type=client.stage_changed`)
        .set(bearer(token))
        .expect(200);
      return events.body.items[0].id;
    },
    async postEvent(event: Record<string, unknown>): Promise<string> {
      if (event.type === 'client.stage_changed')
        await allowStages([(event.data as { toStage?: unknown } | undefined)?.toStage]);
      return (await http().post('/api/v1/events').set(bearer(token)).send(event).expect(202)).body.id;
    },
    async postMetric(clientId: string, metric: string, value: number): Promise<string> {
      await http().post(`/api/v1/clients/${clientId}/metrics`).set(bearer(token)).send({ metric, value }).expect(201);
      const events = await http()
        .get(`/api/v1/events?clientId=${clientId}&type=kpi.updated`)
        .set(bearer(token))
        .expect(200);
      return events.body.items[0].id;
    },
    /** Fires the workflow for the client and returns the started run id. */
    async startedRun(eventId: string, workflowId: string): Promise<string> {
      const verdicts = await stack.waitForEventProcessed(eventId);
      const verdict = verdicts.find((v) => v.workflowId === workflowId);
      if (verdict?.outcome !== 'started' || !verdict.runId)
        throw new Error(`workflow did not start: ${JSON.stringify(verdict)}`);
      return verdict.runId;
    },
  };
}

export const alertStep = (id: string, title = `${id} for {{client.name}}`) => ({
  id,
  type: 'add_alert',
  config: { title, severity: 'info' },
});
export const stageTrigger = (toStage: string) => ({ type: 'stage_change', config: { toStage } });
