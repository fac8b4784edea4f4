import { PORTABLE_WORKFLOW_FORMAT } from '@automations/domain';
import { apiCaller } from './support/api-caller';
import { startTestApiWithTwoAgencies, TestAgency, TestApi } from './support/test-api';
import { minimalWorkflow, onboardingWorkflow } from './support/workflow-fixtures';

const CHANNEL = 'C0PORTABLE';
const ADDRESS = 'ops@portable-agency.test';

/** The definition fields an automation is made of (what must survive a round trip). */
const definitionOf = (workflow: Record<string, unknown>) => ({
  name: workflow.name,
  description: workflow.description,
  requiresApproval: workflow.requiresApproval,
  triggers: workflow.triggers,
  steps: workflow.steps,
});

describe('exporting and importing workflows as files', () => {
  let api: TestApi;
  let agency: TestAgency;
  let other: TestAgency;

  beforeAll(async () => {
    ({
      api,
      alpha: agency,
      beta: other,
    } = await startTestApiWithTwoAgencies(['Portable Agency', 'Other Portable Agency']));
  });
  afterAll(() => api.close());

  const call = apiCaller(() => api);

  /** An automation with the agency's own values: a user as assignee, a Slack channel, an address in a list and in a text. */
  async function agencyWorkflow(): Promise<Record<string, unknown>> {
    const body = {
      name: 'Escalate urgent tickets',
      description: 'Urgent tickets reach the on-call person',
      isActive: true,
      requiresApproval: false,
      triggers: [{ type: 'ticket_created', config: { priority: 'urgent' } }],
      steps: [
        {
          id: 'task',
          type: 'create_task',
          config: {
            title: 'Handle the urgent ticket of {{client.name}}',
            priority: 'high',
            assignee: agency.userIds.manager,
          },
        },
        {
          id: 'slack',
          type: 'send_notification',
          config: { channel: 'slack', recipients: [CHANNEL], message: 'Urgent ticket for {{client.name}}' },
        },
        {
          id: 'mail',
          type: 'send_notification',
          config: { channel: 'email', recipients: [ADDRESS], message: `Reply-to ${ADDRESS} for {{client.name}}` },
        },
      ],
    };
    return (await call('post', '/workflows', agency.tokens.manager, body).expect(201)).body;
  }

  it('exports a versioned document with the agency’s values as placeholders, and nothing else of the agency', async () => {
    const workflow = await agencyWorkflow();
    const response = await call('get', `/workflows/${workflow.id}/export`, agency.tokens.viewer).expect(200);
    expect(response.body).toMatchObject({
      format: PORTABLE_WORKFLOW_FORMAT,
      exportedAt: expect.any(String),
      definition: { name: 'Escalate urgent tickets' },
    });
    expect(Date.parse(response.body.exportedAt)).not.toBeNaN();
    expect(response.body.definition).not.toHaveProperty('isActive');
    expect(response.body.placeholders.map((placeholder: { key: string }) => placeholder.key).sort()).toEqual([
      'emailRecipients',
      'slackRecipients',
      'taskAssignee',
      'text',
    ]);
    for (const specific of [agency.agencyId, agency.userIds.manager, CHANNEL, ADDRESS, String(workflow.id)]) {
      expect([specific, response.text.includes(specific)]).toEqual([specific, false]);
    }
    const audit = (await call('get', '/audit?eventType=workflow.exported', agency.tokens.admin).expect(200)).body.items;
    expect(audit[0]).toMatchObject({ workflowId: workflow.id, details: { placeholders: 4 } });
  });

  it('round trip: export → import with the original values gives an equal definition, as a new inactive automation', async () => {
    const workflow = await agencyWorkflow();
    const document = (await call('get', `/workflows/${workflow.id}/export`, agency.tokens.viewer).expect(200)).body;
    const steps = workflow.steps as { config: Record<string, unknown> }[];
    const values = {
      taskAssignee: agency.userIds.manager,
      slackRecipients: [CHANNEL],
      emailRecipients: [ADDRESS],
      text: steps[2].config.message,
    };

    const imported = await call('post', '/workflows/import', agency.tokens.admin, { document, values }).expect(201);
    expect(imported.body.id).not.toBe(workflow.id);
    expect(imported.body).toMatchObject({
      isActive: false,
      version: 1,
      warnings: [],
      createdBy: { type: 'user', id: agency.userIds.admin },
    });
    expect(definitionOf(imported.body)).toEqual(definitionOf(workflow));
    const stored = (await call('get', `/workflows/${imported.body.id}`, agency.tokens.viewer).expect(200)).body;
    expect(definitionOf(stored)).toEqual(definitionOf(workflow));
    const audit = (await call('get', '/audit?eventType=workflow.imported', agency.tokens.admin).expect(200)).body.items;
    expect(audit[0]).toMatchObject({ workflowId: imported.body.id, details: { format: PORTABLE_WORKFLOW_FORMAT } });
  });

  it('round trip of an automation without agency-specific values needs no values; a name can be given', async () => {
    const workflow = (
      await call(
        'post',
        '/workflows',
        agency.tokens.manager,
        onboardingWorkflow({ steps: (onboardingWorkflow().steps as unknown[]).slice(0, 1) }),
      ).expect(201)
    ).body;
    const document = (await call('get', `/workflows/${workflow.id}/export`, agency.tokens.viewer).expect(200)).body;
    expect(document.placeholders).toEqual([]);
    const same = await call('post', '/workflows/import', agency.tokens.admin, { document }).expect(201);
    expect(definitionOf(same.body)).toEqual(definitionOf(workflow));
    const renamed = await call('post', '/workflows/import', agency.tokens.admin, {
      document,
      name: 'Imported kickoff',
    }).expect(201);
    expect(renamed.body).toMatchObject({ name: 'Imported kickoff', isActive: false, steps: workflow.steps });
  });

  it('imports a document into another agency with that agency’s own values', async () => {
    const workflow = await agencyWorkflow();
    const document = (await call('get', `/workflows/${workflow.id}/export`, agency.tokens.viewer).expect(200)).body;
    const values = {
      taskAssignee: other.userIds.viewer,
      slackRecipients: ['C0OTHER001'],
      emailRecipients: ['desk@other.test'],
      text: 'Reply for {{client.name}}',
    };
    const imported = await call('post', '/workflows/import', other.tokens.admin, { document, values }).expect(201);
    expect(imported.body.steps[0].config.assignee).toBe(other.userIds.viewer);
    const foreign = await call('post', '/workflows/import', other.tokens.admin, {
      document,
      values: { ...values, taskAssignee: agency.userIds.manager },
    }).expect(400);
    expect(foreign.body.details[0].message).toContain(agency.userIds.manager);
  });

  /** [what, body, field path the 400 must name] */
  const rows: [string, (document: Record<string, unknown>) => object, string][] = [
    [
      'a document of another format version',
      (document) => ({ document: { ...document, format: 'automations.workflow/v2' } }),
      'document.format',
    ],
    [
      'a document without a format',
      (document) => ({ document: { ...document, format: undefined } }),
      'document.format',
    ],
    ['a document that is not an object', () => ({ document: 'automations.workflow/v1' }), 'document'],
    ['no document', () => ({ values: {} }), 'document'],
    [
      'an unknown document field',
      (document) => ({ document: { ...document, agencyId: agency.agencyId } }),
      'document.agencyId',
    ],
    [
      'an invalid definition in the document',
      (document) => ({ document: { ...document, definition: { ...(document.definition as object), steps: [] } } }),
      'document.definition.steps',
    ],
    [
      'duplicate placeholder keys in the document',
      (document) => ({
        document: {
          ...document,
          placeholders: [...(document.placeholders as object[]), (document.placeholders as object[])[0]],
        },
      }),
      'document.placeholders[4].key',
    ],
    ['missing values', (document) => ({ document }), 'values.taskAssignee'],
    ['a value of the wrong type', (document) => ({ document, values: { taskAssignee: 42 } }), 'values.taskAssignee'],
    [
      'an unknown placeholder in values',
      (document) => ({ document, values: { somethingElse: 'x' } }),
      'values.somethingElse',
    ],
    ['values that are not an object', (document) => ({ document, values: 'all of them' }), 'values'],
    ['an unknown field', (document) => ({ document, activate: true }), 'activate'],
  ];

  it.each(rows)('refuses %s with a 400 naming the field, and creates nothing', async (_what, body, field) => {
    const workflow = await agencyWorkflow();
    const document = (await call('get', `/workflows/${workflow.id}/export`, agency.tokens.viewer).expect(200)).body;
    const before = (await call('get', '/workflows', agency.tokens.viewer).expect(200)).body.total;
    const response = await call('post', '/workflows/import', agency.tokens.admin, body(document)).expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(field);
    expect((await call('get', '/workflows', agency.tokens.viewer).expect(200)).body.total).toBe(before);
  });

  it('lets viewers export and only admins import; another agency’s workflow is a 404 and a malformed id a 400', async () => {
    const workflow = (
      await call('post', '/workflows', agency.tokens.manager, minimalWorkflow('Roles portable')).expect(201)
    ).body;
    const document = (await call('get', `/workflows/${workflow.id}/export`, agency.tokens.viewer).expect(200)).body;
    for (const token of [agency.tokens.viewer, agency.tokens.manager]) {
      const refused = await call('post', '/workflows/import', token, { document }).expect(403);
      expect(refused.body.message).toMatch(/requires the admin role/);
    }
    await call('post', '/workflows/import', agency.apiKey, { document }).expect(201);
    await call('get', `/workflows/${workflow.id}/export`, other.tokens.admin).expect(404);
    expect((await call('get', '/workflows/not-a-uuid/export', agency.tokens.viewer).expect(400)).body.details).toEqual([
      { path: 'id', message: 'must be a UUID' },
    ]);
    await call('delete', `/workflows/${workflow.id}`, agency.tokens.manager).expect(204);
    await call('get', `/workflows/${workflow.id}/export`, agency.tokens.viewer).expect(404);
  });
});
