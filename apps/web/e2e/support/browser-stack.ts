import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { startTestStack, TestStack } from '../../../worker/test/support/test-stack';
import type { TestAgency } from '../../../api/test/support/test-api';
import { assertBrowserPrerequisites, launchChromium, WEB_DIST } from './browser';

export interface BrowserStack {
  stack: TestStack;
  agency: TestAgency;
  browser: Browser;
  /** Where the API serves the built SPA, e.g. `http://127.0.0.1:40123`. */
  baseUrl: string;
}

/**
 * What every browser test starts from: the API serving the built SPA on a free local port, with the engine
 * in this process, one agency named `agencyName`, and headless Chromium. `env` adds to the stack's environment
 * (e.g. SLACK_API_URL of a local Slack server). The caller closes `browser`, then `stack`; if the start fails
 * half-way, what was started is closed here.
 */
export async function startBrowserStack(agencyName: string, env: Record<string, string> = {}): Promise<BrowserStack> {
  assertBrowserPrerequisites();
  const stack = await startTestStack({ WEB_DIST_DIR: WEB_DIST, ...env });
  try {
    await stack.api.app.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(stack.api.app.getHttpServer().address() as AddressInfo).port}`;
    const agency = await stack.createAgency(agencyName);
    const browser = await launchChromium();
    return { stack, agency, browser, baseUrl };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
