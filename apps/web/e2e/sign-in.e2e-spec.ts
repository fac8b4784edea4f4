import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { bearer, startTestApi, TestAgency, TestApi } from '../../api/test/support/test-api';
import {
  assertBrowserPrerequisites,
  ConsoleErrorWatcher,
  launchChromium,
  screenshot,
  WEB_DIST,
} from './support/browser';

/** The real stack in a real browser: the API serving the built SPA, Debian's Chromium driven by playwright-core. */
describe('sign in and see the automations (Chromium)', () => {
  let api: TestApi;
  let agency: TestAgency;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    assertBrowserPrerequisites();
    api = await startTestApi({ WEB_DIST_DIR: WEB_DIST });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    agency = await api.createAgency('Browser Agency');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('signs in with email and password and lists the agency’s automations, with no console errors', async () => {
    await api
      .http()
      .post('/api/v1/workflows')
      .set(bearer(agency.tokens.manager))
      .send({
        name: 'Welcome new clients',
        triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
        steps: [{ type: 'create_task', config: { title: 'Call {{client.name}}', priority: 'high' } }],
      })
      .expect(201);
    const users = await api.http().get('/api/v1/users').set(bearer(agency.tokens.admin)).expect(200);
    const adminEmail = users.body.items.find((u: { role: string }) => u.role === 'admin').email;

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(baseUrl);
    await page.waitForURL(/\/login/);
    await page.getByLabel('Email').fill(adminEmail);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText('Invalid email or password').waitFor();
    // From here on the browser console must stay clean (the 401 above is logged by Chromium itself).
    const consoleErrors = new ConsoleErrorWatcher();
    consoleErrors.watch(page);

    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText('Welcome new clients').waitFor();
    await page.getByText('Browser Agency').first().waitFor();
    await screenshot(page, 'workflows-list');

    const phone = consoleErrors.watch(await browser.newPage({ viewport: { width: 390, height: 844 } }));
    await phone.goto(`${baseUrl}/login`);
    await screenshot(phone, 'login-390', { fullPage: false });
    expect(consoleErrors.errors).toEqual([]);
  });
});
