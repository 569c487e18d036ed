/** Headless Debian Chromium driven by playwright-core (never a browser downloaded by Playwright). */
import { chromium, type Browser } from 'playwright-core';
import { ensureChromium, type Tools } from './tools';

/** Launches Chromium: the given one, else Debian's (installed if missing). */
export function launchBrowser(tools: Pick<Tools, 'chromium'> = { chromium: ensureChromium() }): Promise<Browser> {
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
