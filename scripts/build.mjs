// One build script for every bundle (run: node scripts/build.mjs [--production] [--watch]).
//
//   dist/extension.js       the VS Code extension for the desktop host (node, cjs, `vscode` external)
//   dist/worker.js          its job worker (node, cjs) + the tfjs-backend-wasm .wasm files
//   dist/web/extension.js   the same extension for VS Code for the Web's web worker host
//                           (browser, cjs, `vscode` external)
//   dist/web/worker.js      its job worker, a Web Worker (browser, iife: a classic script);
//                           it gets the .wasm files above from the host
//   dist/cli.js             the `makemore` CLI (node, cjs), with the embedded sample word list
//   dist/webview/panel.js   the training panel (browser, iife)
//   dist/webview/sidebar.js the sidebar loss view (browser, iife)
//   dist/webview/*.css      uPlot's stylesheet and ours
//   dist/sample-lists.json  the lists of Makemore: Open a Sample List…, made from @faker-js/faker's
//                           locale definitions (scripts/sampleLists.mjs)
//   out/test/vscode/*.js    the mocha suite that runs inside VS Code (not bundled: mocha and
//                           vscode are resolved at run time)
//   out/test/web/index.js   the same suite for the web worker extension host (browser, cjs,
//                           one file: mocha's browser build and an `assert` for browsers in it)
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, watchFile, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSampleLists } from './sampleLists.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const dist = join(root, 'dist');

/** `virtual:sample-words`: English first names from @faker-js/faker, computed at build time. */
const sampleWords = {
  name: 'sample-words',
  setup(build) {
    build.onResolve({ filter: /^virtual:sample-words$/ }, (args) => ({ path: args.path, namespace: 'sample-words' }));
    build.onLoad({ filter: /.*/, namespace: 'sample-words' }, async () => {
      const { en } = await import('@faker-js/faker');
      const { generic = [], female = [], male = [] } = en.person.first_name;
      const names = [...new Set([...generic, ...female, ...male])].sort();
      return { contents: `export default ${JSON.stringify(names.join('\n') + '\n')};`, loader: 'js' };
    });
  },
};

/**
 * tfjs-backend-wasm's multi-threaded build (an Emscripten module, and the script of its thread
 * workers, which holds Node-only code as text): never used in a Web Worker here — threads need
 * cross-origin isolation, and core/backend.ts turns them off — so the web worker gets stubs.
 */
const noWasmThreads = {
  name: 'no-wasm-threads',
  setup(build) {
    build.onResolve({ filter: /tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/ }, (args) => ({
      path: args.path,
      namespace: 'no-wasm-threads',
    }));
    build.onLoad({ filter: /\.worker\.js$/, namespace: 'no-wasm-threads' }, () => ({
      contents: "export const wasmWorkerContents = '';",
      loader: 'js',
    }));
    build.onLoad({ filter: /simd\.js$/, namespace: 'no-wasm-threads' }, () => ({
      contents: "export default function () { throw new Error('The multi-threaded WebAssembly backend is not part of this build.'); }",
      loader: 'js',
    }));
  },
};

/** `virtual:vscode-suites`: imports every test/vscode/*.test.ts, so the web suite runs what the Node suite runs. */
const vscodeSuites = {
  name: 'vscode-suites',
  setup(build) {
    build.onResolve({ filter: /^virtual:vscode-suites$/ }, (args) => ({ path: args.path, namespace: 'vscode-suites' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-suites' }, () => {
      const files = readdirSync(join(root, 'test/vscode'))
        .filter((f) => f.endsWith('.test.ts'))
        .sort();
      return {
        contents: files.map((f) => `import ${JSON.stringify(join(root, 'test/vscode', f))};`).join('\n'),
        loader: 'js',
        resolveDir: root,
      };
    });
  },
};

/** `node:assert/strict` in a browser bundle: the `assert` package's strict mode (test/vscode/web/assertStrict.ts). */
const browserAssert = {
  name: 'browser-assert',
  setup(build) {
    build.onResolve({ filter: /^node:assert(\/strict)?$/ }, () => ({ path: join(root, 'test/vscode/web/assertStrict.ts') }));
  },
};

/** Reports build results in the format of the `$esbuild-watch` problem matcher. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  plugins: watch ? [problemMatcher] : [],
};
// Node bundles take packages' ES modules where they have them ("module" before "main"), as the
// browser bundles do: tfjs-core's CommonJS build is not tree-shaken (289 KB against 129 KB).
const node = { ...common, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'] };
// The Node bundles with TensorFlow.js leave node-fetch out: tfjs-core requires it only when Node
// has no global fetch (Node 18+ has one, and nothing of ours fetches: the .wasm bytes are read and
// handed over), and it would bring tr46 and whatwg-url (300 KB).
const nodeTfjs = { ...node, external: ['node-fetch'] };
const browser = { ...common, platform: 'browser', format: 'iife', target: 'es2022' };
const web = join(dist, 'web');

const builds = [
  { ...node, entryPoints: { extension: 'src/extension/nodeMain.ts' }, outdir: dist, external: ['vscode'] },
  { ...nodeTfjs, entryPoints: { worker: 'src/worker/nodeMain.ts' }, outdir: dist },
  { ...browser, format: 'cjs', entryPoints: { extension: 'src/extension/webMain.ts' }, outdir: web, external: ['vscode'], metafile: true },
  {
    ...browser,
    entryPoints: { worker: 'src/worker/webMain.ts' },
    outdir: web,
    plugins: [...browser.plugins, noWasmThreads],
    metafile: true,
  },
  {
    ...nodeTfjs,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: dist,
    banner: { js: '#!/usr/bin/env node' },
    plugins: [...node.plugins, sampleWords],
  },
  {
    ...browser,
    entryPoints: { panel: 'webview/panel/main.ts', sidebar: 'webview/sidebar/main.ts' },
    outdir: join(dist, 'webview'),
  },
  {
    ...node,
    bundle: false,
    sourcemap: 'inline',
    entryPoints: readdirSync(join(root, 'test/vscode'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => `test/vscode/${f}`),
    outdir: join(root, 'out/test/vscode'),
    define: { MAKEMORE_SUITE_HOST: '"node"' },
  },
  {
    ...browser,
    format: 'cjs',
    sourcemap: 'inline',
    entryPoints: { index: 'test/vscode/web/index.ts' },
    outdir: join(root, 'out/test/web'),
    external: ['vscode'],
    plugins: [...browser.plugins, vscodeSuites, browserAssert],
    inject: ['test/vscode/web/process.ts'],
    define: { MAKEMORE_SUITE_HOST: '"web"' },
  },
];

const wasmDist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
/** Files copied as they are: [source, destination]. Node uses the SIMD wasm build (threads are
 * unavailable in Node); the plain one is the fallback when SIMD is not supported. */
const assets = [
  ...['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'].map((f) => [join(wasmDist, f), join(dist, f)]),
  [join(dirname(require.resolve('uplot/package.json')), 'dist/uPlot.min.css'), join(dist, 'webview/uPlot.min.css')],
  [join(root, 'webview/style.css'), join(dist, 'webview/style.css')],
];

function copyAssets() {
  mkdirSync(join(dist, 'webview'), { recursive: true });
  for (const [from, to] of assets) copyFileSync(from, to);
}

process.chdir(root);
copyAssets();
await writeSampleLists(join(dist, 'sample-lists.json'));
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  // Copy an asset again when it changes (the stylesheet, while developing the webviews).
  for (const [from, to] of assets) {
    watchFile(from, { interval: 300 }, () => {
      copyFileSync(from, to);
      console.log(`[watch] copied ${relative(root, from)}`);
    });
  }
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  // What went into the web bundles, for the test that keeps Node out of them (test/unit/webBuild.test.ts).
  mkdirSync(join(root, 'out/meta'), { recursive: true });
  results.forEach((result, i) => {
    if (!result.metafile) return;
    const name = Object.keys(builds[i].entryPoints)[0];
    writeFileSync(join(root, 'out/meta', `web-${name}.json`), JSON.stringify(result.metafile));
  });
}
