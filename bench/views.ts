/**
 * `npm run bench:views`: the views while training, in VS Code for the Web's arrangement — the
 * job in a Web Worker, the training panel and the sidebar view live in the page (same-site frames:
 * one main thread, as in code-server), fed the run events as the extension's WebviewHost feeds
 * them (bench/pages/viewsHost.ts) — against the same job with no view, in headless Chromium,
 * taking turns in rounds (so the load of other processes falls on both).
 *
 * Measured per run: wall time from the request to the finished event, ms per step (from the
 * progress events, after 30 warm-up steps), and the page's main-thread time from the Chrome
 * DevTools Protocol (`Performance.getMetrics` TaskDuration, with the Layout, RecalcStyle and
 * Script parts) over the run's wall time: the share of one core the page used. The views' share
 * is the run with views' minus the bare run's (the bare page only relays events). On Linux also
 * the CPU time of all of Chromium's processes and threads (/proc): the views' whole cost (their
 * compositing, raster and GPU process besides the main thread) and a ratio of work that, unlike
 * wall time, does not grow when other processes keep the training waiting for a core.
 *
 * Goals (issue 19): training with the views live takes ≤ 1.15× the bare worker's time; the views
 * use ≤ 10 % of one core while it trains. The default run on names.txt (its automatic settings,
 * the step count fixed to the automatic one, so that no time cap evens the two out).
 *
 * With `--workbench`, the same run also goes through VS Code for the Web itself: code-server with
 * the packaged VSIX (`npm run package` first) in its web worker extension host, the panel and
 * the sidebar open, Train on File from the Command Palette — the workbench's own main thread
 * (its status bar, the progress notification, relaying messages to the webviews, their layout)
 * measured over the run, less the same workbench idle for as long; the training time is the
 * panel's ("2,500 steps in 31.2 s"), against the bare worker's training time just before.
 *
 *   npm run bench:views [-- --data FILE] [--rounds 2] [--steps N] [--out bench/results/views.json] [--profile FILE.cpuprofile] [--workbench]
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { prepareConfigured } from '../src/core/pipeline';
import type { TrainingConfig } from '../src/core/config';
import { startServer } from '../test/browser/server';
import { launchBrowser } from '../test/harness/browser';
import { WEB_HOST_SETTINGS, startCodeServer } from '../test/harness/codeServer';
import { ensureChromium, ensureTools } from '../test/harness/tools';
import { Workbench } from '../test/harness/workbench';
import { builtAssets } from '../test/web/workerHost';
import { BENCH_DIR, REPO_ROOT, machineInfo } from './children';
import type { ViewsHost } from './pages/viewsHost';
import { textTable } from './report';
import { summarize, type Summary } from './stats';

const WARM_UP_STEPS = 30;

/** The page's main-thread times, in seconds (CDP Performance metrics). */
interface MainThread {
  task: number;
  layout: number;
  style: number;
  script: number;
}

export interface ViewsRun {
  views: boolean;
  wallSeconds: number;
  msPerStep: number;
  steps: number;
  /** Main-thread seconds over wall seconds: the share of one core. */
  mainThread: MainThread & { share: number };
  /** CPU seconds of all of Chromium's processes and threads over the run (Linux: /proc), the worker's included. */
  chromiumCpuSeconds?: number;
}

export interface ViewsResult {
  date: string;
  machine: ReturnType<typeof machineInfo>;
  data: string;
  chromium: string;
  config: Partial<TrainingConfig>;
  rounds: { bare: ViewsRun; views: ViewsRun; ratio: number }[];
  /** Wall time with the views over without, per round. */
  ratio: Summary;
  /** ms per step with the views over without, per round. */
  stepRatio: Summary;
  /** The page's share of one core with the views, without them, and the difference (the views' own). */
  share: { views: Summary; bare: Summary; viewsOwn: Summary };
  /**
   * All of Chromium's CPU time (every process and thread: the worker, the page, the compositor,
   * raster, the GPU process) with the views over without, and the difference over the run's wall
   * time — the views' whole cost as a share of one core (Linux only).
   */
  cpu?: { ratio: Summary; viewsShare: Summary };
  /** With --workbench: the run in VS Code for the Web (code-server). */
  workbench?: WorkbenchRun;
}

/**
 * CPU seconds (user + system) of every process descended from this one — the browser's, with
 * their threads, exited ones included — from /proc; undefined where there is no /proc.
 */
function descendantsCpuSeconds(): number | undefined {
  if (process.platform !== 'linux') return undefined;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command (in parentheses, which may hold spaces): state ppid … utime(14) stime(15) cutime(16) cstime(17).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The process ended meanwhile.
    }
  }
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let ticks = 0;
  const queue = [...(children.get(process.pid) ?? [])];
  while (queue.length) {
    const pid = queue.pop()!;
    ticks += stats.get(pid)?.ticks ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  // USER_HZ is 100 on Linux.
  return ticks / 100;
}

async function metrics(cdp: CDPSession): Promise<MainThread> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const get = (name: string): number => list.find((m) => m.name === name)?.value ?? 0;
  return { task: get('TaskDuration'), layout: get('LayoutDuration'), style: get('RecalcStyleDuration'), script: get('ScriptDuration') };
}

function msPerStep(progress: readonly { step: number; seconds: number }[]): number {
  const first = progress.find((p) => p.step >= WARM_UP_STEPS);
  const last = progress.at(-1);
  if (!first || !last || last.step - first.step < 10) throw new Error(`Too few steps to time (${progress.length} progress events).`);
  return ((last.seconds - first.seconds) * 1000) / (last.step - first.step);
}

/** Serves the page that hosts the worker and, when asked, the views (from `viewsOrigin`). */
export async function hostServer(viewsOrigin: string): Promise<{ origin: string; close(): Promise<void> }> {
  const bundle = await esbuild.build({
    entryPoints: [path.join(__dirname, 'pages/viewsHost.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  const script = bundle.outputFiles[0]!.text;
  const nonce = Math.random().toString(36).slice(2);
  const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`, `worker-src blob:`, `frame-src ${viewsOrigin}`].join(
    '; ',
  );
  const server = http.createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-store' });
      res.end(
        `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Makemore views while training</title></head><body><script nonce="${nonce}" src="/host.js"></script></body></html>`,
      );
    } else if (req.url === '/host.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(script);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export type Host = { viewsHost: ViewsHost };

async function runOnce(
  page: Page,
  cdp: CDPSession,
  viewsOrigin: string,
  views: boolean,
  text: string,
  config: Partial<TrainingConfig>,
  profile?: string,
): Promise<ViewsRun> {
  if (views) await page.evaluate((o) => (globalThis as unknown as Host).viewsHost.openViews(o), viewsOrigin);
  if (profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const before = await metrics(cdp);
  const cpuBefore = descendantsCpuSeconds();
  const run = await page.evaluate(
    ([t, c]) => (globalThis as unknown as Host).viewsHost.run({ type: 'train', text: t, listName: 'names.txt', config: c }),
    [text, config] as const,
  );
  const cpuAfter = descendantsCpuSeconds();
  const after = await metrics(cdp);
  if (profile) fs.writeFileSync(profile, JSON.stringify(((await cdp.send('Profiler.stop')) as { profile: unknown }).profile));
  if (views) await page.evaluate(() => (globalThis as unknown as Host).viewsHost.closeViews());
  if (run.kind !== 'finished') throw new Error(`The run ended: ${run.kind}`);
  const spent: MainThread = {
    task: after.task - before.task,
    layout: after.layout - before.layout,
    style: after.style - before.style,
    script: after.script - before.script,
  };
  return {
    views,
    wallSeconds: run.seconds,
    msPerStep: msPerStep(run.progress),
    steps: run.progress.at(-1)?.step ?? 0,
    mainThread: { ...spent, share: spent.task / run.seconds },
    ...(cpuBefore !== undefined && cpuAfter !== undefined ? { chromiumCpuSeconds: cpuAfter - cpuBefore } : {}),
  };
}

/** What the workbench run measured (see the top of this file). */
export interface WorkbenchRun {
  /** The training loop's seconds, as the panel reports them, and the bare worker's just before. */
  trainSeconds: number;
  bareTrainSeconds: number;
  ratio: number;
  /** From the command to the result notification. */
  wallSeconds: number;
  /** The page's main thread over the run (share of one core), and idle for as long before it. */
  share: number;
  idleShare: number;
  mainThread: MainThread;
}

const VSIX = path.join(REPO_ROOT, 'out/makemore.vsix');
const EXTENSION_ID = 'makemore.makemore-vscode';

async function workbenchRun(browser: Browser, page: Page, text: string, steps: number): Promise<WorkbenchRun> {
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first.`);
  // The bare worker's training time, in the host page, just before.
  const bare = await page.evaluate(
    ([t, c]) => (globalThis as unknown as Host).viewsHost.run({ type: 'train', text: t, listName: 'names.txt', config: c }),
    [text, { steps, timeBudget: 0 }] as const,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-bench-views-'));
  fs.writeFileSync(path.join(dir, 'names.txt'), text);
  const server = await startCodeServer(ensureTools(), {
    open: dir,
    vsix: [VSIX],
    settings: { ...WEB_HOST_SETTINGS, 'makemore.training.steps': steps, 'makemore.training.timeBudget': 0 },
  });
  try {
    const wb = await Workbench.open(browser, server.url(), path.join(REPO_ROOT, 'test-results/bench-views'));
    await wb.showViewContainer('Makemore');
    await wb.webview(EXTENSION_ID, '.sidebar');
    await wb.openFile('names.txt');
    await wb.runCommand('Makemore: Show Training Panel');
    const panel = await wb.webview(EXTENSION_ID, '.panel');
    const cdp = await wb.page.context().newCDPSession(wb.page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    // The workbench idle, panel and sidebar open, for 10 s.
    const idle0 = await metrics(cdp);
    await wb.page.waitForTimeout(10_000);
    const idle1 = await metrics(cdp);
    const idleShare = (idle1.task - idle0.task) / 10;
    const before = await metrics(cdp);
    const start = performance.now();
    await wb.runCommand('Makemore: Train on File');
    await wb.notification(/^Makemore trained on names\.txt/).waitFor({ timeout: 30 * 60_000 });
    const wallSeconds = (performance.now() - start) / 1000;
    const after = await metrics(cdp);
    const line = await panel.locator('.training-view .status-line').innerText();
    const m = /([\d,]+) steps in ([\d.]+) s/.exec(line) ?? /([\d,]+) steps in (\d+) min (\d+) s/.exec(line);
    if (!m) throw new Error(`The panel's status line gives no training time: ${line}`);
    const trainSeconds = m.length === 4 ? Number(m[2]) * 60 + Number(m[3]) : Number(m[2]);
    await wb.screenshot('trained');
    const spent: MainThread = {
      task: after.task - before.task,
      layout: after.layout - before.layout,
      style: after.style - before.style,
      script: after.script - before.script,
    };
    const bareTrainSeconds = (bare.finished as { seconds: number }).seconds;
    return {
      trainSeconds,
      bareTrainSeconds,
      ratio: trainSeconds / bareTrainSeconds,
      wallSeconds,
      share: spent.task / wallSeconds,
      idleShare,
      mainThread: spent,
    };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

export async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      rounds: { type: 'string', default: '2' },
      steps: { type: 'string' },
      out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'views.json') },
      // A CPU profile of the page during the last run with the views (open it in Chrome DevTools).
      profile: { type: 'string' },
      // The run through VS Code for the Web itself too (code-server, the packaged VSIX).
      workbench: { type: 'boolean', default: false },
    },
  });
  const data = values.data ?? process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'names.txt');
  if (!fs.existsSync(data)) throw new Error(`${data}: no such file (pass --data FILE or set MAKEMORE_NAMES).`);
  const text = fs.readFileSync(data, 'utf8');
  // The default run's step count, fixed (an automatic run may follow time: it would hide a slowdown).
  const steps = values.steps ? Number(values.steps) : prepareConfigured(text, {}).config.steps;
  const config: Partial<TrainingConfig> = { steps, timeBudget: 0 };
  const loadStart = os.loadavg();

  const viewsServer = await startServer();
  const host = await hostServer(viewsServer.origin);
  const browser = await launchBrowser({ chromium: process.env.CHROMIUM_PATH ?? ensureChromium() });
  const rounds: ViewsResult['rounds'] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(host.origin);
    await page.waitForFunction(() => 'viewsHost' in globalThis);
    const built = builtAssets();
    const wasm = Object.fromEntries(Object.entries(built.wasm).map(([f, b]) => [f, Buffer.from(b).toString('base64')]));
    await page.evaluate(([s, w]) => (globalThis as unknown as Host).viewsHost.setAssets(s, w), [built.script, wasm] as const);
    const cdp = await page.context().newCDPSession(page);
    // Thread time, not wall time: on a loaded machine a task's wall time counts the waits for a core.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const rounds_ = Number(values.rounds);
    process.stderr.write(
      `Views while training: ${rounds_} rounds of the default run on ${path.basename(data)} (${steps} steps), with the panel and the sidebar live and without, taking turns…\n`,
    );
    for (let r = 0; r < rounds_; r++) {
      const order = r % 2 === 0 ? [false, true] : [true, false];
      const got: Partial<Record<'bare' | 'views', ViewsRun>> = {};
      for (const views of order)
        got[views ? 'views' : 'bare'] = await runOnce(
          page,
          cdp,
          viewsServer.origin,
          views,
          text,
          config,
          views && r === rounds_ - 1 ? values.profile : undefined,
        );
      const { bare, views } = got as Record<'bare' | 'views', ViewsRun>;
      rounds.push({ bare, views, ratio: views.wallSeconds / bare.wallSeconds });
      process.stderr.write(
        `[views] round ${r + 1}/${rounds_}: bare ${bare.wallSeconds.toFixed(1)} s (${pct(bare.mainThread.share)} main thread), ` +
          `views ${views.wallSeconds.toFixed(1)} s (${pct(views.mainThread.share)} main thread: layout ${views.mainThread.layout.toFixed(2)} s, style ${views.mainThread.style.toFixed(2)} s, script ${views.mainThread.script.toFixed(2)} s)\n`,
      );
    }
    let workbench: WorkbenchRun | undefined;
    if (values.workbench) {
      process.stderr.write(
        'VS Code for the Web: code-server, the packaged VSIX in the web worker extension host, panel and sidebar open, Train on File…\n',
      );
      workbench = await workbenchRun(browser, page, text, steps);
    }
    if (problems.length) throw new Error(`The page reported: ${problems.join('; ')}`);
    const result: ViewsResult = {
      ...(workbench ? { workbench } : {}),
      date: new Date().toISOString(),
      machine: machineInfo(loadStart),
      data,
      chromium: browser.version(),
      config,
      rounds,
      ratio: summarize(rounds.map((r) => r.ratio)),
      stepRatio: summarize(rounds.map((r) => r.views.msPerStep / r.bare.msPerStep)),
      share: {
        views: summarize(rounds.map((r) => r.views.mainThread.share)),
        bare: summarize(rounds.map((r) => r.bare.mainThread.share)),
        viewsOwn: summarize(rounds.map((r) => r.views.mainThread.share - r.bare.mainThread.share)),
      },
      ...(rounds.every((r) => r.views.chromiumCpuSeconds !== undefined && r.bare.chromiumCpuSeconds !== undefined)
        ? {
            cpu: {
              ratio: summarize(rounds.map((r) => r.views.chromiumCpuSeconds! / r.bare.chromiumCpuSeconds!)),
              viewsShare: summarize(rounds.map((r) => (r.views.chromiumCpuSeconds! - r.bare.chromiumCpuSeconds!) / r.views.wallSeconds)),
            },
          }
        : {}),
    };
    fs.mkdirSync(path.dirname(values.out), { recursive: true });
    fs.writeFileSync(values.out, JSON.stringify(result, null, 2) + '\n');
    process.stdout.write(
      [
        `Load average ${loadStart.map((l) => l.toFixed(1)).join(' ')} at start, ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} at end (${os.cpus().length} cores); Chromium ${result.chromium}`,
        textTable(
          [
            ['', 'bare worker', 'panel + sidebar live'],
            [
              'wall time (median)',
              `${summarize(rounds.map((r) => r.bare.wallSeconds)).median.toFixed(1)} s`,
              `${summarize(rounds.map((r) => r.views.wallSeconds)).median.toFixed(1)} s`,
            ],
            [
              'ms per step (median)',
              summarize(rounds.map((r) => r.bare.msPerStep)).median.toFixed(2),
              summarize(rounds.map((r) => r.views.msPerStep)).median.toFixed(2),
            ],
            ['page main thread (share of one core)', pct(result.share.bare.median), pct(result.share.views.median)],
            ...(result.cpu
              ? [
                  [
                    "Chromium's CPU, all threads (median)",
                    `${summarize(rounds.map((r) => r.bare.chromiumCpuSeconds!)).median.toFixed(1)} s`,
                    `${summarize(rounds.map((r) => r.views.chromiumCpuSeconds!)).median.toFixed(1)} s`,
                  ],
                ]
              : []),
          ],
          'lrr',
        ),
        '',
        textTable(
          [
            ['', 'goal', 'measured', ''],
            [
              'training time with the views / without',
              '≤ 1.15×',
              `${result.ratio.median.toFixed(2)}× (rounds ${result.ratio.runs.map((x) => x.toFixed(2)).join(', ')})`,
              result.ratio.median <= 1.15 ? 'met' : 'MISSED',
            ],
            [
              "the views' main-thread time while training",
              '≤ 10 % of one core',
              `${pct(result.share.viewsOwn.median)}`,
              result.share.viewsOwn.median <= 0.1 ? 'met' : 'MISSED',
            ],
            ...(result.cpu
              ? [
                  [
                    "the views' CPU time, all threads (compositor, raster, GPU process too)",
                    '',
                    `${pct(result.cpu.viewsShare.median)} of one core`,
                    '',
                  ],
                  [
                    'CPU time with the views / without (unlike wall time, not bent by waits for a core)',
                    '',
                    `${result.cpu.ratio.median.toFixed(2)}× (rounds ${result.cpu.ratio.runs.map((x) => x.toFixed(2)).join(', ')})`,
                    '',
                  ],
                ]
              : []),
            ...(workbench
              ? [
                  [
                    'VS Code for the Web: training time / bare worker',
                    '≤ 1.15×',
                    `${workbench.ratio.toFixed(2)}× (${workbench.trainSeconds.toFixed(1)} s / ${workbench.bareTrainSeconds.toFixed(1)} s)`,
                    workbench.ratio <= 1.15 ? 'met' : 'MISSED',
                  ],
                  [
                    'VS Code for the Web: main thread while training, less idle',
                    '≤ 10 % of one core',
                    `${pct(workbench.share - workbench.idleShare)} (${pct(workbench.share)} − ${pct(workbench.idleShare)} idle)`,
                    workbench.share - workbench.idleShare <= 0.1 ? 'met' : 'MISSED',
                  ],
                ]
              : []),
          ],
          'lrll',
        ),
      ].join('\n') + '\n',
    );
    process.stderr.write(`Results written to ${path.relative(process.cwd(), values.out) || values.out}.\n`);
  } finally {
    await browser.close();
    await host.close();
    await viewsServer.close();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
