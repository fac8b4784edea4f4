import {
  BUILTIN_TEMPLATES,
  instantiateTemplate,
  listActionSteps,
  PICKER_KEYWORD,
  type BuiltinTemplate,
  type WorkflowDefinition,
} from '@automations/domain';
import { InactivityScanner, ScheduledTickRunner } from '@automations/engine';
import {
  AlertEntity,
  ClientEntity,
  CommunicationDraftEntity,
  NotificationEntity,
  TaskEntity,
  TicketEntity,
} from '@automations/persistence';
import { eventually, SlackApiServer, SmtpSink, startSlackApiServer, startSmtpSink } from '@automations/testing';
import type { TestAgency } from '../../api/test/support/test-api';
import { engineFixtures } from './support/engine-fixtures';
import { bearer, startTestStack, TestStack } from './support/test-stack';

const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();
/** A channel the local Slack server's default workspace has. */
const SLACK_CHANNEL = 'C0GENERAL';

type Fixtures = ReturnType<typeof engineFixtures>;

/** One template in use: its agency, workflow and client. */
interface Setup {
  agency: TestAgency;
  f: Fixtures;
  workflowId: string;
  clientId: string;
}

/** How a scenario makes its template fire: returns the run(s) it started. */
type Firing =
  | { kind: 'stage'; to: string }
  | { kind: 'metric'; metric: string; from: number; to: number }
  | { kind: 'message'; data: Record<string, unknown> }
  | { kind: 'ticket'; data: Record<string, unknown> }
  | { kind: 'inactivity-scan' }
  | { kind: 'schedule-tick' };

interface Scenario {
  /** The client's state when the event comes (it also satisfies the AND partner). */
  client: { stage: string; health?: 'green' | 'yellow' | 'red'; lastActivityAt?: string };
  fire: Firing;
  /** Ids of the action steps the run performs (the branch taken); every other action step must not run. */
  performs: string[];
  /** The run stops for approval (approved here through the API, as an admin does in the approval queue). */
  approval?: boolean;
  /** Client fields an `update_client` step leaves. */
  clientAfter?: Record<string, unknown>;
}

/** Every built-in template, as an agency would use it: what happens to the client and what the run must do. */
const SCENARIOS: Record<string, Scenario> = {
  'builtin-onboarding-kickoff': {
    client: { stage: 'lead' },
    fire: { kind: 'stage', to: 'onboarding' },
    performs: ['kickoff_call', 'team_heads_up', 'welcome_email'],
    approval: true,
  },
  'builtin-roas-drop-rescue': {
    client: { stage: 'active', health: 'yellow' },
    fire: { kind: 'metric', metric: 'roas', from: 3.2, to: 0.8 },
    performs: ['roas_warning', 'rescue_plan', 'team_heads_up', 'mark_red'],
    clientAfter: { health: 'red' },
  },
  'builtin-gone-quiet-check-in': {
    client: { stage: 'active', health: 'yellow', lastActivityAt: daysAgo(20) },
    fire: { kind: 'inactivity-scan' },
    performs: ['check_in', 'check_in_note', 'quiet_warning'],
  },
  'builtin-urgent-ticket-escalation': {
    client: { stage: 'active' },
    fire: { kind: 'ticket', data: { ticketId: 'ZD-4711', category: 'tracking', priority: 'urgent' } },
    performs: ['escalate_on_slack', 'critical_alert', 'answer_today'],
  },
  'builtin-weekly-report-reminder': {
    client: { stage: 'active' },
    fire: { kind: 'schedule-tick' },
    performs: ['send_weekly_report', 'report_cover_email'],
  },
  'builtin-churn-risk-save': {
    client: { stage: 'active', health: 'yellow' },
    fire: { kind: 'stage', to: 'at_risk' },
    performs: ['mark_red', 'at_risk_alert', 'save_call', 'leadership_heads_up', 'review_call_email'],
    approval: true,
    clientAfter: { health: 'red', stage: 'at_risk' },
  },
  'builtin-new-message-triage': {
    client: { stage: 'active' },
    fire: {
      kind: 'message',
      data: {
        platform: 'gmail',
        from: 'ceo@client.example',
        subject: 'Next quarter',
        body: 'Hi, we are thinking about pausing the campaigns after this month.',
      },
    },
    performs: ['retention_ticket', 'leaving_alert', 'flag_on_slack'],
  },
  'builtin-cpa-spike-alert': {
    client: { stage: 'active' },
    fire: { kind: 'metric', metric: 'cpa', from: 38, to: 72.5 },
    performs: ['cpa_warning', 'email_performance_team', 'find_the_cause'],
  },
  'builtin-monthly-reporting-prep': {
    client: { stage: 'at_risk', health: 'red' },
    fire: { kind: 'schedule-tick' },
    performs: ['prepare_report', 'ask_for_review'],
  },
  'builtin-onboarding-stalled': {
    client: { stage: 'onboarding', lastActivityAt: daysAgo(9) },
    fire: { kind: 'inactivity-scan' },
    performs: ['stalled_warning', 'nudge_on_slack', 'unblock_onboarding'],
  },
  'builtin-results-celebration': {
    client: { stage: 'active', health: 'yellow' },
    fire: { kind: 'metric', metric: 'roas', from: 3.5, to: 5.1 },
    performs: ['cheer_on_slack', 'mark_green', 'good_news_note', 'ask_for_testimonial'],
    clientAfter: { health: 'green' },
  },
  'builtin-at-risk-client-message': {
    client: { stage: 'at_risk', health: 'red' },
    fire: {
      kind: 'message',
      data: { platform: 'slack', from: 'U0CLIENT', body: 'Can we talk about the results this month?' },
    },
    performs: ['answer_today', 'team_heads_up', 'slack_reply'],
  },
  'builtin-billing-ticket-routing': {
    client: { stage: 'active' },
    fire: { kind: 'ticket', data: { ticketId: 'ZD-4712', category: 'billing', priority: 'medium' } },
    performs: ['email_finance', 'answer_billing_question', 'billing_note'],
  },
  'builtin-zero-conversions-check': {
    client: { stage: 'active' },
    fire: { kind: 'metric', metric: 'conversions', from: 14, to: 0 },
    performs: ['tracking_ticket', 'zero_conversions_alert', 'tracking_heads_up'],
  },
  'builtin-qbr-prep': {
    client: { stage: 'active' },
    fire: { kind: 'schedule-tick' },
    performs: ['prepare_qbr', 'qbr_invitation'],
  },
  'builtin-win-back-churned': {
    client: { stage: 'churned' },
    fire: { kind: 'schedule-tick' },
    performs: ['win_back_note', 'personalise_and_send'],
    approval: true,
  },
};

/** PRODUCT §8.1: every built-in, its placeholders filled, runs end to end on the real engine. */
describe('built-in templates run end to end', () => {
  let slack: SlackApiServer;
  let smtp: SmtpSink;
  let stack: TestStack;
  let scanner: InactivityScanner;
  let ticks: ScheduledTickRunner;

  beforeAll(async () => {
    [slack, smtp] = await Promise.all([startSlackApiServer(), startSmtpSink()]);
    // Inactivity scans are driven by the tests: keep the engine's periodic one out of the way.
    stack = await startTestStack({ SLACK_API_URL: slack.url, SMTP_URL: smtp.url, INACTIVITY_SCAN_SECONDS: '3600' });
    scanner = new InactivityScanner(stack.workerDataSource, {
      dedupeWindowSeconds: stack.api.config.dedupeWindowSeconds,
    });
    ticks = new ScheduledTickRunner(stack.workerDataSource, {
      dedupeWindowSeconds: stack.api.config.dedupeWindowSeconds,
    });
  });
  afterAll(async () => {
    await stack.close();
    await Promise.all([slack.close(), smtp.close()]);
  });

  const repository = <T extends object>(entity: new () => T) => stack.api.dataSource.getRepository(entity);
  const slugOf = (template: BuiltinTemplate) => template.id.replace(/^builtin-/, '');
  const slackTokenOf = (template: BuiltinTemplate) => `xoxb-${slugOf(template)}-token`;
  const mailboxOf = (template: BuiltinTemplate) => `${slugOf(template)}@agency.test`;

  /** What the agency picks for each placeholder: its Slack channel, its mailbox and a colleague, or the default. */
  function valuesFor(template: BuiltinTemplate, agency: TestAgency): Record<string, unknown> {
    const picked: Record<string, unknown> = {
      'slack-recipient': [SLACK_CHANNEL],
      'email-recipient': [mailboxOf(template), agency.userIds.viewer],
      user: agency.adminUserId,
    };
    return Object.fromEntries(
      template.placeholders.map((placeholder) => [
        placeholder.key,
        placeholder.default ?? picked[String(placeholder.schema[PICKER_KEYWORD])],
      ]),
    );
  }

  /** A fresh agency per template (a workflow watches every client of its agency), with Slack connected. */
  async function setUp(
    template: BuiltinTemplate,
    scenario: Scenario,
    definition: WorkflowDefinition,
    agency: TestAgency,
  ): Promise<Setup> {
    const f = engineFixtures(stack, agency);
    await f
      .http()
      .put('/api/v1/integrations/slack')
      .set(bearer(agency.tokens.admin))
      .send({ botToken: slackTokenOf(template) })
      .expect(200);
    const workflow = await f.createWorkflow({ ...definition, isActive: true });
    const client = await f.createClient(`${template.name} Client`, {
      ...scenario.client,
      assigneeId: agency.userIds.manager,
    });
    return { agency, f, workflowId: workflow.id, clientId: client.id };
  }

  async function fire(firing: Firing, { agency, f, workflowId, clientId }: Setup): Promise<string[]> {
    switch (firing.kind) {
      case 'stage':
        return [await f.startedRun(await f.moveStage(clientId, firing.to), workflowId)];
      case 'metric': {
        // The first value is on the safe side of the threshold: the second one crosses it.
        const before = await f.postMetric(clientId, firing.metric, firing.from);
        expect((await stack.waitForEventProcessed(before)).filter((verdict) => verdict.outcome === 'started')).toEqual(
          [],
        );
        return [await f.startedRun(await f.postMetric(clientId, firing.metric, firing.to), workflowId)];
      }
      case 'message':
        return [
          await f.startedRun(await f.postEvent({ type: 'message.received', clientId, data: firing.data }), workflowId),
        ];
      case 'ticket':
        return [
          await f.startedRun(await f.postEvent({ type: 'ticket.created', clientId, data: firing.data }), workflowId),
        ];
      case 'inactivity-scan': {
        const runIds = await scanner.scan();
        await stack.engine.queues.enqueueRuns(runIds);
        const runs = await Promise.all(
          runIds.map((id) => stack.waitForRun(id, ['completed', 'awaiting_approval', 'failed'])),
        );
        return runs.filter((run) => run.workflowId === workflowId).map((run) => run.id);
      }
      case 'schedule-tick': {
        const runIds = await ticks.tick({
          workflowId,
          agencyId: agency.agencyId,
          tickAt: new Date('2026-03-02T14:00:00.000Z'),
        });
        await stack.engine.queues.enqueueRuns(runIds);
        return runIds;
      }
    }
  }

  it('has a scenario for every built-in template, and only for them', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(BUILTIN_TEMPLATES.map((template) => template.id).sort());
  });

  it.each(BUILTIN_TEMPLATES.map((template) => [template.id, template] as const))('%s', async (id, template) => {
    const scenario = SCENARIOS[id];
    expect(scenario).toBeDefined();
    const agency = await stack.createAgency(`Builtins ${slugOf(template)}`);
    const instantiated = instantiateTemplate(template, { values: valuesFor(template, agency) });
    if (!instantiated.ok) throw new Error(`${id} does not instantiate: ${JSON.stringify(instantiated.errors)}`);
    const definition = instantiated.definition;
    const setup = await setUp(template, scenario, definition, agency);
    const { f, clientId } = setup;
    const clientName = `${template.name} Client`;

    const runIds = await fire(scenario.fire, setup);
    expect(runIds).toHaveLength(1);
    const [runId] = runIds;
    if (scenario.approval) {
      await stack.waitForRun(runId, ['awaiting_approval']);
      await f
        .http()
        .post(`/api/v1/workflows/runs/${runId}/approve`)
        .set(bearer(agency.tokens.admin))
        .send({})
        .expect(200);
    }
    const run = await stack.waitForRun(runId, ['completed', 'failed']);
    expect({ status: run.status, error: run.error, clientId: run.clientId }).toEqual({
      status: 'completed',
      error: null,
      clientId,
    });

    // The branch taken: exactly the expected action steps ran, all of them completed.
    const steps = listActionSteps(definition.steps);
    const performed = steps.filter((step) => scenario.performs.includes(step.id));
    expect(performed.map((step) => step.id).sort()).toEqual([...scenario.performs].sort());
    const completed = (await stack.steps(runId))
      .filter((step) => step.status === 'completed')
      .map((step) => step.stepId);
    expect(completed.filter((stepId) => steps.some((step) => step.id === stepId)).sort()).toEqual(
      [...scenario.performs].sort(),
    );

    // Each step's effect is there, rendered for this client.
    const client = await repository(ClientEntity).findOneByOrFail({ id: clientId });
    const slackPosts = performed.filter((step) => step.type === 'send_notification' && step.config.channel === 'slack');
    const emails = performed.filter((step) => step.type === 'send_notification' && step.config.channel === 'email');
    for (const step of performed) {
      const where = { runId, stepId: step.id };
      switch (step.type) {
        case 'create_task': {
          const task = await repository(TaskEntity).findOneByOrFail(where);
          const assignee =
            step.config.assignee === 'client_assignee' ? client.assigneeId : (step.config.assignee ?? null);
          expect(task).toMatchObject({
            clientId,
            priority: step.config.priority,
            assigneeId: assignee,
            status: 'open',
          });
          expect(task.title).toContain(clientName);
          break;
        }
        case 'create_ticket':
          expect(await repository(TicketEntity).findOneByOrFail(where)).toMatchObject({
            clientId,
            priority: step.config.priority,
            category: step.config.category,
            title: expect.stringContaining(clientName),
          });
          break;
        case 'add_alert':
          expect(await repository(AlertEntity).findOneByOrFail(where)).toMatchObject({
            clientId,
            severity: step.config.severity,
            title: expect.stringContaining(clientName),
          });
          break;
        case 'draft_communication': {
          const draft = await repository(CommunicationDraftEntity).findOneByOrFail(where);
          expect(draft).toMatchObject({
            platform: step.config.platform,
            status: step.requiresApproval ? 'approved' : 'pending_review',
          });
          expect(`${draft.subject ?? ''} ${draft.content}`).toContain(clientName);
          break;
        }
        case 'send_notification':
          expect(await repository(NotificationEntity).findOneByOrFail(where)).toMatchObject({
            channel: step.config.channel,
            status: 'sent',
          });
          break;
        case 'update_client':
          break;
      }
    }
    const posted = await eventually(
      async () => {
        const ours = slack.posted.filter((message) => message.token === slackTokenOf(template));
        return ours.length >= slackPosts.length && ours;
      },
      { what: `${slackPosts.length} Slack message(s) of ${id}` },
    );
    expect(posted).toHaveLength(slackPosts.length);
    for (const message of posted) {
      expect(message.channel).toBe(SLACK_CHANNEL);
      expect(message.text).toContain(clientName);
    }
    const mailed = await eventually(
      async () => {
        const ours = smtp.messages.filter((message) => message.to.includes(mailboxOf(template)));
        return ours.length >= emails.length && ours;
      },
      { what: `${emails.length} email(s) of ${id}` },
    );
    expect(mailed).toHaveLength(emails.length);
    for (const message of mailed) {
      expect(message.to).toEqual(expect.arrayContaining([mailboxOf(template), expect.stringMatching(/^viewer@/)]));
      expect(message.subject).toContain(clientName);
    }
    if (scenario.clientAfter) expect(client).toMatchObject(scenario.clientAfter);
  });
});
