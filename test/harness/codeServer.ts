/**
 * code-server for one test run: fresh user-data and extensions directories with settings that
 * cut the noise, optional VSIX installs, and the server on 127.0.0.1 (a free port) in its own
 * process group. It is stopped by killing that group — also when the run fails or is
 * interrupted — since killing only the server's pid can leave its extension host running.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { onExit } from './cleanup';
import { type Tools } from './tools';

export interface CodeServerOptions {
  /** The folder, or `.code-workspace` file, opened as the workspace. */
  open: string;
  /** VSIX files installed before the server starts. */
  vsix?: string[];
  /** Lets the page URL load an extension under development and run its tests (`payload`). */
  smokeTestDriver?: boolean;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** The user-data directory (settings, global storage of extensions). */
  dataDir: string;
  /** The workbench URL for the workspace, with an optional smoke-test `payload`. */
  url(payload?: [string, string][]): string;
  /** `vscode-remote://` URI of a server-side path, as payload entries need. */
  remoteUri(file: string): string;
  /** Everything the server printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * User settings that run Makemore in code-server's web worker extension host — VS Code for the
 * Web's, where the extension's `browser` entry runs — instead of its Node host (`main`).
 */
export const WEB_HOST_SETTINGS = { 'remote.extensionKind': { 'makemore.makemore-vscode': ['web'] } };

/** Settings that keep a fresh profile quiet: no welcome page, updates, telemetry, trust or chat. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
};

/**
 * Environment for code-server: none of an enclosing VS Code's, npm's or Node's variables leak in
 * (NODE_OPTIONS could load a test runner's hooks into it), and its config file lives in `home`
 * (not the user's ~/.config/code-server).
 */
function serverEnv(tools: Tools, home: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(VSCODE_|ELECTRON_|npm_|NODE$|NODE_OPTIONS$|INIT_CWD$)/i.test(name)),
  );
  return {
    ...env,
    PATH: `${path.dirname(tools.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    CODE_SERVER_CONFIG: path.join(home, 'config.yaml'),
  };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startCodeServer(tools: Tools, options: CodeServerOptions): Promise<CodeServer> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-code-server-'));
  const dataDir = path.join(home, 'data');
  const extensionsDir = path.join(home, 'extensions');
  fs.mkdirSync(path.join(dataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'User/settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  const env = serverEnv(tools, home);
  const profile = ['--user-data-dir', dataDir, '--extensions-dir', extensionsDir];
  for (const vsix of options.vsix ?? []) {
    const result = spawnSync(tools.node, [tools.codeServer, ...profile, '--install-extension', vsix], { env, encoding: 'utf8' });
    if (result.status !== 0) {
      fs.rmSync(home, { recursive: true, force: true });
      throw new Error(`code-server could not install ${vsix}:\n${result.stdout}${result.stderr}`);
    }
  }

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = [
    tools.codeServer,
    ...profile,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    options.open,
  ];
  // detached: the server leads a new process group, which stop() kills as a whole.
  const child = spawn(tools.node, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`code-server did not start (${tools.node} ${tools.codeServer}).`);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  const unregister = onExit(() => {
    killGroup('SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
  });

  const stop = async () => {
    unregister();
    killGroup('SIGTERM');
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, 5000, 'timeout').unref());
    if ((await Promise.race([exited, timeout])) === 'timeout') killGroup('SIGKILL');
    killGroup('SIGKILL'); // anything of the group that outlived the server
    fs.rmSync(home, { recursive: true, force: true });
  };

  try {
    await waitForOutput(() => output, 'HTTP server listening', exited, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`code-server did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }

  const workspace = `${options.open.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(options.open)}`;
  return {
    origin,
    dataDir,
    url: (payload) => `${origin}/?${workspace}` + (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''),
    remoteUri: (file) => `vscode-remote://127.0.0.1:${port}${path.resolve(file)}`,
    output: () => output,
    stop,
  };
}

async function waitForOutput(read: () => string, text: string, exited: Promise<void>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  let gone = false;
  void exited.then(() => (gone = true));
  while (!read().includes(text)) {
    if (gone) throw new Error('it exited');
    if (Date.now() > deadline) throw new Error(`no "${text}" within ${ms / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
