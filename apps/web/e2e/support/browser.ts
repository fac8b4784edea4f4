import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** Debian's Chromium unless CHROMIUM_PATH says otherwise. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** The built SPA the API serves at `/` (WEB_DIST_DIR of the test API). */
export const WEB_DIST = join(REPO_ROOT, 'dist', 'apps', 'web');
/** Where the screenshots of each page go (the closing note lists them). */
export const SCREENSHOTS = join(REPO_ROOT, 'test-output', 'screenshots');

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Fails early, with what to do, when the SPA build or Chromium is missing. */
export function assertBrowserPrerequisites(): void {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error(`No SPA build in ${WEB_DIST}: run npm run build:web first (npm test does)`);
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
}

/** Headless Chromium driven by playwright-core; also makes sure the screenshot folder exists. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/** Signs in through the login page with the test agencies' password and waits for the agency's name in the header. */
export async function signIn(page: Page, baseUrl: string, email: string, agencyName: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByText(agencyName).first().waitFor();
}

/** A PNG named after the page state, under SCREENSHOTS: the full page, or just one element of it. */
export async function screenshot(
  target: Page | Locator,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const path = join(SCREENSHOTS, `${name}.png`);
  if (!('goto' in target)) {
    await target.screenshot({ path });
    return;
  }
  const fullPage = options.fullPage ?? true;
  // A full-page capture draws the fixed header and navbar where the page is scrolled to: scroll to the top first.
  if (fullPage) await target.evaluate('window.scrollTo(0, 0)');
  await target.screenshot({ path, fullPage });
}

/** Collects console errors and uncaught page errors of the pages it watches; a test ends expecting none. */
export class ConsoleErrorWatcher {
  readonly errors: string[] = [];

  watch(page: Page): Page {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`${page.url()}: ${error.message}`));
    return page;
  }
}
