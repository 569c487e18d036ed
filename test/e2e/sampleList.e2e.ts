/**
 * The desktop's Node extension host (code-server, installed VSIX): the first minute without a
 * list — Open a Sample List…, Train Now, Insert Name (sampleListScenario.ts). Screenshots go to
 * test-results/e2e-sample-list/.
 */
import * as path from 'node:path';
import { openSampleTrainInsert, SAMPLE_LIST_SETTINGS } from './sampleListScenario';
import { ROOT, scenarioSession } from './scenarioSession';

describe('Makemore without a list (code-server, Node extension host, installed VSIX)', function () {
  const s = scenarioSession({ artefacts: path.join(ROOT, 'test-results/e2e-sample-list'), settings: SAMPLE_LIST_SETTINGS });
  openSampleTrainInsert(s);
});
