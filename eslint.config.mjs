// ESLint flat config: typescript-eslint's recommended rules for every TypeScript file, with
// the browser globals for webview/ and Node's elsewhere, and the project's layering rules.
import js from '@eslint/js';
import { readdirSync, readFileSync } from 'node:fs';
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
      .map((f) => [f.slice(0, -3), [...readFileSync(new URL(f, dir), 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)].map((m) => m[1])]),
  );
  const uses = new Set([...imports].filter(([, from]) => from.some((m) => m.startsWith('@tensorflow/'))).map(([name]) => name));
  for (let grew = true; grew; ) {
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
const TFJS_MESSAGE = 'TensorFlow.js stays in the worker: the extension host, src/shared and the webviews import only the pure engine modules (src/core modules that import no TensorFlow.js).';

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
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'The engine (src/core) must not depend on VS Code.' }] },
      ],
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
        { selector: "ImportDeclaration[source.value=/extension\\u002F|^vscode$/]", message: 'src/shared and the webviews must not import the extension host or vscode.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
