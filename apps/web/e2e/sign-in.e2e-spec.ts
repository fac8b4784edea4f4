import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Browser, chromium } from 'playwright-core';
import { bearer, startTestApi, TestAgency, TestApi } from '../../api/test/support/test-api';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WEB_DIST = join(__dirname, '..', '..', '..', 'dist', 'apps', 'web');
const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-output', 'screenshots');

/** The real stack in a real browser: the API serving the built SPA, Debian's Chromium driven by playwright-core. */
describe('sign in and see the automations (Chromium)', () => {
  let api: TestApi;
  let agency: TestAgency;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`No SPA build in ${WEB_DIST}: run npm run build:web first (npm test does)`);
    if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
    api = await startTestApi({ WEB_DIST_DIR: WEB_DIST });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    agency = await api.createAgency('Browser Agency');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('signs in with email and password and lists the agency’s automations, with no console errors', async () => {
    await api.http().post('/api/v1/workflows').set(bearer(agency.tokens.manager)).send({
      name: 'Welcome new clients',
      triggers: [{ type: 'stage_change', config: { toStage: 'onboarding' } }],
      steps: [{ type: 'create_task', config: { title: 'Call {{client.name}}', priority: 'high' } }],
    }).expect(201);
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
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));

    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByText('Welcome new clients').waitFor();
    await page.getByText('Browser Agency').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'workflows-list.png'), fullPage: true });

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${baseUrl}/login`);
    await phone.screenshot({ path: join(SCREENSHOTS, 'login-390.png') });
    expect(consoleErrors).toEqual([]);
  });
});
