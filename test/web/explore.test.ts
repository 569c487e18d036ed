/**
 * The next-character explorer in VS Code for the Web (code-server's web worker extension host,
 * the installed VSIX), played as a user: the same scenario as the desktop's
 * (test/e2e/exploreScenario.ts), its questions answered by the same generation worker, a Web
 * Worker here. Screenshots go to test-results/web-explore/.
 */
import * as path from 'node:path';
import { WEB_HOST_SETTINGS } from '../harness/codeServer';
import { exploreScenario } from '../e2e/exploreScenario';
import { ROOT, scenarioSession } from '../e2e/scenarioSession';

describe('Makemore for the Web: exploring a model (code-server, web worker extension host, installed VSIX)', function () {
  const s = scenarioSession({ artefacts: path.join(ROOT, 'test-results/web-explore'), settings: WEB_HOST_SETTINGS });
  exploreScenario(s);
});
