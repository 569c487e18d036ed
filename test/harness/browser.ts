/** Headless Debian Chromium driven by playwright-core (never a browser downloaded by Playwright). */
import { chromium, type Browser } from 'playwright-core';
import { type Tools } from './tools';

export function launchBrowser(tools: Tools): Promise<Browser> {
  return chromium.launch({
    executablePath: tools.chromium,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}
