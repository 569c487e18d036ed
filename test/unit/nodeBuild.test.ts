/**
 * The desktop bundles as built by `npm run build`: the VSIX ships no node_modules, so the worker and
 * the CLI must need nothing but Node's own modules — and node-fetch, which tfjs-core requires only
 * when Node has no global fetch (never on Node 18+; scripts/build.mjs leaves it out).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '../../dist');

describe('the desktop bundles', () => {
  for (const name of ['worker.js', 'cli.js', 'extension.js']) {
    it(`dist/${name} requires only Node's own modules${name === 'extension.js' ? ' and vscode' : ''}`, () => {
      const code = fs.readFileSync(path.join(DIST, name), 'utf8');
      const required = new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1]!));
      assert.ok(required.size > 0, 'the bundle requires something (the pattern matches)');
      const allowed = (m: string) =>
        builtinModules.includes(m.replace(/^node:/, '')) || (name === 'extension.js' ? m === 'vscode' : m === 'node-fetch');
      assert.deepEqual(
        [...required].filter((m) => !allowed(m)),
        [],
      );
    });
  }
});
