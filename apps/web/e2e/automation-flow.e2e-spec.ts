import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { bearer, startTestStack, TestStack } from '../../worker/test/support/test-stack';
import type { TestAgency } from '../../api/test/support/test-api';
import { assertBrowserPrerequisites, ConsoleErrorWatcher, launchChromium, screenshot, WEB_DIST } from './support/browser';

/** Deadline for anything the UI should show after the engine or the live stream acts. */
const UI_DEADLINE_MS = 20_000;

/**
 * The whole loop in a real browser: build an automation in the wizard, fire it from the API, watch the
 * run arrive live, approve it on a phone-sized page, see it complete; then retry a failed run.
 * The API serves the built SPA; the engine runs in this process on the same database and queues.
 */
describe('build, run, approve and retry an automation (Chromium)', () => {
  let stack: TestStack;
  let agency: TestAgency;
  let browser: Browser;
  let baseUrl: string;
  const consoleErrors = new ConsoleErrorWatcher();

  beforeAll(async () => {
    assertBrowserPrerequisites();
    stack = await startTestStack({ WEB_DIST_DIR: WEB_DIST });
    await stack.api.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(stack.api.app.getHttpServer().address() as AddressInfo).port}`;
    agency = await stack.createAgency('Flow Agency');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('builds an automation in the wizard, runs it live, approves it on a phone and retries a failed run, with no console errors', async () => {
    const http = stack.api.http();
    const users = await http.get('/api/v1/users').set(bearer(agency.tokens.admin)).expect(200);
    const adminEmail = users.body.items.find((u: { role: string }) => u.role === 'admin').email;

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(UI_DEADLINE_MS);
    const page = await context.newPage();
    consoleErrors.watch(page);

    // Sign in.
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('Email').fill(adminEmail);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText('Flow Agency').first().waitFor();

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
    await first.getByRole('textbox', { name: /^To stage/ }).fill('onboarding');
    await page.getByRole('button', { name: 'Add a second trigger (AND)' }).click();
    const second = page.locator('section[aria-label="Trigger 2"]');
    await second.getByLabel(/^Trigger type/).selectOption('stage_change');
    await second.getByRole('textbox', { name: /^To stage/ }).fill('onboarding');
    await second.getByRole('textbox', { name: /^From stage/ }).fill('lead');
    await screenshot(page, 'wizard-triggers');
    await page.getByRole('button', { name: 'Next' }).click();

    // Actions: one task that needs approval.
    await page.getByRole('heading', { name: 'Actions' }).waitFor();
    await page.getByLabel('Action of step 1').selectOption('create_task');
    const step = page.getByRole('listitem', { name: 'Step 1: Create a task' });
    await step.getByRole('textbox', { name: /^Title/ }).fill('Kickoff call with {{client.name}}');
    await step.getByLabel(/^Priority/).selectOption('high');
    await step.getByRole('switch', { name: /^Requires approval/ }).check();
    await screenshot(page, 'wizard-actions');
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByRole('heading', { name: 'Schedule' }).waitFor();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Review & test' }).waitFor();
    await screenshot(page, 'wizard-review');
    await page.getByRole('button', { name: 'Save and activate' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.getByText('Kickoff with approval').first().waitFor();
    await screenshot(page, 'dashboard-after-save');

    const saved = await http.get('/api/v1/workflows').set(bearer(agency.tokens.admin)).expect(200);
    const workflow = saved.body.items.find((w: { name: string }) => w.name === 'Kickoff with approval');
    expect(workflow).toMatchObject({ isActive: true });

    // Runs page open and live before the automation fires.
    await page.goto(`${baseUrl}/runs`);
    await page.getByRole('status', { name: 'Live updates: Live' }).waitFor();
    const client = await http.post('/api/v1/clients').set(bearer(agency.tokens.manager)).send({ name: 'Acme Outdoor', stage: 'lead' }).expect(201);
    await http.patch(`/api/v1/clients/${client.body.id}`).set(bearer(agency.tokens.manager)).send({ stage: 'onboarding' }).expect(200);

    const runRow = page.getByRole('row', { name: 'Kickoff with approval for Acme Outdoor' });
    await runRow.getByText('Awaiting approval').waitFor();
    expect(await runRow.count()).toBe(1);
    await screenshot(page, 'runs-live');

    await runRow.click();
    const details = page.getByRole('dialog', { name: 'Run details' });
    await details.locator('[aria-label="Run timeline"]').waitFor();
    await details.getByText('Trigger', { exact: true }).waitFor();
    await details.getByText('Awaiting approval').first().waitFor();
    await screenshot(page, 'run-details-awaiting-approval');
    await details.getByRole('button', { name: 'Close run details' }).click();

    // Approve on a phone-sized page (same signed-in browser context).
    const phone = await context.newPage();
    consoleErrors.watch(phone);
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${baseUrl}/approvals`);
    const card = phone.getByRole('article', { name: 'Kickoff with approval for Acme Outdoor' });
    await card.waitFor();
    await screenshot(phone, 'approvals-390');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.waitFor({ state: 'detached' });
    await screenshot(phone, 'approvals-390-after-approve');

    // The desktop runs page sees the run complete without a reload.
    await runRow.getByText('Completed').waitFor();
    await screenshot(page, 'runs-completed');

    // A run that fails for good: a Slack notification while Slack is not connected.
    await http.post('/api/v1/workflows').set(bearer(agency.tokens.manager)).send({
      name: 'Alert the team on churn risk',
      triggers: [{ type: 'stage_change', config: { toStage: 'churn_risk' } }],
      steps: [{ type: 'send_notification', config: { channel: 'slack', recipients: ['C0123ABCD'], message: '{{client.name}} is at risk' } }],
    }).expect(201);
    await http.patch(`/api/v1/clients/${client.body.id}`).set(bearer(agency.tokens.manager)).send({ stage: 'churn_risk' }).expect(200);
    const failedRow = page.getByRole('row', { name: 'Alert the team on churn risk for Acme Outdoor' });
    await failedRow.getByText('Failed').waitFor();
    await failedRow.click();
    await details.getByText('The run failed').waitFor();
    await details.getByText(/Slack is not connected/).first().waitFor();
    await screenshot(page, 'run-details-failed');
    await details.getByRole('button', { name: 'Retry' }).click();
    // The retry runs the failed step again (attempt 2); Slack is still missing, so it fails again.
    await details.getByText('v1 · attempt 2').waitFor();
    const failedRunId = new URL(page.url()).pathname.split('/').pop() as string;
    const retried = await stack.waitForRun(failedRunId, ['failed'], UI_DEADLINE_MS);
    expect(retried.attempt).toBe(2);
    await details.getByText('The run failed').waitFor();
    await details.getByRole('button', { name: 'Retry' }).waitFor();
    await screenshot(page, 'run-details-retried');

    expect(consoleErrors.errors).toEqual([]);
    await context.close();
  });
});
