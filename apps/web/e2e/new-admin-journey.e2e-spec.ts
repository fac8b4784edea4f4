import type { Browser, Locator, Page } from 'playwright-core';
import { eventually, OpenAiServer, SlackApiServer, startOpenAiServer, startSlackApiServer } from '@automations/testing';
import { bearer, TestStack } from '../../worker/test/support/test-stack';
import type { TestAgency } from '../../api/test/support/test-api';
import { ConsoleErrorWatcher, screenshot, signIn } from './support/browser';
import { startBrowserStack } from './support/browser-stack';

const UI_DEADLINE_MS = 20_000;
const SLACK_BOT_TOKEN = 'xoxb-journey-agency-token';
const AI_REPLY =
  'Subject: Welcome aboard, Acme Outdoor!\n\nHi Acme Outdoor team,\n\nWelcome aboard! Could we book a kickoff call this week?\n\nCheers,\nJourney Agency';

/**
 * Issue 12's "done when", in a real browser: a new admin connects Slack and OpenAI in Settings, builds "when a client
 * moves to Onboarding and ROAS is below 2: a task for the client's assignee, Slack the #onboarding channel, an AI
 * welcome draft for approval" by picking from lists only (no typed ids), tests it, activates it, and — once an
 * integrator's events fire it — approves the real, edited draft on a phone.
 */
describe('a new admin builds the onboarding automation from pickers and approves its draft on a phone (Chromium)', () => {
  let slack: SlackApiServer;
  let openai: OpenAiServer;
  let stack: TestStack;
  let agency: TestAgency;
  let browser: Browser;
  let baseUrl: string;
  const consoleErrors = new ConsoleErrorWatcher();

  /** Picks `option` in a Mantine Select / MultiSelect / Autocomplete, typing `search` first when given. */
  const pick = async (page: Page, input: Locator, option: string | RegExp, search?: string) => {
    await input.click();
    if (search !== undefined) await input.fill(search);
    await page.getByRole('option', { name: option }).first().click();
    await page.keyboard.press('Escape');
  };

  beforeAll(async () => {
    [slack, openai] = await Promise.all([startSlackApiServer(), startOpenAiServer({ reply: AI_REPLY })]);
    ({ stack, agency, browser, baseUrl } = await startBrowserStack('Journey Agency', { SLACK_API_URL: slack.url }));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await Promise.all([slack?.close(), openai?.close()]);
  });

  it('connect Slack, build with pickers, test, activate, fire, approve the edited AI draft at 390 px', async () => {
    const http = stack.api.http();
    const admin = bearer(agency.tokens.admin);
    const users = (await http.get('/api/v1/users').set(admin).expect(200)).body.items as {
      id: string;
      email: string;
      role: string;
    }[];
    const adminEmail = users.find((u) => u.role === 'admin')!.email;
    const manager = users.find((u) => u.role === 'manager')!;

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(UI_DEADLINE_MS);
    const page = consoleErrors.watch(await context.newPage());
    await signIn(page, baseUrl, adminEmail, 'Journey Agency');

    // Settings opens on its first section; connect Slack and the agency's OpenAI-compatible endpoint.
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByRole('tab', { name: 'Integrations', selected: true }).waitFor();
    const slackSettings = page.getByRole('region', { name: 'Slack integration' });
    await slackSettings.getByLabel('Bot token').fill(SLACK_BOT_TOKEN);
    await slackSettings.getByRole('button', { name: 'Save Slack' }).click();
    await slackSettings.getByText('Configured', { exact: true }).waitFor();
    const openaiSettings = page.getByRole('region', { name: 'OpenAI integration' });
    await openaiSettings.getByLabel('API key').fill('sk-journey-test-key-123456');
    await openaiSettings.getByLabel('Base URL').fill(openai.baseUrl);
    await openaiSettings.getByRole('button', { name: 'Save OpenAI' }).click();
    await openaiSettings.getByText('Configured', { exact: true }).waitFor();

    // Basics.
    await page.goto(`${baseUrl}/automations/new`);
    await page.getByRole('textbox', { name: /^Name/ }).fill('Onboarding welcome');
    await page.getByRole('button', { name: 'Next' }).click();

    // Triggers: moves to Onboarding AND ROAS below 2, from lists.
    await page.getByRole('heading', { name: 'Triggers' }).waitFor();
    const first = page.locator('section[aria-label="Trigger 1"]');
    await first.getByLabel(/^Trigger type/).selectOption('stage_change');
    await first.getByLabel(/^To stage/).selectOption('onboarding');
    await page.getByRole('button', { name: 'Add a second trigger (AND)' }).click();
    const second = page.locator('section[aria-label="Trigger 2"]');
    await second.getByLabel(/^Trigger type/).selectOption('kpi_threshold');
    await pick(page, second.getByRole('textbox', { name: /^Metric/ }), /^roas/);
    await second.getByLabel(/^Operator/).selectOption('below');
    await second.getByRole('textbox', { name: /^Threshold/ }).fill('2');
    await page.getByRole('button', { name: 'Next' }).click();

    // Actions: a task for the client's assignee, a Slack message to #onboarding, an AI draft that needs approval.
    await page.getByRole('heading', { name: 'Actions' }).waitFor();
    await page.getByLabel('Action of step 1', { exact: true }).selectOption('create_task');
    const task = page.getByRole('listitem', { name: 'Step 1: Create a task', exact: true });
    await task.getByRole('textbox', { name: /^Title/ }).fill('Kickoff call with {{client.name}}');
    await task.getByLabel(/^Priority/).selectOption('high');
    await pick(page, task.getByRole('textbox', { name: /^Assignee/ }), 'The client’s assignee');

    await page.getByRole('button', { name: 'Add action' }).last().click();
    await page.getByLabel('Action of step 2', { exact: true }).selectOption('send_notification');
    const notify = page.getByRole('listitem', { name: 'Step 2: Send an internal notification', exact: true });
    await notify.getByLabel(/^Channel/).selectOption('slack');
    await pick(page, notify.getByRole('textbox', { name: /^Recipients/ }), '#onboarding', 'onboard');
    await notify.getByRole('textbox', { name: /^Message/ }).fill('{{client.name}} moved to onboarding with a low ROAS');

    await page.getByRole('button', { name: 'Add action' }).last().click();
    await page.getByLabel('Action of step 3', { exact: true }).selectOption('draft_communication');
    const draft = page.getByRole('listitem', { name: 'Step 3: Draft a client message', exact: true });
    await draft.getByLabel(/^Platform/).selectOption('email');
    await draft.getByLabel(/^Tone/).selectOption('friendly');
    await draft
      .getByRole('textbox', { name: /^Instructions/ })
      .fill('Welcome {{client.name}} and propose a kickoff call');
    await draft.getByRole('button', { name: 'More options of step 3' }).click();
    await draft.getByRole('switch', { name: /^Requires approval/ }).check();
    await screenshot(page, 'journey-actions-1440');
    await page.getByRole('button', { name: 'Next' }).click();

    // Review & test: the preview says what would happen, step by step; then activate.
    await page.getByRole('heading', { name: 'Review & test' }).waitFor();
    await page.getByRole('button', { name: 'Run preview' }).click();
    const preview = page.getByRole('region', { name: 'Preview output' });
    await preview.getByText(/^1\. Create a task/).waitFor();
    await preview.getByText(/^3\. Draft a client message/).waitFor();
    await screenshot(page, 'journey-review-1440');
    await page.getByRole('button', { name: 'Save and activate' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.getByText('Onboarding welcome').first().waitFor();

    // What was saved holds ids picked from lists: the Slack channel id and the client-assignee rule.
    const summary = (await http.get('/api/v1/workflows').set(admin).expect(200)).body.items.find(
      (w: { name: string }) => w.name === 'Onboarding welcome',
    );
    const workflow = (await http.get(`/api/v1/workflows/${summary.id}`).set(admin).expect(200)).body;
    expect(workflow).toMatchObject({
      isActive: true,
      triggers: [
        { type: 'stage_change', config: { toStage: 'onboarding' } },
        { type: 'kpi_threshold', config: { metric: 'roas', operator: 'below', value: 2 } },
      ],
      steps: [
        { type: 'create_task', config: { assignee: 'client_assignee', priority: 'high' } },
        { type: 'send_notification', config: { channel: 'slack', recipients: ['C0ONBOARD'] } },
        { type: 'draft_communication', requiresApproval: true, config: { platform: 'email', tone: 'friendly' } },
      ],
    });

    // An integrator reports ROAS 1.5, then the move to onboarding: the automation fires.
    const client = (
      await http
        .post('/api/v1/clients')
        .set(admin)
        .send({ name: 'Acme Outdoor', stage: 'lead', health: 'green', assigneeId: manager.id })
        .expect(201)
    ).body;
    await http
      .post('/api/v1/events')
      .set(admin)
      .send({ type: 'kpi.updated', clientId: client.id, data: { metric: 'roas', value: 1.5 } })
      .expect(202);
    await http
      .post('/api/v1/events')
      .set(admin)
      .send({ type: 'client.stage_changed', clientId: client.id, data: { fromStage: 'lead', toStage: 'onboarding' } })
      .expect(202);
    const runId = await eventually(
      async () =>
        (await http.get(`/api/v1/workflows/${workflow.id}/runs?status=awaiting_approval`).set(admin).expect(200)).body
          .items[0]?.id as string | undefined,
      { timeoutMs: UI_DEADLINE_MS, what: 'the run to wait for approval of its draft' },
    );
    const [task1] = await stack.api.dataSource.query(`SELECT title, assignee_id FROM tasks WHERE run_id = $1`, [runId]);
    expect(task1).toEqual({ title: 'Kickoff call with Acme Outdoor', assignee_id: manager.id });
    expect(slack.posted).toEqual([
      expect.objectContaining({
        token: SLACK_BOT_TOKEN,
        channel: 'C0ONBOARD',
        text: 'Acme Outdoor moved to onboarding with a low ROAS',
      }),
    ]);
    await context.close();

    // On a phone: the approval shows the real draft; the admin edits it and approves.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    phone.setDefaultTimeout(UI_DEADLINE_MS);
    const mobile = consoleErrors.watch(await phone.newPage());
    await signIn(mobile, baseUrl, adminEmail, 'Journey Agency');
    await mobile.goto(`${baseUrl}/approvals`);
    const card = mobile.getByRole('article', { name: 'Onboarding welcome for Acme Outdoor' });
    await card.waitFor();
    expect(await card.getByRole('textbox', { name: 'Subject' }).inputValue()).toBe('Welcome aboard, Acme Outdoor!');
    const message = card.getByRole('textbox', { name: /^Message/ });
    const edited =
      'Hi Acme Outdoor team,\n\nWelcome aboard! Does Thursday at 10:00 work for the kickoff call?\n\nCheers,\nJourney Agency';
    await message.fill(edited);
    await card.getByRole('button', { name: 'Approve with edits' }).click();
    await card.waitFor({ state: 'detached' });
    await screenshot(mobile, 'journey-approved-390');

    await stack.waitForRun(runId, ['completed'], UI_DEADLINE_MS);
    const drafts = await http.get(`/api/v1/drafts?runId=${runId}`).set(admin).expect(200);
    expect(drafts.body.items).toEqual([
      expect.objectContaining({
        subject: 'Welcome aboard, Acme Outdoor!',
        content: edited,
        status: 'approved',
        generator: 'openai',
      }),
    ]);
    await phone.close();
    expect(consoleErrors.errors).toEqual([]);
  }, 180_000);
});
