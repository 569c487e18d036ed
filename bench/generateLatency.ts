/**
 * How soon do names show after a control changes? The panel's Generate tab in headless
 * Chromium (the built webview bundle, under its CSP), with the extension's own host side of the
 * Generate views (generation/generationViews.ts) and the generation worker (dist/worker.js in a
 * worker thread) behind it, generating from the defaults' model on names.txt. The user changes
 * a control — types a "starts with", changes the count, toggles "new names only", moves the
 * creativity slider, sets a length range — waits for the names, and changes the next; the
 * webview measures (User Timing) from the input event to the render that puts the request's
 * first names on screen. Typing waits 120 ms for the keys to settle first (requester.ts); the
 * other controls ask at once. Not measured: VS Code's own webview ↔ host message passing (the
 * user scenarios print the same measure from the real VS Code).
 *
 *   npm run build && npx tsx bench/generateLatency.ts [--model FILE | --data FILE] [--changes 40] [--out FILE]
 *
 * Without --model it trains the defaults for up to 60 s first (bench/workerRun.ts). Goal: first
 * names within 300 ms of a control change.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { initialRunState } from '../src/shared/runState';
import { launchBrowser, WebviewPage } from '../test/browser/harness';
import { liveHost, targetOf } from '../test/browser/generationHost';
import { startServer } from '../test/browser/server';
import { FIRST_NAMES } from '../webview/lib/generation';
import { BENCH_DIR, REPO_ROOT, lastOf, machineInfo, runTsChild } from './children';
import type { WorkerRunLine } from './messages';

const { values: flags } = parseArgs({
  options: {
    model: { type: 'string' },
    data: { type: 'string' },
    changes: { type: 'string', default: '40' },
    out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'generation-view.json') },
  },
});

interface Change {
  what: string;
  typing: boolean;
  apply(p: WebviewPage, i: number): Promise<void>;
}

const PREFIXES = ['k', 'ka', 'ma', 'b', 'br', 'j', 'el', 'a', 'sh', 't', 'ro', 'l'];
const CHANGES: Change[] = [
  {
    what: 'type a "starts with"',
    typing: true,
    apply: (p, i) => p.page.locator('[data-field="startsWith"]').fill(PREFIXES[i % PREFIXES.length]!),
  },
  {
    what: 'change the count',
    typing: true,
    apply: (p, i) => p.page.locator('[data-field="count"]').fill(String([100, 250, 50, 1000][i % 4])),
  },
  { what: 'toggle "new names only"', typing: false, apply: (p) => p.page.locator('[data-field="newOnly"]').click() },
  {
    what: 'move the creativity slider',
    typing: true,
    apply: (p, i) => p.page.locator('[data-field="temperature"]').fill(String([0.8, 1.2, 1, 0.6][i % 4])),
  },
  { what: 'set a length range', typing: true, apply: (p, i) => p.page.locator('[data-field="maxLength"]').fill(i % 2 ? '7' : '12') },
];

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function main(): Promise<void> {
  const loadStart = os.loadavg();
  let modelFile = flags.model;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-latency-'));
  if (!modelFile) {
    const data = flags.data ?? process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'names.txt');
    modelFile = path.join(dir, 'defaults.makemore');
    process.stderr.write(`Training the defaults on ${data} (≤ 60 s)…\n`);
    lastOf(
      await runTsChild<WorkerRunLine>('workerRun.ts', [
        '--data',
        data,
        '--config',
        JSON.stringify({ timeBudget: 60 }),
        '--save',
        modelFile,
      ]),
      'result',
    );
  }
  const bytes = new Uint8Array(fs.readFileSync(modelFile));
  const server = await startServer();
  const browser = await launchBrowser();
  const host = liveHost(targetOf(bytes));
  try {
    const p = await WebviewPage.open(browser, server, 'panel', 'dark', { width: 1100, height: 900 }, { onPost: host.onPost });
    host.attach(p);
    const opened = performance.now();
    await p.send(
      [
        { type: 'snapshot', state: initialRunState() },
        { type: 'showTab', tab: 'generate' },
      ],
      2,
    );
    await p.page.locator('.results-card .name-row').first().waitFor();
    const coldMs = performance.now() - opened;
    const done = (): Promise<void> => p.page.locator('.results-line', { hasText: /names? in \d|^Found|^Stopped/ }).waitFor();
    await done();
    const n = Number(flags.changes);
    const samples: { what: string; typing: boolean; ms: number }[] = [];
    process.stderr.write(`${n} control changes…\n`);
    for (let i = 0; i < n; i++) {
      const change = CHANGES[i % CHANGES.length]!;
      const before = (await p.measures(FIRST_NAMES)).length;
      await change.apply(p, Math.floor(i / CHANGES.length));
      // Wait for this change's first names, then for the request to end (the user looks).
      for (let t = 0; (await p.measures(FIRST_NAMES)).length <= before; t++) {
        if (t > 600) throw new Error(`No names after "${change.what}".`);
        await p.page.waitForTimeout(20);
      }
      samples.push({ what: change.what, typing: change.typing, ms: (await p.measures(FIRST_NAMES))[before]! });
      await p.page.waitForTimeout(50);
      await done();
    }
    const all = samples.map((s) => s.ms);
    const typing = samples.filter((s) => s.typing).map((s) => s.ms);
    const clicks = samples.filter((s) => !s.typing).map((s) => s.ms);
    const summary = (xs: number[]) => ({ n: xs.length, median: quantile(xs, 0.5), p90: quantile(xs, 0.9), max: Math.max(...xs) });
    const results = {
      machine: machineInfo(loadStart),
      coldFirstNamesMs: coldMs,
      all: summary(all),
      typing: summary(typing),
      clicks: summary(clicks),
      samples,
    };
    fs.mkdirSync(path.dirname(flags.out!), { recursive: true });
    fs.writeFileSync(flags.out!, JSON.stringify(results, null, 2) + '\n');
    const f = (s: ReturnType<typeof summary>): string =>
      `median ${s.median.toFixed(0)} ms · p90 ${s.p90.toFixed(0)} ms · max ${s.max.toFixed(0)} ms (${s.n})`;
    console.log(`Control change → first names on screen (goal: within 300 ms)`);
    console.log(`  all changes                      ${f(results.all)}`);
    console.log(`  typed (120 ms settling included)  ${f(results.typing)}`);
    console.log(`  clicked (asked at once)           ${f(results.clicks)}`);
    console.log(`  the tab opening, cold (worker start, model sent): ${coldMs.toFixed(0)} ms to the first names`);
    console.log(
      `Load average ${loadStart.map((l) => l.toFixed(1)).join(' ')} at start, ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at end (${os.cpus().length} cores) → ${path.relative(REPO_ROOT, flags.out!)}`,
    );
  } finally {
    await browser.close();
    await server.close();
    host.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`generateLatency: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
