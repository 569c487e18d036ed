/**
 * One code-server for a run of user scenarios: the packaged extension installed from its VSIX
 * (`npm run package`), a workspace written at test time, headless Chromium as the user — and
 * what the scenarios read and check: the stored models, the workspace's files, the cursors,
 * canvases and the panel's tabs. `scenarioSession` registers the mocha hooks that start and stop
 * it; the Node host's scenarios (scenarios.e2e.ts) and the web host's (test/web/scenarios.test.ts)
 * share it and the scenarios of coreScenarios.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type FrameLocator, type Locator } from 'playwright-core';
import { readCheckpointHeader, type CheckpointHeader } from '../../src/core/checkpoint';
import { launchBrowser } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { ensureTools } from '../harness/tools';
import { UI_TIMEOUT, Workbench } from '../harness/workbench';
import { createWorkspace, type Workspace } from './workspace';

export const ROOT = path.resolve(__dirname, '../..');
export const VSIX = path.join(ROOT, 'out/makemore.vsix');
export const EXTENSION_ID = 'makemore.makemore-vscode';

/** The part of a canvas element used here (the root tsconfig has no DOM types). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/** Counts the strongly coloured pixels of a canvas: the plotted series, not the grey axes and grid. */
export async function colouredPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: Canvas) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 80) count++;
    }
    return count;
  });
}

/** Pixels of a canvas drawn in `colour` (a CSS `rgb(…)`), give or take a little for anti-aliasing. */
export async function pixelsOf(canvas: Locator, colour: string): Promise<number> {
  return canvas.evaluate((c: Canvas, target: string) => {
    const [r0, g0, b0] = (target.match(/\d+/g) ?? []).map(Number);
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && Math.abs(data[i] - r0) < 12 && Math.abs(data[i + 1] - g0) < 12 && Math.abs(data[i + 2] - b0) < 12) count++;
    }
    return count;
  }, colour);
}

/** The panel's selected view tab (its accessible name, e.g. `Sweep`). */
export function selectedTab(panel: FrameLocator): Promise<string | null> {
  return panel.locator('[role="tab"][aria-selected="true"]').textContent();
}

/** Polls `read` until `done` holds for its value; returns that value. */
export async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(value)}).`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface ScenarioSession {
  readonly workspace: Workspace;
  readonly server: CodeServer;
  readonly wb: Workbench;
  /** Where screenshots and the code-server log go. */
  readonly artefacts: string;
  /** The stored runs' model files with their modification times. */
  storedModels(): Record<string, number>;
  /** The header of a stored model file. */
  storedHeader(file: string): CheckpointHeader;
  /** The contents of a stored model file. */
  storedBytes(file: string): Buffer;
  /** A workspace file's text, as saved. */
  read(relative: string): string;
  /**
   * Writes the settings file of a workspace folder on disk, as another program would, and waits
   * until VS Code has seen the change: its editor (Preferences: Open Folder Settings (JSON))
   * shows the new text — VS Code reads the settings on the same file-change event. The editor is
   * closed again.
   */
  changeFolderSettings(folder: string, settings: Record<string, unknown>): Promise<void>;
  /** The active editor's cursors. */
  cursors(): Locator;
}

/**
 * Starts code-server with the VSIX installed and the workbench open before the suite's tests,
 * screenshots a failed test, and stops everything after them. `settings` are extra user settings.
 */
export function scenarioSession(options: { artefacts: string; settings?: Record<string, unknown> }): ScenarioSession {
  let workspace: Workspace | undefined;
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The scenario session has no ${what}: its before hook failed.`);
    return value;
  };
  const modelsDir = () => path.join(started(server, 'server').dataDir, 'User/globalStorage', EXTENSION_ID, 'runs');

  before(async function () {
    if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first.`);
    fs.rmSync(options.artefacts, { recursive: true, force: true });
    const tools = ensureTools();
    workspace = createWorkspace();
    // Explicit saves only: the scenarios read the editor's text from disk after Ctrl+S.
    server = await startCodeServer(tools, {
      open: workspace.file,
      vsix: [VSIX],
      settings: { 'files.autoSave': 'off', ...options.settings },
    });
    browser = await launchBrowser(tools);
    wb = await Workbench.open(browser, server.url(), options.artefacts);
  });

  // Every scenario starts from a known layout: one editor group, no editor, no notification.
  beforeEach(async function () {
    await wb?.startFresh();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      const file = await wb.screenshot(`${this.currentTest.title.split('.')[0]}-FAILED`);
      console.log(`      screenshot: ${path.relative(ROOT, file)}; notifications: ${JSON.stringify(await wb.notificationMessages())}`);
    }
  });

  after(async function () {
    await browser?.close();
    if (server) {
      fs.mkdirSync(options.artefacts, { recursive: true });
      fs.writeFileSync(path.join(options.artefacts, 'code-server.log'), server.output());
      await server.stop();
    }
    workspace?.remove();
  });

  return {
    get workspace() {
      return started(workspace, 'workspace');
    },
    get server() {
      return started(server, 'server');
    },
    get wb() {
      return started(wb, 'workbench');
    },
    artefacts: options.artefacts,
    storedModels: () => {
      const dir = modelsDir();
      if (!fs.existsSync(dir)) return {};
      return Object.fromEntries(
        fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.makemore'))
          .map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]),
      );
    },
    storedHeader: (file) => readCheckpointHeader(fs.readFileSync(path.join(modelsDir(), file))),
    storedBytes: (file) => fs.readFileSync(path.join(modelsDir(), file)),
    read: (relative) => fs.readFileSync(started(workspace, 'workspace').path(relative), 'utf8'),
    changeFolderSettings: async (folder, settings) => {
      const bench = started(wb, 'workbench');
      await bench.runCommand('Preferences: Open Folder Settings (JSON)');
      await bench.answerQuickPick({ row: folder });
      // The settings editor (VS Code shows it over the others, in a modal editor): the one editor whose text names a Makemore setting.
      const editor = bench.page.locator('.monaco-editor .view-lines', { hasText: '"makemore.' });
      await editor.waitFor();
      const text = JSON.stringify(settings, null, 2);
      fs.writeFileSync(started(workspace, 'workspace').path(`${folder}/.vscode/settings.json`), text);
      const wanted = text
        .split('\n')
        .map((l) => l.trim())
        .join('\n');
      const shown = async (): Promise<string> =>
        (await editor.locator('.view-line').allInnerTexts())
          .map((l) => l.replace(/\u00a0/g, ' ').trim())
          .filter(Boolean)
          .join('\n');
      await until(shown, (lines) => lines === wanted, `VS Code to see the new settings of ${folder}`);
      // Closed as a user closes it (Ctrl+W): a modal editor keeps the keys the Command Palette needs.
      await editor.click();
      await bench.page.keyboard.press('Control+W');
      await editor.waitFor({ state: 'detached' });
    },
    cursors: () => started(wb, 'workbench').page.locator('.editor-group-container.active .cursors-layer .cursor'),
  };
}
