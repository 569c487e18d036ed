/**
 * The web build (VS Code for the Web) as built by `npm run build` (test:unit builds first): one
 * manifest with a `browser` entry beside `main`, and web bundles free of Node — what esbuild put
 * into them (out/meta/web-*.json, its metafiles) and the code that came out.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

interface Metafile {
  inputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

function metafile(name: string): Metafile {
  const file = path.join(ROOT, 'out/meta', `web-${name}.json`);
  assert.ok(fs.existsSync(file), `${file} is missing: run npm run build`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Metafile;
}

describe('the web build', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

  it('the manifest has a browser entry beside main, and no extensionKind (each host picks its entry)', () => {
    assert.equal(manifest.main, './dist/extension.js');
    assert.equal(manifest.browser, './dist/web/extension.js');
    assert.equal(manifest.extensionKind, undefined);
    for (const entry of [manifest.main, manifest.browser, './dist/web/worker.js'])
      assert.ok(fs.existsSync(path.join(ROOT, String(entry))), `${entry} is built`);
  });

  for (const name of ['extension', 'worker']) {
    it(`dist/web/${name}.js: no Node module or Node-only source went in, and no Node API comes out`, () => {
      const { inputs } = metafile(name);
      const sources = Object.keys(inputs);
      assert.ok(
        sources.some((s) => s.startsWith('src/')),
        'the metafile lists the sources',
      );
      const nodeOnly = sources.filter((s) => /(^|\/)node[A-Z]\w*\.ts$/.test(s) || s.startsWith('src/cli/'));
      assert.deepEqual(nodeOnly, [], 'Node-only modules (node*.ts, the CLI)');
      const imports = Object.values(inputs).flatMap((i) => i.imports.filter((imp) => imp.external).map((imp) => imp.path));
      assert.deepEqual([...new Set(imports)], name === 'extension' ? ['vscode'] : [], 'external imports');
      const code = fs.readFileSync(path.join(ROOT, 'dist/web', `${name}.js`), 'utf8');
      for (const pattern of [/require\(["'](?!vscode["'])[^"']+["']\)/, /\bnode:[a-z_]+/, /worker_threads/, /\bsetImmediate\b/]) {
        assert.doesNotMatch(code, pattern);
      }
    });
  }

  it('the web extension bundle holds no TensorFlow.js (it stays in the worker)', () => {
    const sources = Object.keys(metafile('extension').inputs);
    assert.deepEqual(
      sources.filter((s) => s.includes('@tensorflow')),
      [],
    );
    assert.ok(
      Object.keys(metafile('worker').inputs).some((s) => s.includes('@tensorflow/tfjs-backend-wasm')),
      'the worker has the wasm backend',
    );
  });
});
