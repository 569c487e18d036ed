/**
 * How soon do the new bars show after a click in the Explore tab? The panel in headless Chromium
 * (the built webview bundle, under its CSP), with the extension's own host side (ExploreClient)
 * and the generation worker (dist/worker.js in a worker thread) behind it, exploring the
 * defaults' model on names.txt. The user clicks a bar (its character is appended), waits for the
 * new bars, clicks the next, and now and then goes back with Backspace; the webview measures
 * (User Timing) from the click to the render that puts the new prefix's bars on screen. Also the
 * explorer's questions in the worker alone (bench/score.ts: scoring 100,000 lines, a hover's
 * reading). Not measured: VS Code's own webview ↔ host message passing.
 *
 *   npm run bench:explore [-- --model FILE | --data FILE] [--clicks 60] [--out FILE]
 *
 * Without --model it trains the defaults for up to 60 s first (bench/workerRun.ts). Goals: new
 * bars within 50 ms of a click; a hover's reading within 50 ms; 100,000 lines scored within 2 s.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { initialRunState } from '../src/shared/runState';
import { liveHost, targetOf } from '../test/browser/generationHost';
import { launchBrowser, WebviewPage } from '../test/browser/harness';
import { startServer } from '../test/browser/server';
import { BARS_SHOWN } from '../webview/lib/exploration';
import { BENCH_DIR, REPO_ROOT, lastOf, machineInfo, runTsChild } from './children';
import type { ScoreLine, WorkerRunLine } from './messages';
import { formatScore } from './report';

const { values: flags } = parseArgs({
  options: {
    model: { type: 'string' },
    data: { type: 'string' },
    clicks: { type: 'string', default: '60' },
    out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'explore.json') },
  },
});

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

async function main(): Promise<void> {
  const loadStart = os.loadavg();
  const data = flags.data ?? process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'names.txt');
  let modelFile = flags.model;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-explore-'));
  if (!modelFile) {
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
  process.stderr.write('The explorer’s questions in the worker (scoring 100,000 lines, readings, distributions)…\n');
  const {
    event: _event,
    at: _at,
    ...score
  } = lastOf(await runTsChild<ScoreLine>('score.ts', ['--model', modelFile, '--data', data]), 'score');

  const bytes = new Uint8Array(fs.readFileSync(modelFile));
  const server = await startServer();
  const browser = await launchBrowser();
  const host = liveHost(targetOf(bytes));
  try {
    const p = await WebviewPage.open(browser, server, 'panel', 'dark', { width: 1100, height: 1000 }, { onPost: host.onPost });
    host.attach(p);
    await p.send(
      [
        { type: 'snapshot', state: initialRunState() },
        { type: 'showTab', tab: 'explore' },
      ],
      2,
    );
    await p.page.locator('.bars .bar-row').first().waitFor();
    const n = Number(flags.clicks);
    process.stderr.write(`${n} clicks in the Explore tab…\n`);
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const before = (await p.measures(BARS_SHOWN)).length;
      const prefix = await p.page.locator('.prefix-input').inputValue();
      if (prefix.length >= 6 || i % 7 === 6) await p.page.getByRole('button', { name: 'Remove the last character' }).click();
      else
        await p.page
          .locator('.bar-row:not(.end)')
          .nth(i % 4)
          .click();
      for (let t = 0; (await p.measures(BARS_SHOWN)).length <= before; t++) {
        if (t > 500) throw new Error(`No bars after click ${i}.`);
        await p.page.waitForTimeout(5);
      }
      samples.push((await p.measures(BARS_SHOWN))[before]!);
      await p.page.waitForTimeout(30);
    }
    const clicks = { n: samples.length, median: quantile(samples, 0.5), p90: quantile(samples, 0.9), max: Math.max(...samples) };
    const results = { machine: machineInfo(loadStart), clicks, samples, score };
    fs.mkdirSync(path.dirname(flags.out!), { recursive: true });
    fs.writeFileSync(flags.out!, JSON.stringify(results, null, 2) + '\n');
    console.log(
      `Click in the Explore tab → new bars on screen (goal: within 50 ms): median ${clicks.median.toFixed(1)} ms · p90 ${clicks.p90.toFixed(1)} ms · max ${clicks.max.toFixed(0)} ms (${clicks.n} clicks)`,
    );
    console.log(formatScore(score).join('\n'));
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
  console.error(`exploreLatency: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
