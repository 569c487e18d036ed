/**
 * The next-character explorer in a real VS Code (code-server, the packaged VSIX, the desktop's
 * Node extension host), played as a user: exploreScenario.ts. Screenshots go to
 * test-results/e2e-explore/.
 */
import * as path from 'node:path';
import { exploreScenario } from './exploreScenario';
import { ROOT, scenarioSession } from './scenarioSession';

describe('Makemore: exploring a model (code-server, installed VSIX)', function () {
  const s = scenarioSession({ artefacts: path.join(ROOT, 'test-results/e2e-explore') });
  exploreScenario(s);
});
