/**
 * Entry of the VS Code suite in the web worker extension host (VS Code for the Web), bundled by
 * scripts/build.mjs to out/test/web/index.js: the same test files as the Node host's entry
 * (test/vscode/index.ts), every `test/vscode/*.test.ts`, listed at build time. A web worker
 * host loads one CommonJS file whose only `require` is `vscode`, so mocha's browser build and
 * an `assert` that runs in a browser (for `node:assert/strict`) are bundled in.
 */
import { mocha } from './setup';
import 'virtual:vscode-suites';

export function run(): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
  });
}
