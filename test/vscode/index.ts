/**
 * Entry of the mocha suite that runs inside VS Code (`extensionTestsPath`): runs every
 * `*.test.js` next to this file (the build compiles test/vscode/*.ts to out/test/vscode/*.js
 * without bundling, so `mocha` and `vscode` resolve at run time). @vscode/test-cli does not use
 * it: it finds the same files through .vscode-test.mjs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // MAKEMORE_SUITE_GREP: the harness's --grep (one test, or a few, by title).
  const grep = process.env.MAKEMORE_SUITE_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000, ...(grep ? { grep } : {}) });
  for (const file of fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
  });
}
