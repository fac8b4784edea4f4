import Redis from 'ioredis';
import {
  startOpenAiServer,
  startSlackApiServer,
  startSmtpSink,
  type OpenAiServer,
  type SlackApiServer,
  type SmtpSink,
} from '@automations/testing';
import { createClient } from './support/client.fixture';
import { bearer, startTestApi, TestAgency, TestApi } from './support/test-api';

/** Tables a run (or anything it triggers) writes: a preview must change none of them. */
const WATCHED_TABLES = [
  'workflow_runs',
  'run_steps',
  'events',
  'tasks',
  'tickets',
  'alerts',
  'communication_drafts',
  'notifications',
  'approvals',
  'audit_events',
  'workflow_versions',
  'workflows',
  'clients',
  'client_metrics',
];

const CLIENT_NAME = 'Acme & <Partners>';

/** Branch on health, a delayed Slack ping, a conditional step, an email, an approval-gated draft. */
const onboarding = () => ({
  name: 'Onboarding kickoff',
  triggers: [
    { type: 'stage_change', config: { toStage: 'onboarding' } },
    { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
  ],
  steps: [
    {
      id: 'task',
      type: 'create_task',
      config: {
        title: 'Kickoff call with {{client.name}}',
        priority: 'high',
        dueInDays: 2,
        assignee: 'client_assignee',
      },
    },
    {
      id: 'health',
      type: 'branch',
      condition: { all: [{ field: 'client.health', operator: 'equals', value: 'red' }] },
      then: [
        { id: 'alert', type: 'add_alert', config: { title: '{{client.name}} starts at risk', severity: 'critical' } },
      ],
      else: [
        {
          id: 'ping',
          type: 'send_notification',
          delayMinutes: 60,
          config: {
            channel: 'slack',
            recipients: ['C0123ABC'],
            message: '{{client.name}} onboarding started by {{client.assignee.name}}',
          },
        },
      ],
    },
    {
      id: 'vip',
      type: 'add_alert',
      condition: { all: [{ field: 'metrics.roas', operator: 'greater_than', value: 5 }] },
      config: { title: 'VIP: {{client.name}}', severity: 'info' },
    },
    {
      id: 'mail',
      type: 'send_notification',
      config: {
        channel: 'email',
        recipients: ['ops@agency.test'],
        subject: 'Welcome {{client.name}}',
        message: '{{client.name}} is now {{client.stage}}',
      },
    },
    {
      id: 'draft',
      type: 'draft_communication',
      requiresApproval: true,
      config: { platform: 'email', tone: 'friendly', template: 'Welcome {{client.name}} and propose a kickoff call' },
    },
  ],
});

const toOnboarding = { type: 'client.stage_changed', data: { fromStage: 'lead', toStage: 'onboarding' } };

describe('test mode: workflow previews (e2e)', () => {
  let slack: SlackApiServer;
  let smtp: SmtpSink;
  let openai: OpenAiServer;
  let api: TestApi;
  let redis: Redis;
  let alpha: TestAgency;
  let beta: TestAgency;
  let workflowId: string;
  let greenClientId: string;
  let redClientId: string;
  let highRoasClientId: string;
  let betaClientId: string;

  const post = (path: string, token: string, body?: object) => {
    const request = api.http().post(`/api/v1${path}`).set(bearer(token));
    return body === undefined ? request : request.send(body);
  };
  const previewSaved = (body: object, token = alpha.tokens.manager, id = workflowId) =>
    post(`/workflows/${id}/test`, token, body);
  const previewDefinition = (body: object, token = alpha.tokens.manager) => post('/workflows/test', token, body);
  const stepsById = (body: { steps: { stepId: string }[] }) =>
    Object.fromEntries(body.steps.map((step) => [step.stepId, step])) as Record<string, any>;

  /** Row count and a content hash of every table (updates included), plus the exact counts of the watched ones. */
  async function databaseFingerprint(): Promise<Record<string, { n: number; h: string }>> {
    const tables: { tablename: string }[] = await api.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const fingerprint: Record<string, { n: number; h: string }> = {};
    for (const { tablename } of tables) {
      const [row] = await api.dataSource.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${tablename}" t`,
      );
      fingerprint[tablename] = row;
    }
    return fingerprint;
  }
  const queueKeys = async () => (await redis.keys(`${api.config.queuePrefix}:*`)).sort();
  const externalCalls = () => ({
    slack: slack.calls.length,
    smtp: smtp.messages.length,
    openai: openai.requests.length,
  });

  beforeAll(async () => {
    [slack, smtp, openai] = await Promise.all([startSlackApiServer(), startSmtpSink(), startOpenAiServer()]);
    api = await startTestApi({
      SLACK_API_URL: slack.url,
      SMTP_URL: smtp.url,
      OPENAI_BASE_URL: openai.baseUrl,
      OPENAI_API_KEY: 'sk-x',
    });
    redis = new Redis(api.config.redisUrl, { maxRetriesPerRequest: 2 });
    alpha = await api.createAgency('Alpha Preview');
    beta = await api.createAgency('Beta Preview');
    // Connected integrations: were anything to send, it would reach the local servers.
    await api
      .http()
      .put('/api/v1/integrations/slack')
      .set(bearer(alpha.tokens.admin))
      .send({ botToken: 'xoxb-preview-test-token' })
      .expect(200);
    await api
      .http()
      .put('/api/v1/integrations/email')
      .set(bearer(alpha.tokens.admin))
      .send({ fromAddress: 'automations@alpha.test', smtpUrl: smtp.url })
      .expect(200);

    workflowId = (await post('/workflows', alpha.tokens.manager, onboarding()).expect(201)).body.id;
    const assigneeId = alpha.userIds.manager;
    greenClientId = (
      await createClient(api, alpha.tokens.manager, { name: CLIENT_NAME, stage: 'lead', health: 'green', assigneeId })
    ).id;
    redClientId = (
      await createClient(api, alpha.tokens.manager, { name: 'Redwood', stage: 'lead', health: 'red', assigneeId })
    ).id;
    highRoasClientId = (
      await createClient(api, alpha.tokens.manager, { name: 'Highflyer', stage: 'lead', health: 'green' })
    ).id;
    betaClientId = (await createClient(api, beta.tokens.manager, { name: 'Beta client' })).id;
    for (const [clientId, value] of [
      [greenClientId, 1.5],
      [redClientId, 1.2],
      [highRoasClientId, 2.4],
    ] as const) {
      await post(`/clients/${clientId}/metrics`, alpha.tokens.manager, { metric: 'roas', value }).expect(201);
    }
  });
  afterAll(async () => {
    redis?.disconnect();
    await api?.close();
    await Promise.all([slack?.close(), smtp?.close(), openai?.close()]);
  });

  describe('a saved workflow for a client of the agency', () => {
    it('shows the trigger decision and, per step, the outcome, the rendered config and what it would do', async () => {
      const { body } = await previewSaved({ clientId: greenClientId, event: toOnboarding }).expect(200);

      expect(body.workflow).toEqual({ id: workflowId, name: 'Onboarding kickoff', version: 1 });
      expect(body.client).toEqual({
        id: greenClientId,
        name: CLIENT_NAME,
        stage: 'onboarding',
        health: 'green',
        sample: false,
      });
      expect(body.trigger).toEqual({
        fired: true,
        basis: 'event',
        triggerType: 'stage_change',
        partner: { type: 'kpi_threshold', holds: true },
      });
      expect(body.warnings).toEqual([]);
      expect(body.steps.map((step: { stepId: string; outcome: string }) => [step.stepId, step.outcome])).toEqual([
        ['task', 'execute'],
        ['health', 'branch'],
        ['ping', 'wait'],
        ['vip', 'skipped'],
        ['mail', 'execute'],
        ['draft', 'await_approval'],
      ]);

      const steps = stepsById(body);
      expect(steps.task).toEqual({
        stepId: 'task',
        type: 'create_task',
        path: 'steps[0]',
        outcome: 'execute',
        awaitsApproval: false,
        renderedConfig: {
          title: `Kickoff call with ${CLIENT_NAME}`,
          priority: 'high',
          dueInDays: 2,
          assignee: 'client_assignee',
        },
        wouldDo: `Create a high-priority task “Kickoff call with ${CLIENT_NAME}” due in 2 days assigned to Mia Manager`,
      });
      expect(steps.health).toEqual({
        stepId: 'health',
        type: 'branch',
        path: 'steps[1]',
        outcome: 'branch',
        branch: 'else',
        reason: 'client.health equals "red": no (is "green")',
        wouldDo: 'Take the “else” path (1 step)',
      });
      expect(steps.ping).toEqual({
        stepId: 'ping',
        type: 'send_notification',
        path: 'steps[1].else[0]',
        outcome: 'wait',
        waitMinutes: 60,
        awaitsApproval: false,
        // Substituted values are escaped for Slack (& < >); the template's own text is not.
        renderedConfig: {
          channel: 'slack',
          recipients: ['C0123ABC'],
          message: 'Acme &amp; &lt;Partners&gt; onboarding started by Mia Manager',
        },
        wouldDo: `Wait 60 minutes, then send a Slack message to C0123ABC: “${CLIENT_NAME} onboarding started by Mia Manager”`,
      });
      expect(steps.vip).toEqual({
        stepId: 'vip',
        type: 'add_alert',
        path: 'steps[2]',
        outcome: 'skipped',
        reason: 'metrics.roas greater than 5: no (is 1.5)',
        wouldDo: 'Skip this step: its condition is not met (metrics.roas greater than 5: no (is 1.5))',
      });
      expect(steps.mail).toMatchObject({
        outcome: 'execute',
        renderedConfig: {
          channel: 'email',
          recipients: ['ops@agency.test'],
          subject: `Welcome ${CLIENT_NAME}`,
          message: 'Acme &amp; &lt;Partners&gt; is now onboarding',
          text: `${CLIENT_NAME} is now onboarding`,
        },
        wouldDo: `Send an email “Welcome ${CLIENT_NAME}” to ops@agency.test`,
      });
      expect(steps.draft).toMatchObject({
        outcome: 'await_approval',
        awaitsApproval: true,
        renderedConfig: {
          platform: 'email',
          tone: 'friendly',
          template: `Welcome ${CLIENT_NAME} and propose a kickoff call`,
        },
        wouldDo: `Await an admin’s approval, then draft a friendly email to ${CLIENT_NAME} for human review (drafts are never sent automatically)`,
        draftPreview: { generator: 'template' },
      });
      expect(steps.draft.draftPreview.content).toBe(
        [
          `Hi ${CLIENT_NAME},`,
          'I hope you are doing well!',
          `Welcome ${CLIENT_NAME} and propose a kickoff call`,
          'Cheers,\nMia Manager\nAlpha Preview',
        ].join('\n\n'),
      );
    });

    it('takes the branch the client’s health calls for', async () => {
      const { body } = await previewSaved({ clientId: redClientId, event: toOnboarding }).expect(200);
      expect(body.steps.map((step: { stepId: string }) => step.stepId)).toEqual([
        'task',
        'health',
        'alert',
        'vip',
        'mail',
        'draft',
      ]);
      expect(stepsById(body).alert).toMatchObject({
        path: 'steps[1].then[0]',
        outcome: 'execute',
        renderedConfig: { title: 'Redwood starts at risk', severity: 'critical' },
        wouldDo: 'Raise a critical alert “Redwood starts at risk”',
      });
      expect(stepsById(body).health).toMatchObject({
        branch: 'then',
        reason: 'client.health equals "red": yes (is "red")',
      });
    });

    it('says why an event does not fire, and why a partner does not hold', async () => {
      const wrongStage = (
        await previewSaved({
          clientId: greenClientId,
          event: { type: 'client.stage_changed', data: { toStage: 'active' } },
        }).expect(200)
      ).body;
      expect(wrongStage.trigger).toEqual({
        fired: false,
        basis: 'event',
        triggerType: 'stage_change',
        reason: 'client moved to "active", not "onboarding"',
      });
      expect(wrongStage.warnings).toEqual([
        {
          code: 'trigger_not_fired',
          message:
            'The workflow would not start (client moved to "active", not "onboarding"); the steps show what a run would do if it did',
        },
      ]);
      expect(wrongStage.steps).toHaveLength(6);

      const partnerFails = (await previewSaved({ clientId: highRoasClientId, event: toOnboarding }).expect(200)).body;
      expect(partnerFails.trigger).toEqual({
        fired: false,
        basis: 'event',
        triggerType: 'stage_change',
        reason: 'partner kpi_threshold: roas is 2.4, not below 2',
        partner: { type: 'kpi_threshold', holds: false, reason: 'partner kpi_threshold: roas is 2.4, not below 2' },
      });

      const noCrossing = (
        await previewSaved({
          clientId: greenClientId,
          event: { type: 'kpi.updated', data: { metric: 'roas', value: 1.1 } },
        }).expect(200)
      ).body;
      expect(noCrossing.trigger).toMatchObject({
        fired: false,
        triggerType: 'kpi_threshold',
        reason: 'roas was already below 2 (1.5): no crossing',
      });

      const noEvent = (await previewSaved({ clientId: greenClientId }).expect(200)).body;
      expect(noEvent.trigger).toEqual({
        fired: false,
        basis: 'state',
        triggerType: 'stage_change',
        reason: 'stage_change: client is in "lead", not "onboarding"',
        partner: { type: 'kpi_threshold', holds: true },
      });
    });
  });

  it('previews an unsaved definition with an inline sample client', async () => {
    const definition = { ...onboarding(), name: 'Draft of a workflow', requiresApproval: true };
    const { body } = await previewDefinition({
      definition,
      client: {
        name: 'Sample & Co',
        stage: 'onboarding',
        health: 'yellow',
        assignee: { name: 'Sam Sample', email: 'sam@sample.test' },
        metrics: { roas: 9 },
      },
    }).expect(200);
    expect(body.workflow).toEqual({ id: null, name: 'Draft of a workflow', version: null });
    expect(body.client).toEqual({ id: null, name: 'Sample & Co', stage: 'onboarding', health: 'yellow', sample: true });
    // No event: the state forms. roas 9 is not below 2.
    expect(body.trigger).toEqual({
      fired: false,
      basis: 'state',
      triggerType: 'stage_change',
      reason: 'partner kpi_threshold: roas is 9, not below 2',
      partner: { type: 'kpi_threshold', holds: false, reason: 'partner kpi_threshold: roas is 9, not below 2' },
    });
    const steps = stepsById(body);
    expect(body.steps.map((step: { stepId: string; outcome: string }) => [step.stepId, step.outcome])).toEqual([
      ['task', 'await_approval'],
      ['health', 'branch'],
      ['ping', 'wait'],
      ['vip', 'await_approval'],
      ['mail', 'await_approval'],
      ['draft', 'await_approval'],
    ]);
    expect(steps.ping).toMatchObject({
      waitMinutes: 60,
      awaitsApproval: true,
      renderedConfig: { message: 'Sample &amp; Co onboarding started by Sam Sample' },
    });
    expect(steps.vip).toMatchObject({
      renderedConfig: { title: 'VIP: Sample & Co', severity: 'info' },
      wouldDo: 'Await an admin’s approval, then raise an info alert “VIP: Sample & Co”',
    });
    expect(steps.draft.draftPreview).toEqual({
      generator: 'template',
      content: expect.stringContaining('Cheers,\nSam Sample\nAlpha Preview'),
    });

    // A real client works for unsaved definitions too.
    const forClient = (await previewDefinition({ definition, clientId: redClientId, event: toOnboarding }).expect(200))
      .body;
    expect(forClient.trigger.fired).toBe(true);
    expect(stepsById(forClient).health.branch).toBe('then');
  });

  describe('no side effects', () => {
    it('writes nothing, enqueues nothing and calls no Slack, SMTP or OpenAI server', async () => {
      const before = await databaseFingerprint();
      expect(Object.keys(before)).toEqual(expect.arrayContaining(WATCHED_TABLES));
      const keysBefore = await queueKeys();
      slack.reset();
      smtp.reset();
      openai.reset();

      await previewSaved({ clientId: greenClientId, event: toOnboarding }).expect(200);
      await previewSaved({ clientId: redClientId, event: toOnboarding }).expect(200);
      await previewSaved({
        client: { name: 'Sample', stage: 'lead', health: 'green' },
        event: { type: 'ticket.created', data: { category: 'billing', priority: 'high' } },
      }).expect(200);
      await previewSaved({
        clientId: greenClientId,
        event: { type: 'kpi.updated', data: { metric: 'roas', value: 0.5 } },
      }).expect(200);
      await previewSaved({
        clientId: greenClientId,
        event: { type: 'message.received', data: { platform: 'slack', from: 'someone', body: 'hello' } },
      }).expect(200);
      await previewSaved({ clientId: greenClientId, useAi: false }).expect(200);
      await previewDefinition({
        definition: {
          name: 'Everything',
          triggers: [{ type: 'ticket_created', config: {} }],
          steps: [
            { id: 'move', type: 'update_client', config: { stage: 'active', health: 'red' } },
            {
              id: 'ticket',
              type: 'create_ticket',
              config: { title: 'Audit {{client.name}}', priority: 'low', category: 'billing' },
            },
            { id: 'task', type: 'create_task', config: { title: 'Call', priority: 'urgent' } },
            {
              id: 'slack',
              type: 'send_notification',
              config: { channel: 'slack', recipients: ['C0123ABC'], message: 'hi' },
            },
            {
              id: 'mail',
              type: 'send_notification',
              config: { channel: 'email', recipients: [alpha.userIds.admin], message: 'hi' },
            },
            {
              id: 'draft',
              type: 'draft_communication',
              config: { platform: 'slack', tone: 'casual', template: 'Hey' },
            },
          ],
        },
        clientId: greenClientId,
        event: { type: 'ticket.created', data: { category: 'billing', priority: 'low' } },
      })
        .expect(200)
        .expect(({ body }) => {
          expect(body.trigger.fired).toBe(true);
          expect(body.steps.map((step: { outcome: string }) => step.outcome)).toEqual([
            'execute',
            'execute',
            'execute',
            'execute',
            'execute',
            'execute',
          ]);
          expect(body.steps[0].wouldDo).toBe(
            'Update the client: stage “lead” → “active” and health green → red (emits client.stage_changed)',
          );
          expect(body.warnings.map((warning: { code: string }) => warning.code)).toEqual(['emits_events']);
        });

      // Give anything that might have been fired off a moment to land.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await databaseFingerprint()).toEqual(before);
      expect(await queueKeys()).toEqual(keysBefore);
      expect(externalCalls()).toEqual({ slack: 0, smtp: 0, openai: 0 });
    });

    it('drafts with the AI provider only when asked (useAi), and still writes nothing', async () => {
      const before = await databaseFingerprint();
      openai.reset();
      const { body } = await previewSaved({ clientId: greenClientId, event: toOnboarding, useAi: true }).expect(200);
      expect(stepsById(body).draft.draftPreview).toEqual({
        generator: 'openai',
        model: 'gpt-4o-mini',
        content: expect.stringMatching(/^Draft for /),
      });
      expect(openai.requests).toHaveLength(1);
      // The client's data goes to the model as data, the instructions raw.
      expect(JSON.stringify(openai.requests[0].body.messages)).toContain(
        'Welcome {{client.name}} and propose a kickoff call',
      );
      expect(await databaseFingerprint()).toEqual(before);
      expect({ slack: slack.calls.length, smtp: smtp.messages.length }).toEqual({ slack: 0, smtp: 0 });

      // No draft step: no model call at all.
      openai.reset();
      await previewDefinition({
        definition: {
          name: 'No draft',
          triggers: [{ type: 'stage_change', config: { toStage: 'x' } }],
          steps: [{ type: 'add_alert', config: { title: 'x', severity: 'info' } }],
        },
        clientId: greenClientId,
        useAi: true,
      }).expect(200);
      expect(openai.requests).toHaveLength(0);
    });
  });

  describe('access', () => {
    it('needs the manager role', async () => {
      await previewSaved({ clientId: greenClientId }, alpha.tokens.viewer).expect(403);
      await previewDefinition({ definition: onboarding(), clientId: greenClientId }, alpha.tokens.viewer).expect(403);
      await previewSaved({ clientId: greenClientId }, alpha.tokens.admin).expect(200);
      await api.http().post(`/api/v1/workflows/${workflowId}/test`).send({ clientId: greenClientId }).expect(401);
    });

    it('answers 404 for another agency’s workflow or client, and for unknown or deleted workflows', async () => {
      expect((await previewSaved({ clientId: betaClientId }, beta.tokens.manager).expect(404)).body).toMatchObject({
        statusCode: 404,
        message: 'Workflow not found',
      });
      expect((await previewSaved({ clientId: betaClientId }).expect(404)).body.message).toBe('Client not found');
      expect(
        (await previewDefinition({ definition: onboarding(), clientId: betaClientId }).expect(404)).body.message,
      ).toBe('Client not found');
      await previewSaved(
        { clientId: greenClientId },
        alpha.tokens.manager,
        '00000000-0000-4000-8000-000000000000',
      ).expect(404);
      const doomed = (await post('/workflows', alpha.tokens.manager, { ...onboarding(), name: 'Doomed' }).expect(201))
        .body.id;
      await api.http().delete(`/api/v1/workflows/${doomed}`).set(bearer(alpha.tokens.manager)).expect(204);
      await previewSaved({ clientId: greenClientId }, alpha.tokens.manager, doomed).expect(404);
    });
  });

  describe('bad bodies', () => {
    /** The distinct field paths of a 400. */
    const details = async (request: ReturnType<typeof previewSaved>): Promise<string[]> => [
      ...new Set<string>((await request.expect(400)).body.details.map((detail: { path: string }) => detail.path)),
    ];

    it('needs exactly one of clientId and client', async () => {
      expect((await previewSaved({}).expect(400)).body).toMatchObject({
        statusCode: 400,
        details: [
          {
            path: 'clientId',
            message: 'is required: give clientId (a client of your agency) or client (an inline sample client)',
          },
        ],
      });
      expect(
        (
          await previewSaved({ clientId: greenClientId, client: { name: 'x', stage: 'lead', health: 'green' } }).expect(
            400,
          )
        ).body.details,
      ).toEqual([{ path: 'client', message: 'give either clientId or client, not both' }]);
      expect(await details(previewDefinition({ definition: onboarding() }))).toEqual(['clientId']);
    });

    it('names every bad field, unknown fields included', async () => {
      expect(await details(previewSaved({ clientId: 'nope' }))).toEqual(['clientId']);
      expect(await details(previewSaved({ clientId: greenClientId, extra: true }))).toEqual(['extra']);
      expect(await details(previewSaved({ clientId: greenClientId, useAi: 'yes' }))).toEqual(['useAi']);
      expect(
        await details(
          previewSaved({ client: { name: 'x', stage: 'lead', health: 'purple', metrics: { ROAS: 1 }, mood: 'happy' } }),
        ),
      ).toEqual(expect.arrayContaining(['client.health', 'client.metrics', 'client.mood']));
      expect(
        await details(previewSaved({ client: { name: 'x', stage: 'lead', health: 'green', assignee: { name: 'A' } } })),
      ).toEqual(['client.assignee.email']);
      expect(
        await details(previewSaved({ clientId: greenClientId, event: { type: 'client.exploded', data: {} } })),
      ).toEqual(['event.type']);
      expect(
        await details(
          previewSaved({
            clientId: greenClientId,
            event: { type: 'kpi.updated', data: { metric: 'roas', value: 'high', previousValue: 3 } },
          }),
        ),
      ).toEqual(expect.arrayContaining(['event.data.value', 'event.data.previousValue']));
      expect(await details(previewSaved({ clientId: greenClientId, client: null }))).toEqual(['client']);
      expect(
        (await post('/workflows/not-a-uuid/test', alpha.tokens.manager, { clientId: greenClientId }).expect(400)).body
          .details,
      ).toEqual([{ path: 'id', message: 'must be a UUID' }]);
    });

    it('validates an unsaved definition as on save, under definition.', async () => {
      expect(await details(previewDefinition({ clientId: greenClientId }))).toEqual(['definition']);
      const broken = onboarding();
      (broken.steps[0] as { config: Record<string, unknown> }).config.priority = 'whenever';
      (broken.triggers[0] as { config: Record<string, unknown> }).config = {};
      const paths = await details(
        previewDefinition({
          definition: { ...broken, colour: 'blue' },
          client: { name: 'x', stage: 'lead', health: 'green' },
        }),
      );
      expect(paths).toEqual(
        expect.arrayContaining([
          'definition.colour',
          'definition.triggers[0].config.toStage',
          'definition.steps[0].config.priority',
        ]),
      );
      expect(paths.every((path: string) => path.startsWith('definition'))).toBe(true);
      // Unknown template variables are a 400 at save time, so here too.
      const unknownVariable = {
        ...onboarding(),
        steps: [{ id: 'a', type: 'add_alert', config: { title: '{{client.secret}}', severity: 'info' } }],
      };
      expect(await details(previewDefinition({ definition: unknownVariable, clientId: greenClientId }))).toEqual([
        'definition.steps[0].config.title',
      ]);
      // Both problems at once: the client and the definition.
      expect(await details(previewDefinition({ definition: { name: 'x' } }))).toEqual(
        expect.arrayContaining(['clientId', 'definition.triggers', 'definition.steps']),
      );
      // A user of another agency.
      const foreignUser = {
        ...onboarding(),
        steps: [
          { id: 't', type: 'create_task', config: { title: 'x', priority: 'low', assignee: beta.userIds.manager } },
        ],
      };
      expect(
        (await previewDefinition({ definition: foreignUser, clientId: greenClientId }).expect(400)).body.details,
      ).toEqual([{ path: 'definition.steps', message: `user ${beta.userIds.manager} is not a user of this agency` }]);
    });
  });

  it('publishes both routes in the OpenAPI document', async () => {
    const spec = (await api.http().get('/api/openapi.json').expect(200)).body;
    expect(spec.paths['/api/v1/workflows/test'].post.responses['200']).toBeDefined();
    expect(spec.paths['/api/v1/workflows/{id}/test'].post.responses['200']).toBeDefined();
    expect(spec.components.schemas.WorkflowPreviewDto).toBeDefined();
  });
});
