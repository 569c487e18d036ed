/**
 * `npm run test:vscode`: runs the extension's mocha suite (`out/test/vscode/index.js`, built by
 * `npm run build` from `test/vscode/*.ts`) inside a real VS Code — code-server's Node extension
 * host, opened by headless Chromium — with this repository as the extension under development.
 * mocha's output is printed as it runs; the suite's result is the exit code.
 *
 * `--host web` (in `npm run test:web`) runs the same suite in code-server's web worker extension
 * host instead — VS Code for the Web's — where the extension runs its `browser` entry: the user
 * setting `remote.extensionKind` puts the extension there, and the suite is its web bundle
 * (`out/test/web/index.js`).
 *
 * `--grep PATTERN` runs only the tests whose full title matches (mocha's grep, in the Node
 * extension host): `npm run test:vscode -- --grep "Delete asks first"` runs that test alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { type Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { startCodeServer, WEB_HOST_SETTINGS, type CodeServer } from './codeServer';
import { ensureTools } from './tools';

const ROOT = path.resolve(__dirname, '../..');
const WEB = process.argv.includes('--host') && process.argv[process.argv.indexOf('--host') + 1] === 'web';
const GREP = process.argv.includes('--grep') ? process.argv[process.argv.indexOf('--grep') + 1] : undefined;
const SUITE = path.join(ROOT, WEB ? 'out/test/web/index.js' : 'out/test/vscode/index.js');
const TIMEOUT_MS = 10 * 60_000;

/** Workbench errors that only say the machine is offline: harmless, and not the suite's. */
const OFFLINE_NOISE = [/ENOTFOUND open-vsx\.org/, /authentication provider 'github'/];

/**
 * One line of the suite's output from a workbench log entry. The workbench hands every log
 * entry to `codeAutomationLog(level, args)`; while extension tests run, that includes the
 * extension host's console, in the same shape as the workbench's own entries. mocha's reporter
 * always passes a format and arguments (its blank lines carry nothing and are dropped), the
 * workbench's info entries a single string: that tells them apart. Errors logged as text are
 * shown too, but for the workbench's complaints about being offline.
 */
function suiteLine(level: string, args: unknown[]): string | undefined {
  const text = args[0];
  if (typeof text !== 'string') return undefined;
  if (level === 'info' && args.length > 1) return format(...args);
  if (level === 'error' && !OFFLINE_NOISE.some((noise) => noise.test(text))) return `[vscode] ${format(...args)}`;
  return undefined;
}

async function main(): Promise<number> {
  if (!fs.existsSync(SUITE)) throw new Error(`${SUITE} is missing: run \`npm run build\` first.`);
  const tools = ensureTools();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-suite-'));
  try {
    const server = await startCodeServer(tools, {
      open: workspace,
      smokeTestDriver: true,
      ...(WEB ? { settings: WEB_HOST_SETTINGS } : {}),
    });
    try {
      const browser = await launchBrowser(tools);
      try {
        return await runSuite(await browser.newPage(), server);
      } finally {
        await browser.close();
      }
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** Opens the workbench with the suite in its payload; resolves with the suite's exit code. */
async function runSuite(page: Page, server: CodeServer): Promise<number> {
  let settle: (code: number) => void = () => {};
  const exitCode = new Promise<number>((resolve) => (settle = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => settle(code));
  await page.exposeFunction('codeAutomationLog', (level: string, args: unknown[]) => {
    const line = suiteLine(level, args);
    if (line !== undefined) console.log(line);
  });
  page.on('crash', () => {
    console.error('[harness] The workbench page crashed.');
    settle(1);
  });
  const timer = setTimeout(() => {
    console.error(`[harness] The suite did not finish within ${TIMEOUT_MS / 60_000} minutes.`);
    settle(1);
  }, TIMEOUT_MS);

  const environment = {
    ...(process.env.MAKEMORE_NAMES ? { MAKEMORE_NAMES: process.env.MAKEMORE_NAMES } : {}),
    ...(GREP ? { MAKEMORE_SUITE_GREP: GREP } : {}),
  };
  console.log(
    `[harness] Running ${path.relative(ROOT, SUITE)} in code-server's ${WEB ? 'web worker' : 'Node'} extension host at ${server.origin}`,
  );
  await page.goto(
    server.url([
      ['extensionDevelopmentPath', server.remoteUri(ROOT)],
      ['extensionTestsPath', server.remoteUri(SUITE)],
      ['extensionEnvironment', JSON.stringify(environment)],
      ['skipWelcome', 'true'],
    ]),
  );
  try {
    return await exitCode;
  } finally {
    clearTimeout(timer);
  }
}

main().then(
  (code) => {
    console.log(
      `[harness] VS Code suite (${WEB ? 'web worker' : 'Node'} extension host) ${code === 0 ? 'passed' : `failed (exit code ${code})`}`,
    );
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`[harness] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
