// ESLint flat config: typescript-eslint's recommended rules for every TypeScript file, with
// the browser globals for webview/ and Node's elsewhere, and the project's layering rules.
import js from '@eslint/js';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * The engine modules that run TensorFlow.js: those of src/core that import it, directly or
 * through another core module (found by reading their imports, so a new one is covered at once).
 * Only the worker, the CLI, the benchmarks and tests may import them; the extension host, the
 * shared protocol and the webviews stay free of TensorFlow.js by this rule, not by luck of
 * tree-shaking.
 */
function tensorflowModules() {
  const dir = new URL('./src/core/', import.meta.url);
  const imports = new Map(
    readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => [
        f.slice(0, -3),
        [...readFileSync(new URL(f, dir), 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)].map((m) => m[1]),
      ]),
  );
  const uses = new Set([...imports].filter(([, from]) => from.some((m) => m.startsWith('@tensorflow/'))).map(([name]) => name));
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, from] of imports) {
      if (!uses.has(name) && from.some((m) => m.startsWith('./') && uses.has(m.slice(2)))) {
        uses.add(name);
        grew = true;
      }
    }
  }
  return [...uses].sort();
}
const TFJS_MESSAGE =
  'TensorFlow.js stays in the worker: the extension host, src/shared and the webviews import only the pure engine modules (src/core modules that import no TensorFlow.js).';

/**
 * The extension runs in VS Code for the Web too (a browser web worker host, jobs in a Web
 * Worker): src/core, src/shared, src/worker and src/extension must not need Node. Node-only
 * pieces live in modules named node*.ts (nodeBackend.ts, the Node entries nodeMain.ts, the
 * worker_threads adapter nodeWorker.ts), which only other Node-only modules, the CLI, tests and
 * benchmarks import. The web bundles are checked too (test/unit/webBuild.test.ts).
 */
const NODE_ONLY_MODULES = 'src/**/node[A-Z]*.ts';
const NODE_MESSAGE = 'Runs in VS Code for the Web too: no Node API here. Node-only code goes in a node*.ts module (see eslint.config.mjs).';
const NODE_GLOBALS = ['process', 'Buffer', 'setImmediate', 'clearImmediate', '__dirname', '__filename', 'require', 'module', 'global'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'scratch/**', '.vscode-test/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The engine (src/core) must not depend on VS Code.' }] }],
    },
  },
  {
    files: ['src/extension/**/*.ts', 'src/shared/**/*.ts', 'webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@tensorflow/tfjs', message: TFJS_MESSAGE }],
          patterns: [
            { group: ['@tensorflow/*'], message: TFJS_MESSAGE },
            { group: tensorflowModules().map((m) => `**/core/${m}`), message: TFJS_MESSAGE },
          ],
        },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts', 'webview/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportDeclaration[source.value=/extension\\u002F|^vscode$/]',
          message: 'src/shared and the webviews must not import the extension host or vscode.',
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts', 'src/worker/**/*.ts', 'src/extension/**/*.ts'],
    ignores: [NODE_ONLY_MODULES],
    rules: {
      // A rule of its own (typescript-eslint's), so it adds to the no-restricted-imports rules above.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: NODE_MESSAGE })),
          patterns: [
            { group: ['node:*'], message: NODE_MESSAGE },
            {
              group: ['**/node[A-Z]*'],
              caseSensitive: true,
              message: 'A Node-only module (node*.ts): only Node entries and other Node-only modules import it.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', ...NODE_GLOBALS.map((name) => ({ name, message: NODE_MESSAGE }))],
    },
  },
  {
    // Type-aware: a switch over a message or event union must name every member (and end in
    // assertNever, src/shared/assertNever.ts), so that a new message cannot be forgotten.
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
