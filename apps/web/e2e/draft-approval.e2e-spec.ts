import type { Browser } from 'playwright-core';
import { eventually, OpenAiServer, startOpenAiServer } from '@automations/testing';
import { bearer, TestStack } from '../../worker/test/support/test-stack';
import type { TestAgency } from '../../api/test/support/test-api';
import { ConsoleErrorWatcher, screenshot, signIn } from './support/browser';
import { startBrowserStack } from './support/browser-stack';

const UI_DEADLINE_MS = 20_000;
const AI_REPLY =
  'Subject: Welcome aboard, Acme Outdoor!\n\nHi Acme Outdoor team,\n\nWelcome aboard! Could we book a kickoff call this week?\n\nCheers,\nDraft Flow Agency';

/**
 * PRODUCT §8.7 in a real browser on a phone: an automation drafts an email with the agency's OpenAI integration (the
 * local OpenAI-compatible server) and waits for approval of that draft; the admin reads it on a 390×844 page, edits
 * the message, approves it, and the stored draft carries the edit (read back through the API).
 */
describe('approve an edited AI draft on a phone (Chromium)', () => {
  let openai: OpenAiServer;
  let stack: TestStack;
  let agency: TestAgency;
  let browser: Browser;
  let baseUrl: string;
  const consoleErrors = new ConsoleErrorWatcher();

  beforeAll(async () => {
    openai = await startOpenAiServer({ reply: AI_REPLY });
    ({ stack, agency, browser, baseUrl } = await startBrowserStack('Draft Flow Agency'));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await openai?.close();
  });

  it('shows the AI draft in the approval queue at 390 px, approves it with an edited message, and the draft keeps the edit', async () => {
    const http = stack.api.http();
    const admin = bearer(agency.tokens.admin);
    await http
      .put('/api/v1/integrations/openai')
      .set(admin)
      .send({ apiKey: 'sk-flow-test-key-123456', baseUrl: openai.baseUrl, model: 'flow-model' })
      .expect(200);
    const workflow = (
      await http
        .post('/api/v1/workflows')
        .set(admin)
        .send({
          name: 'Welcome draft',
          triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
          steps: [
            {
              id: 'draft',
              type: 'draft_communication',
              requiresApproval: true,
              config: {
                platform: 'email',
                tone: 'friendly',
                template: 'Welcome {{client.name}} and propose a kickoff call',
              },
            },
          ],
        })
        .expect(201)
    ).body;
    const client = (
      await http
        .post('/api/v1/clients')
        .set(admin)
        .send({ name: 'Acme Outdoor', stage: 'lead', health: 'green' })
        .expect(201)
    ).body;
    await http.patch(`/api/v1/clients/${client.id}`).set(admin).send({ stage: 'onboarding' }).expect(200);
    const runId = await eventually(
      async () => {
        const runs = await http
          .get(`/api/v1/workflows/${workflow.id}/runs?status=awaiting_approval`)
          .set(admin)
          .expect(200);
        return runs.body.items[0]?.id as string | undefined;
      },
      { timeoutMs: UI_DEADLINE_MS, what: 'the run to wait for approval of its draft' },
    );
    expect(openai.requests).toHaveLength(1);

    const users = await http.get('/api/v1/users').set(admin).expect(200);
    const adminEmail = users.body.items.find((u: { role: string }) => u.role === 'admin').email;
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    context.setDefaultTimeout(UI_DEADLINE_MS);
    const page = consoleErrors.watch(await context.newPage());
    await signIn(page, baseUrl, adminEmail, 'Draft Flow Agency');

    await page.goto(`${baseUrl}/approvals`);
    const card = page.getByRole('article', { name: 'Welcome draft for Acme Outdoor' });
    await card.waitFor();
    const subject = card.getByRole('textbox', { name: 'Subject' });
    const message = card.getByRole('textbox', { name: /^Message/ });
    expect(await subject.inputValue()).toBe('Welcome aboard, Acme Outdoor!');
    expect(await message.inputValue()).toBe(
      'Hi Acme Outdoor team,\n\nWelcome aboard! Could we book a kickoff call this week?\n\nCheers,\nDraft Flow Agency',
    );
    await card.getByText('Written by AI').waitFor();
    // Nothing wider than the phone.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'approval-draft-390');

    const edited =
      'Hi Acme Outdoor team,\n\nWelcome aboard! Does Thursday at 10:00 work for the kickoff call?\n\nCheers,\nDraft Flow Agency';
    await message.fill(edited);
    await card.getByText('Edited', { exact: true }).waitFor();
    await card.getByRole('button', { name: 'Approve with edits' }).click();
    await card.waitFor({ state: 'detached' });
    await page.getByText('Approved with your edits: Welcome draft for Acme Outdoor').waitFor();
    await screenshot(page, 'approval-draft-390-approved');

    await stack.waitForRun(runId, ['completed'], UI_DEADLINE_MS);
    const drafts = await http.get(`/api/v1/drafts?runId=${runId}`).set(admin).expect(200);
    expect(drafts.body.items).toHaveLength(1);
    expect(drafts.body.items[0]).toMatchObject({
      subject: 'Welcome aboard, Acme Outdoor!',
      content: edited,
      status: 'approved',
      generator: 'openai',
      editedAt: expect.any(String),
    });
    const run = await http.get(`/api/v1/workflows/runs/${runId}`).set(admin).expect(200);
    expect(run.body.approvals[0].edits).toEqual({
      body: {
        original:
          'Hi Acme Outdoor team,\n\nWelcome aboard! Could we book a kickoff call this week?\n\nCheers,\nDraft Flow Agency',
        edited,
      },
    });
    expect(openai.requests).toHaveLength(1);

    // The client's Drafts show the approved, edited draft.
    await page.goto(`${baseUrl}/clients/${client.id}`);
    await page.getByRole('tab', { name: 'Drafts' }).click();
    const listed = page.getByRole('article', { name: 'Email draft: Welcome aboard, Acme Outdoor!' });
    await listed.getByText('approved · edited').waitFor();
    await listed.getByText(/Does Thursday at 10:00 work/).waitFor();
    await screenshot(page, 'client-drafts-390');

    await context.close();
    expect(consoleErrors.errors).toEqual([]);
  }, 120_000);
});
