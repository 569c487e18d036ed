/**
 * VS Code for the Web: the installed VSIX in code-server's web worker extension host (the user
 * setting `remote.extensionKind` puts it there; vscode.dev and github.dev have no other host),
 * played as a user in headless Chromium — the same scenarios as the desktop's Node host
 * (test/e2e/coreScenarios.ts): training, two cursors and one undo, a window reload. The job
 * runs in a Web Worker the extension starts from its web host (its name says so), which ends with
 * the job.
 * Screenshots go to test-results/web/.
 */
import * as path from 'node:path';
import type { Worker } from 'playwright-core';
import { WORKER_NAME } from '../../src/extension/jobs/webWorker';
import { WEB_HOST_SETTINGS } from '../harness/codeServer';
import { trainInsertReload } from '../e2e/coreScenarios';
import { ROOT, scenarioSession, until } from '../e2e/scenarioSession';

describe('Makemore for the Web (code-server, web worker extension host, installed VSIX)', function () {
  const s = scenarioSession({ artefacts: path.join(ROOT, 'test-results/web'), settings: WEB_HOST_SETTINGS });
  /** The job workers the extension started, and whether each has ended. */
  const jobWorkers = new Map<Worker, { closed: boolean }>();

  before(function () {
    s.wb.page.on('worker', (worker) => {
      const state = { closed: false };
      worker.on('close', () => (state.closed = true));
      worker
        .evaluate(() => (globalThis as unknown as { name?: string }).name)
        .then(
          // VS Code names a worker started by an extension host "ExtensionHostWorker -> <its name>".
          (name) => name?.endsWith(WORKER_NAME) && jobWorkers.set(worker, state),
          () => undefined, // gone before it could be asked
        );
    });
  });

  trainInsertReload(s, {
    whileTraining: async () => {
      await until(
        () => jobWorkers.size,
        (n) => n === 1,
        `a Web Worker named "${WORKER_NAME}" running the job`,
      );
    },
    afterTraining: async () => {
      await until(
        () => [...jobWorkers.values()].every((w) => w.closed),
        (closed) => closed,
        'the job worker to end with the job',
      );
    },
  });
});
