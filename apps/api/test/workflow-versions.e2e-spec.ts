import { apiCaller } from './support/api-caller';
import { tablesContaining } from './support/raw-database';
import { startTestApiWithTwoAgencies, TestAgency, TestApi } from './support/test-api';
import { minimalWorkflow, onboardingWorkflow } from './support/workflow-fixtures';

const RECIPIENT = 'ops-restore@alpha.test';
const ADDED_RECIPIENT = 'lead-restore@alpha.test';

const mailStep = (recipients: string[]) => ({
  id: 'mail',
  type: 'send_notification',
  config: { channel: 'email', recipients, subject: 'Hello', message: 'Hi {{client.name}}' },
});

/** Version 1: the onboarding example plus an email notification (its recipients are sealed at rest). */
function firstDefinition(): Record<string, unknown> {
  const base = onboardingWorkflow();
  return { ...base, steps: [...(base.steps as object[]), mailStep([RECIPIENT])] };
}

/** The PATCH that makes version 2: renamed, approval required, a trigger changed and one removed, steps edited. */
function secondDefinitionPatch(): Record<string, unknown> {
  const [task, health] = onboardingWorkflow().steps as Record<string, unknown>[];
  return {
    name: 'Onboarding kickoff v2',
    requiresApproval: true,
    triggers: [{ type: 'stage_change', config: { toStage: 'active' } }],
    steps: [
      { ...task, config: { ...(task.config as object), title: 'Kickoff call, v2' } },
      {
        ...health,
        else: [
          ...(health.else as object[]),
          { id: 'extra', type: 'add_alert', config: { title: 'Onboarding on track', severity: 'info' } },
        ],
      },
      mailStep([RECIPIENT, ADDED_RECIPIENT]),
    ],
  };
}

/** Version restore and diff (PRODUCT.md §8.3): a restore is a new version, a diff is structured and opened. */
describe('workflow versions: restore and diff (e2e)', () => {
  let api: TestApi;
  let alpha: TestAgency;
  let beta: TestAgency;
  const call = apiCaller(() => api);

  beforeAll(async () => {
    ({ api, alpha, beta } = await startTestApiWithTwoAgencies(['Versions Alpha', 'Versions Beta']));
  });
  afterAll(() => api.close());

  /** A workflow at version 3: v1 created, v2 edited by PATCH, v3 switched off. */
  async function threeVersions(): Promise<string> {
    const id = (await call('post', '/workflows', alpha.tokens.manager, firstDefinition()).expect(201)).body.id;
    await call('patch', `/workflows/${id}`, alpha.tokens.manager, secondDefinitionPatch()).expect(200);
    await call('patch', `/workflows/${id}/toggle`, alpha.tokens.manager, { isActive: false }).expect(200);
    return id;
  }

  const versionsOf = async (id: string, token = alpha.tokens.viewer) =>
    (await call('get', `/workflows/${id}/versions`, token).expect(200)).body.items as {
      version: number;
      definition: Record<string, unknown>;
    }[];

  const withoutIsActive = ({ isActive: _isActive, ...rest }: Record<string, unknown>) => rest;

  describe('restore', () => {
    it('creates version n+1 equal to v (isActive kept), leaves the history intact and audits workflow.restored', async () => {
      const id = await threeVersions();
      const before = await versionsOf(id);
      expect(before.map((v) => v.version)).toEqual([3, 2, 1]);
      const first = before.find((v) => v.version === 1)!.definition;

      const restored = await call('post', `/workflows/${id}/versions/1/restore`, alpha.tokens.manager).expect(201);
      expect(restored.body).toMatchObject({
        id,
        version: 4,
        name: 'Onboarding kickoff',
        requiresApproval: false,
        isActive: false,
        warnings: [],
        updatedBy: { type: 'user', id: alpha.userIds.manager },
      });
      // The detail shows the restored definition opened, as PATCH answers.
      expect(restored.body.triggers).toEqual(first.triggers);
      expect(restored.body.steps).toEqual(first.steps);

      const after = await versionsOf(id);
      expect(after.map((v) => v.version)).toEqual([4, 3, 2, 1]);
      expect(after.slice(1)).toEqual(before);
      expect(withoutIsActive(after[0].definition)).toEqual(withoutIsActive(first));
      expect(after[0].definition.isActive).toBe(false);
      expect((await call('get', `/workflows/${id}`, alpha.tokens.viewer).expect(200)).body).toMatchObject({
        version: 4,
        steps: first.steps,
      });

      // Saved through the same path as PATCH: the recipients are sealed at rest, never stored in plaintext.
      expect(await tablesContaining(api.dataSource, RECIPIENT)).toEqual([]);

      const audit = (await call('get', `/audit?workflowId=${id}`, alpha.tokens.viewer).expect(200)).body.items;
      const restoredEvents = audit.filter((e: { eventType: string }) => e.eventType === 'workflow.restored');
      expect(restoredEvents).toHaveLength(1);
      expect(restoredEvents[0]).toMatchObject({
        actorType: 'user',
        actorId: alpha.userIds.manager,
        details: { fromVersion: 1, toVersion: 4 },
      });
      // One event for the restore: no workflow.updated beside it.
      expect(audit.filter((e: { eventType: string }) => e.eventType === 'workflow.updated')).toHaveLength(1);
    });

    it('refuses to restore the current version (409) and honours expectedVersion (409 when moved on)', async () => {
      const id = await threeVersions();
      const current = await call('post', `/workflows/${id}/versions/3/restore`, alpha.tokens.manager).expect(409);
      expect(current.body.message).toBe('Version 3 is already the current version: there is nothing to restore');
      const stale = await call('post', `/workflows/${id}/versions/1/restore`, alpha.tokens.manager, {
        expectedVersion: 2,
      }).expect(409);
      expect(stale.body.message).toBe('Workflow is at version 3, not 2: reload and restore again');
      await call('post', `/workflows/${id}/versions/2/restore`, alpha.tokens.admin, { expectedVersion: 3 }).expect(201);
      expect((await versionsOf(id)).map((v) => v.version)).toEqual([4, 3, 2, 1]);
    });

    it('validates against today: a version naming a stage removed from the pipeline is a 400 naming the field', async () => {
      const agency = await api.createAgency('Versions Stages', { pipelineStages: ['lead', 'trial', 'active'] });
      const id = (
        await call('post', '/workflows', agency.tokens.manager, {
          ...minimalWorkflow('Trial'),
          triggers: [{ type: 'stage_change', config: { toStage: 'trial' } }],
        }).expect(201)
      ).body.id;
      await call('patch', `/workflows/${id}`, agency.tokens.manager, {
        triggers: [{ type: 'stage_change', config: { toStage: 'active' } }],
      }).expect(200);
      await api.dataSource.query(`UPDATE agencies SET pipeline_stages = $1::jsonb WHERE id = $2`, [
        JSON.stringify(['lead', 'active']),
        agency.agencyId,
      ]);
      const refused = await call('post', `/workflows/${id}/versions/1/restore`, agency.tokens.manager).expect(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ path: 'triggers[0].config.toStage' })]);
      expect((await versionsOf(id, agency.tokens.viewer)).map((v) => v.version)).toEqual([2, 1]);
    });

    it('is for managers and admins: a viewer gets 403 and nothing changes', async () => {
      const id = await threeVersions();
      const forbidden = await call('post', `/workflows/${id}/versions/1/restore`, alpha.tokens.viewer).expect(403);
      expect(forbidden.body.message).toBe('This operation requires the manager role; you are viewer');
      expect((await versionsOf(id)).map((v) => v.version)).toEqual([3, 2, 1]);
    });

    it("answers 404 for another agency's workflow, a version that does not exist and a deleted workflow", async () => {
      const id = await threeVersions();
      await call('post', `/workflows/${id}/versions/1/restore`, beta.tokens.admin).expect(404);
      await call('post', `/workflows/${id}/versions/1/restore`, beta.apiKey).expect(404);
      const missing = await call('post', `/workflows/${id}/versions/99/restore`, alpha.tokens.manager).expect(404);
      expect(missing.body.message).toMatch(/Workflow version/);
      expect((await versionsOf(id)).map((v) => v.version)).toEqual([3, 2, 1]);

      const gone = (await call('post', '/workflows', alpha.tokens.manager, minimalWorkflow('Gone')).expect(201)).body
        .id;
      await call('patch', `/workflows/${gone}`, alpha.tokens.manager, { name: 'Gone v2' }).expect(200);
      await call('delete', `/workflows/${gone}`, alpha.tokens.manager).expect(204);
      await call('post', `/workflows/${gone}/versions/1/restore`, alpha.tokens.manager).expect(404);
    });

    it('refuses bad parameters and unknown body fields with a 400 naming the field', async () => {
      const id = await threeVersions();
      for (const bad of ['0', 'abc', '-1', '1.5', '99999999999']) {
        const response = await call('post', `/workflows/${id}/versions/${bad}/restore`, alpha.tokens.manager).expect(
          400,
        );
        expect(response.body.details).toEqual([expect.objectContaining({ path: 'version' })]);
      }
      const badId = await call('post', '/workflows/nope/versions/1/restore', alpha.tokens.manager).expect(400);
      expect(badId.body.details).toEqual([{ path: 'id', message: 'must be a UUID' }]);
      const unknown = await call('post', `/workflows/${id}/versions/1/restore`, alpha.tokens.manager, {
        version: 1,
      }).expect(400);
      expect(unknown.body.details).toEqual([expect.objectContaining({ path: 'version' })]);
      const wrongType = await call('post', `/workflows/${id}/versions/1/restore`, alpha.tokens.manager, {
        expectedVersion: 'three',
      }).expect(400);
      expect(wrongType.body.details).toContainEqual({
        path: 'expectedVersion',
        message: 'expectedVersion must be an integer number',
      });
      expect((await versionsOf(id)).map((v) => v.version)).toEqual([3, 2, 1]);
    });
  });

  describe('diff', () => {
    it('lists settings, triggers and steps added, removed and changed, recipients opened, for a viewer', async () => {
      const id = await threeVersions();
      const diff = (await call('get', `/workflows/${id}/versions/1/diff/2`, alpha.tokens.viewer).expect(200)).body;
      expect(diff).toEqual({
        from: 1,
        to: 2,
        settings: {
          changed: [
            { field: 'name', old: 'Onboarding kickoff', new: 'Onboarding kickoff v2' },
            { field: 'requiresApproval', old: false, new: true },
          ],
        },
        triggers: {
          added: [],
          removed: [
            {
              type: 'kpi_threshold',
              index: 1,
              trigger: { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
            },
          ],
          changed: [
            {
              type: 'stage_change',
              fromIndex: 0,
              toIndex: 0,
              changes: [{ path: 'config.toStage', old: 'onboarding', new: 'active' }],
            },
          ],
        },
        steps: {
          added: [
            {
              id: 'extra',
              path: 'steps[1].else[1]',
              step: { id: 'extra', type: 'add_alert', config: { title: 'Onboarding on track', severity: 'info' } },
            },
          ],
          removed: [{ id: 'draft', path: 'steps[2]', step: expect.objectContaining({ type: 'draft_communication' }) }],
          changed: [
            {
              id: 'task',
              type: 'create_task',
              path: 'steps[0]',
              changes: [{ path: 'config.title', old: 'Kickoff call with {{client.name}}', new: 'Kickoff call, v2' }],
            },
            {
              id: 'mail',
              type: 'send_notification',
              path: 'steps[2]',
              changes: [{ path: 'config.recipients', old: [RECIPIENT], new: [RECIPIENT, ADDED_RECIPIENT] }],
            },
          ],
          moved: [],
        },
      });

      // The toggle's version differs only by isActive; a version against itself differs in nothing.
      const toggled = (await call('get', `/workflows/${id}/versions/2/diff/3`, alpha.tokens.viewer).expect(200)).body;
      expect(toggled.settings.changed).toEqual([{ field: 'isActive', old: true, new: false }]);
      expect(toggled.steps).toEqual({ added: [], removed: [], changed: [], moved: [] });
      const same = (await call('get', `/workflows/${id}/versions/3/diff/3`, alpha.tokens.viewer).expect(200)).body;
      expect(same).toEqual({
        from: 3,
        to: 3,
        settings: { changed: [] },
        triggers: { added: [], removed: [], changed: [] },
        steps: { added: [], removed: [], changed: [], moved: [] },
      });
      // Backwards works too: what v1 has that v2 has not is "added".
      const back = (await call('get', `/workflows/${id}/versions/2/diff/1`, alpha.tokens.viewer).expect(200)).body;
      expect(back.steps.added.map((s: { id: string }) => s.id)).toEqual(['draft']);
      expect(back.steps.removed.map((s: { id: string }) => s.id)).toEqual(['extra']);
    });

    it("answers 404 for a version of another workflow, a missing version and another agency's workflow", async () => {
      const id = await threeVersions();
      const other = (await call('post', '/workflows', alpha.tokens.manager, minimalWorkflow('Other')).expect(201)).body
        .id;
      await call('get', `/workflows/${other}/versions/1/diff/2`, alpha.tokens.viewer).expect(404);
      await call('get', `/workflows/${other}/versions/3/diff/1`, alpha.tokens.viewer).expect(404);
      await call('get', `/workflows/${id}/versions/1/diff/99`, alpha.tokens.viewer).expect(404);
      await call('get', `/workflows/${id}/versions/1/diff/2`, beta.tokens.admin).expect(404);
      await call('get', `/workflows/${id}/versions/1/diff/2`, beta.apiKey).expect(404);
    });

    it('refuses bad parameters with a 400 naming the parameter', async () => {
      const id = await threeVersions();
      const from = await call('get', `/workflows/${id}/versions/x/diff/2`, alpha.tokens.viewer).expect(400);
      expect(from.body.details).toEqual([expect.objectContaining({ path: 'from' })]);
      const to = await call('get', `/workflows/${id}/versions/1/diff/0`, alpha.tokens.viewer).expect(400);
      expect(to.body.details).toEqual([expect.objectContaining({ path: 'to' })]);
    });
  });

  it('publishes both routes in the OpenAPI document', async () => {
    const spec = (await api.http().get('/api/openapi.json').expect(200)).body;
    const restore = spec.paths['/api/v1/workflows/{id}/versions/{version}/restore'].post;
    expect(restore.responses['201']).toBeDefined();
    expect(restore.responses['409']).toBeDefined();
    const diff = spec.paths['/api/v1/workflows/{id}/versions/{from}/diff/{to}'].get;
    expect(diff.responses['200'].content['application/json'].schema.$ref).toBe(
      '#/components/schemas/WorkflowVersionDiffDto',
    );
    expect(spec.components.schemas.StepDiffDto.properties.moved).toBeDefined();
  });
});
