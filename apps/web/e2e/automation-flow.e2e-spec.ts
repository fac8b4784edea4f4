import type { Browser } from 'playwright-core';
import { SlackApiServer, startSlackApiServer } from '@automations/testing';
import { bearer, TestStack } from '../../worker/test/support/test-stack';
import type { TestAgency } from '../../api/test/support/test-api';
import { ConsoleErrorWatcher, screenshot, signIn } from './support/browser';
import { startBrowserStack } from './support/browser-stack';

/** Deadline for anything the UI should show after the engine or the live stream acts. */
const UI_DEADLINE_MS = 20_000;
const SLACK_BOT_TOKEN = 'xoxb-flow-agency-token';

/**
 * The whole loop in a real browser: build an automation in the wizard (two triggers, an IF/THEN/ELSE
 * branch, a delay, an approval), fire it from the API, watch the run arrive live, get it past its delay,
 * approve it on a phone-sized page, see it complete; then connect Slack and retry a failed run until it
 * completes. The API serves the built SPA; the engine runs in this process on the same database and
 * queues; Slack is the local Slack Web API server (SLACK_API_URL).
 */
describe('build, run, approve and retry an automation (Chromium)', () => {
  let slack: SlackApiServer;
  let stack: TestStack;
  let agency: TestAgency;
  let browser: Browser;
  let baseUrl: string;
  const consoleErrors = new ConsoleErrorWatcher();

  /**
   * The wizard's smallest delay is one whole minute (`delayMinutes` is an integer, 0 means none), too long to
   * wait out. So the test moves the run's wake-up into the past in Postgres (the step's `scheduled_for` and the
   * run's `next_attempt_at`), exactly as the worker's delay tests do, and the engine's own reconciler then
   * finds the run due and resumes it; the run's delayed BullMQ job fires later and finds nothing left to do.
   */
  const fastForwardDelay = async (runId: string) => {
    await stack.api.dataSource.query(
      `UPDATE run_steps SET scheduled_for = now() - interval '10 seconds' WHERE run_id = $1 AND status = 'waiting'`,
      [runId],
    );
    await stack.api.dataSource.query(
      `UPDATE workflow_runs SET next_attempt_at = now() - interval '10 seconds' WHERE id = $1 AND status = 'waiting'`,
      [runId],
    );
  };
  const runIdOf = (url: string) => new URL(url).pathname.split('/').pop() as string;

  beforeAll(async () => {
    slack = await startSlackApiServer();
    ({ stack, agency, browser, baseUrl } = await startBrowserStack('Flow Agency', { SLACK_API_URL: slack.url }));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await slack?.close();
  });

  it('builds an automation in the wizard, runs it live, approves it on a phone and retries a failed run until it completes, with no console errors', async () => {
    const http = stack.api.http();
    const users = await http.get('/api/v1/users').set(bearer(agency.tokens.admin)).expect(200);
    const adminEmail = users.body.items.find((u: { role: string }) => u.role === 'admin').email;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(UI_DEADLINE_MS);
    const page = consoleErrors.watch(await context.newPage());

    // Sign in.
    await signIn(page, baseUrl, adminEmail, 'Flow Agency');

    // Wizard: Basics.
    await page.getByRole('link', { name: 'New automation' }).first().click();
    await page.getByRole('heading', { name: 'Basics' }).waitFor();
    await page.getByRole('textbox', { name: /^Name/ }).fill('Kickoff with approval');
    await screenshot(page, 'wizard-basics');
    await page.getByRole('button', { name: 'Next' }).click();

    // Triggers: the client moves into onboarding, AND (as the partner) it came from lead.
    await page.getByRole('heading', { name: 'Triggers' }).waitFor();
    const first = page.locator('section[aria-label="Trigger 1"]');
    await first.getByLabel(/^Trigger type/).selectOption('stage_change');
    await first.getByLabel(/^To stage/).selectOption('onboarding');
    await page.getByRole('button', { name: 'Add a second trigger (AND)' }).click();
    const second = page.locator('section[aria-label="Trigger 2"]');
    await second.getByLabel(/^Trigger type/).selectOption('stage_change');
    await second.getByLabel(/^To stage/).selectOption('onboarding');
    await second.getByLabel(/^From stage/).selectOption('lead');
    await screenshot(page, 'wizard-triggers');
    await page.getByRole('button', { name: 'Next' }).click();

    // Actions: a task that needs approval…
    await page.getByRole('heading', { name: 'Actions' }).waitFor();
    await page.getByLabel('Action of step 1', { exact: true }).selectOption('create_task');
    const task = page.getByRole('listitem', { name: 'Step 1: Create a task', exact: true });
    await task.getByRole('textbox', { name: /^Title/ }).fill('Kickoff call with {{client.name}}');
    await task.getByLabel(/^Priority/).selectOption('high');
    await task.getByRole('button', { name: 'More options of step 1' }).click();
    await task.getByRole('switch', { name: /^Requires approval/ }).check();
    await screenshot(page, 'wizard-actions');

    // …preceded by a branch (added second, moved up with the keyboard-accessible button):
    // IF the client's stage is onboarding THEN wait a minute and alert the team, ELSE another alert.
    await page.getByRole('button', { name: 'Add IF/ELSE branch' }).click();
    await page.getByRole('button', { name: 'Move step 2 up' }).click();
    const branch = page.getByRole('listitem', { name: 'Step 1: IF / ELSE branch', exact: true });
    await page.getByRole('listitem', { name: 'Step 2: Create a task', exact: true }).waitFor();
    await branch.getByRole('textbox', { name: 'Rule 1 field' }).fill('client.stage');
    await page.keyboard.press('Escape'); // closes the field suggestions
    await branch.getByRole('combobox', { name: 'Rule 1 value' }).selectOption('onboarding'); // a stage: a select of the pipeline stages
    await page.getByLabel('Action of step 1 › THEN 1', { exact: true }).selectOption('add_alert');
    const thenStep = page.getByRole('listitem', { name: 'Step 1 › THEN 1: Add an alert', exact: true });
    await thenStep.getByRole('textbox', { name: /^Title/ }).fill('{{client.name}} is onboarding');
    await thenStep.getByLabel(/^Severity/).selectOption('info');
    await thenStep.getByRole('button', { name: 'More options of step 1 › THEN 1' }).click();
    await thenStep.getByRole('textbox', { name: /^Wait before this step/ }).fill('1');
    await branch.getByRole('button', { name: 'Add ELSE path' }).click();
    await page.getByLabel('Action of step 1 › ELSE 1', { exact: true }).selectOption('add_alert');
    const elseStep = page.getByRole('listitem', { name: 'Step 1 › ELSE 1: Add an alert', exact: true });
    await elseStep.getByRole('textbox', { name: /^Title/ }).fill('{{client.name}} skipped onboarding');
    await elseStep.getByLabel(/^Severity/).selectOption('warning');
    await screenshot(page, 'wizard-branch');
    await screenshot(thenStep, 'wizard-delay');
    // Drag and drop with the keyboard: the task's handle takes it above the branch; a Move button puts it back.
    // Each key waits for what the screen reader hears (dnd-kit's live region) before the next one.
    await page.getByRole('button', { name: 'Drag step 2 to reorder' }).focus();
    await page.keyboard.press('Space');
    await page.getByText('step 2 is over position 2 of 2.', { exact: true }).waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowUp');
    await page.getByText('step 2 is over position 1 of 2.', { exact: true }).waitFor({ state: 'attached' });
    await page.keyboard.press('Space');
    await page.getByRole('listitem', { name: 'Step 1: Create a task', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Move step 1 down' }).click();
    await page.getByRole('listitem', { name: 'Step 2: Create a task', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'Review & test' }).waitFor();
    await screenshot(page, 'wizard-review');
    await page.getByRole('button', { name: 'Save and activate' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.getByText('Kickoff with approval').first().waitFor();
    await screenshot(page, 'dashboard-after-save');

    // Its own page, from its name on the dashboard: what it does in one line, and the flow diagram.
    await page
      .getByRole('article', { name: 'Kickoff with approval' })
      .getByRole('link', { name: 'Kickoff with approval', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Kickoff with approval', level: 2 }).waitFor();
    await page
      .getByText(
        'When a client moves into “onboarding” and the client is in “onboarding” → add an alert, create a task',
      )
      .waitFor();
    const diagram = page.getByRole('figure', { name: 'Flow diagram of Kickoff with approval' });
    await diagram.locator('.react-flow__node').first().waitFor();
    const nodeTexts = (await diagram.locator('.react-flow__node').allInnerTexts()).map((text) =>
      text.replace(/\s+/g, ' ').trim(),
    );
    expect(nodeTexts).toEqual([
      'Client stage changes When a client moves into “onboarding”',
      'Client stage changes When a client moves into “onboarding” from “lead”',
      'AND',
      'IF Client stage equals “onboarding”',
      'Add an alert {{client.name}} is onboarding waits 1 min',
      'Add an alert {{client.name}} skipped onboarding',
      '', // where THEN and ELSE merge
      'Create a task Kickoff call with {{client.name}} needs approval',
    ]);
    expect(await diagram.locator('.react-flow__edge').count()).toBe(8);
    const automationUrl = page.url();
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ]) {
      const sized = consoleErrors.watch(await context.newPage());
      await sized.setViewportSize({ width, height });
      await sized.goto(automationUrl);
      await sized
        .getByRole('figure', { name: 'Flow diagram of Kickoff with approval' })
        .locator('.react-flow__node')
        .first()
        .waitFor();
      await screenshot(sized, `automation-page-${width}`);
      await sized.close();
    }
    expect(await page.getByRole('link', { name: 'See its runs' }).getAttribute('href')).toBe(
      `/runs?workflowId=${page.url().split('/').pop()}`,
    );

    const saved = await http.get('/api/v1/workflows').set(bearer(agency.tokens.admin)).expect(200);
    const summary = saved.body.items.find((w: { name: string }) => w.name === 'Kickoff with approval');
    const workflow = (await http.get(`/api/v1/workflows/${summary.id}`).set(bearer(agency.tokens.admin)).expect(200))
      .body;
    expect(workflow).toMatchObject({
      isActive: true,
      triggers: [
        { type: 'stage_change', config: { toStage: 'onboarding' } },
        { type: 'stage_change', config: { toStage: 'onboarding', fromStage: 'lead' } },
      ],
      steps: [
        {
          type: 'branch',
          condition: { all: [{ field: 'client.stage', operator: 'equals', value: 'onboarding' }] },
          then: [
            {
              type: 'add_alert',
              delayMinutes: 1,
              config: { title: '{{client.name}} is onboarding', severity: 'info' },
            },
          ],
          else: [{ type: 'add_alert', config: { title: '{{client.name}} skipped onboarding', severity: 'warning' } }],
        },
        {
          type: 'create_task',
          requiresApproval: true,
          config: { title: 'Kickoff call with {{client.name}}', priority: 'high' },
        },
      ],
    });

    // Runs page open and live before the automation fires.
    await page.goto(`${baseUrl}/runs`);
    await page.getByRole('status', { name: 'Live updates: Live' }).waitFor();
    const client = await http
      .post('/api/v1/clients')
      .set(bearer(agency.tokens.manager))
      .send({ name: 'Acme Outdoor', stage: 'lead' })
      .expect(201);
    await http
      .patch(`/api/v1/clients/${client.body.id}`)
      .set(bearer(agency.tokens.manager))
      .send({ stage: 'onboarding' })
      .expect(200);

    // The run arrives without a reload and parks on the THEN path's one-minute delay.
    const runRow = page.getByRole('row', { name: 'Kickoff with approval for Acme Outdoor' });
    await runRow.getByText('Waiting').waitFor();
    expect(await runRow.count()).toBe(1);
    await screenshot(page, 'runs-live');

    await runRow.click();
    const details = page.getByRole('dialog', { name: 'Run details' });
    await details.locator('[aria-label="Run timeline"]').waitFor();
    await details.getByText('Trigger', { exact: true }).waitFor();
    await details.getByText('1. IF / ELSE branch').waitFor();
    await details.getByText(/^Waits until /).waitFor();
    await screenshot(page, 'run-details-waiting');

    // Past the delay (see fastForwardDelay), the open timeline moves on by itself to the approval.
    const runId = runIdOf(page.url());
    await fastForwardDelay(runId);
    await details.getByText(/^Awaiting approval — auto-rejects/).waitFor();
    expect(await details.getByText(/^Waits until /).count()).toBe(0);
    await screenshot(page, 'run-details-awaiting-approval');
    await details.getByRole('button', { name: 'Close run details' }).click();

    // Approve on a phone-sized page (same signed-in browser context).
    const phone = consoleErrors.watch(await context.newPage());
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${baseUrl}/approvals`);
    const card = phone.getByRole('article', { name: 'Kickoff with approval for Acme Outdoor' });
    await card.waitFor();
    await screenshot(phone, 'approvals-390');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.waitFor({ state: 'detached' });
    await screenshot(phone, 'approvals-390-after-approve');

    // The desktop runs page sees the run complete without a reload; the THEN path ran, the ELSE path did not.
    await runRow.getByText('Completed').waitFor();
    await screenshot(page, 'runs-completed');
    const stepStatuses = Object.fromEntries((await stack.steps(runId)).map((step) => [step.type, step.status]));
    expect(stepStatuses).toMatchObject({ branch: 'completed', add_alert: 'completed', create_task: 'completed' });
    const alerts = await stack.api.dataSource.query(`SELECT title FROM alerts WHERE run_id = $1`, [runId]);
    expect(alerts).toEqual([{ title: 'Acme Outdoor is onboarding' }]);

    // A run that fails for good: a Slack notification while the agency has not connected Slack.
    await http
      .post('/api/v1/workflows')
      .set(bearer(agency.tokens.manager))
      .send({
        name: 'Alert the team on churn risk',
        triggers: [{ type: 'stage_change', config: { toStage: 'at_risk' } }],
        steps: [
          {
            type: 'send_notification',
            config: { channel: 'slack', recipients: ['C0123ABCD'], message: '{{client.name}} is at risk' },
          },
        ],
      })
      .expect(201);
    await http
      .patch(`/api/v1/clients/${client.body.id}`)
      .set(bearer(agency.tokens.manager))
      .send({ stage: 'at_risk' })
      .expect(200);
    const failedRow = page.getByRole('row', { name: 'Alert the team on churn risk for Acme Outdoor' });
    await failedRow.getByText('Failed').waitFor();
    await failedRow.click();
    await details.getByText('The run failed').waitFor();
    await details
      .getByText(/Slack is not connected/)
      .first()
      .waitFor();
    await screenshot(page, 'run-details-failed');
    const failedRunUrl = page.url();
    expect(slack.posted).toEqual([]);

    // Connect Slack in Settings (the server's SLACK_API_URL is the local Slack server).
    await page.goto(`${baseUrl}/settings/integrations`);
    const slackSettings = page.getByRole('region', { name: 'Slack integration' });
    await slackSettings.getByLabel('Bot token').fill(SLACK_BOT_TOKEN);
    await slackSettings.getByRole('button', { name: 'Save Slack' }).click();
    await slackSettings.getByText('Configured', { exact: true }).waitFor();
    await screenshot(page, 'settings-slack-connected');

    // Retry: the failed step runs again (attempt 2), posts to Slack, and the open run turns Completed without a reload.
    await page.goto(failedRunUrl);
    await details.getByText('The run failed').waitFor();
    await details.getByRole('button', { name: 'Retry' }).click();
    await details.getByText('v1 · attempt 2').waitFor();
    await details.getByText('Completed', { exact: true }).first().waitFor();
    expect(await details.getByText('The run failed').count()).toBe(0);
    expect(await details.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    await screenshot(page, 'run-details-retry-succeeded');
    const retried = await stack.waitForRun(runIdOf(failedRunUrl), ['completed'], UI_DEADLINE_MS);
    expect(retried.attempt).toBe(2);
    expect(slack.posted).toEqual([
      expect.objectContaining({ token: SLACK_BOT_TOKEN, channel: 'C0123ABCD', text: 'Acme Outdoor is at risk' }),
    ]);
    await details.getByRole('button', { name: 'Close run details' }).click();
    await failedRow.getByText('Completed').waitFor();

    // Every list screen at desktop and phone widths (the phone layouts are checked by eye in these).
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ]) {
      const sized = consoleErrors.watch(await context.newPage());
      await sized.setViewportSize({ width, height });
      for (const [path, name] of [
        ['/', 'dashboard'],
        ['/?view=table', 'dashboard-table'],
        ['/runs', 'runs'],
        ['/events', 'events'],
        ['/analytics', 'analytics'],
        ['/approvals', 'approvals'],
        ['/clients', 'clients'],
      ]) {
        await sized.goto(`${baseUrl}${path}`);
        await sized.getByRole('heading', { level: 2 }).first().waitFor();
        await sized
          .getByText(/^Loading\b.*…$/)
          .first()
          .waitFor({ state: 'detached' });
        await screenshot(sized, `page-${name}-${width}`);
      }
      await sized.close();
    }

    expect(consoleErrors.errors).toEqual([]);
    await context.close();
  }, 240_000);
});
