/**
 * VS Code for the Web (code-server, web worker extension host, installed VSIX): the first minute
 * without a list — Open a Sample List… (its lists read from the extension's folder with
 * `workspace.fs`), Train Now, Insert Name (test/e2e/sampleListScenario.ts). Screenshots go to
 * test-results/web-sample-list/.
 */
import * as path from 'node:path';
import { WEB_HOST_SETTINGS } from '../harness/codeServer';
import { openSampleTrainInsert, SAMPLE_LIST_SETTINGS } from '../e2e/sampleListScenario';
import { ROOT, scenarioSession } from '../e2e/scenarioSession';

describe('Makemore for the Web without a list (code-server, web worker extension host, installed VSIX)', function () {
  const s = scenarioSession({
    artefacts: path.join(ROOT, 'test-results/web-sample-list'),
    settings: { ...WEB_HOST_SETTINGS, ...SAMPLE_LIST_SETTINGS },
  });
  openSampleTrainInsert(s);
});
