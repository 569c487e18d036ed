// @vscode/test-cli configuration: runs the mocha suite of test/vscode (built by `npm run build`
// to out/test/vscode) in a downloaded VS Code. Here, offline, the same suite runs in code-server
// (see test/harness).
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/vscode/**/*.test.js',
  version: 'stable',
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  mocha: { ui: 'tdd', timeout: 120000, color: true },
});
