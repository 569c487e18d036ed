/**
 * Jobs (src/extension/jobs/jobs.ts) outside VS Code: the module is loaded against a small
 * stand-in for the `vscode` API (notifications and commands recorded), and driven by a worker
 * session that reports its first event at once, as a job reading a large list can.
 */
import * as assert from 'node:assert/strict';
import Module, { createRequire } from 'node:module';
import type { Jobs as JobsClass } from '../../../src/extension/jobs/jobs';
import { RunHub } from '../../../src/extension/jobs/runHub';
import type { JobInput, JobOutcome, WorkerSession } from '../../../src/extension/jobs/workerSession';
import type { RunEvent } from '../../../src/shared/events';

/** What the stand-in for `vscode` was asked to do. */
const shown = { progress: [] as string[], errors: [] as string[], contexts: [] as unknown[] };

const vscodeStandIn = {
  ProgressLocation: { Notification: 15 },
  window: {
    withProgress: (options: { title: string }, task: (progress: unknown, token: unknown) => Promise<void>) => {
      shown.progress.push(options.title);
      return task(
        { report: () => undefined },
        { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) },
      );
    },
    showErrorMessage: async (message: string) => {
      shown.errors.push(message);
      return undefined;
    },
    showWarningMessage: async () => undefined,
    createOutputChannel: () => ({
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      show: () => undefined,
      dispose: () => undefined,
    }),
  },
  commands: {
    executeCommand: async (_command: string, ...args: unknown[]) => {
      shown.contexts.push(args);
      return undefined;
    },
  },
};

type ModuleLoad = (request: string, parent: unknown, isMain: boolean) => unknown;

describe('jobs (against a stand-in for the vscode API)', () => {
  const moduleWithLoad = Module as unknown as { _load: ModuleLoad };
  const load = moduleWithLoad._load;
  let Jobs: typeof JobsClass;

  before(() => {
    moduleWithLoad._load = function (request, parent, isMain) {
      return request === 'vscode' ? vscodeStandIn : load.call(this, request, parent, isMain);
    };
    // Loaded through CommonJS (as the extension is), after `vscode` resolves to the stand-in.
    const loadModule = createRequire(__filename);
    ({ Jobs } = loadModule('../../../src/extension/jobs/jobs') as { Jobs: typeof JobsClass });
  });

  after(() => {
    moduleWithLoad._load = load;
  });

  it('shows a job whose first event comes while it is being started, and hands its outcome on', async () => {
    const phase: RunEvent = { type: 'phase', job: 'train', phase: 'reading', label: 'reading 135,233 lines', jobSeconds: 0 };
    const failed: JobOutcome<'train'> = {
      kind: 'failed',
      failed: { type: 'failed', job: 'train', cause: 'error', message: 'The worker stopped.' },
    };
    // A session whose worker reports a stage of reading before `run` has returned.
    const session = {
      run: (_input: unknown, onEvent: (event: RunEvent) => void) => {
        onEvent(phase);
        return Promise.resolve(failed);
      },
      stop: () => undefined,
    } as unknown as WorkerSession;
    const hub = new RunHub();
    let panels = 0;
    const jobs = new Jobs({ session, hub, showPanel: () => panels++ });
    const input: JobInput<'train'> & { type: 'train' } = { type: 'train', text: 'ann\nbob', listName: 'names.txt', config: {} };
    const outcomes: JobOutcome<'train'>[] = [];
    const result = await jobs.run(input, 'names.txt', async (o) => {
      outcomes.push(o);
      return 'finished';
    });
    assert.equal(result, 'finished');
    assert.deepEqual(outcomes, [failed]);
    assert.equal(panels, 1, 'the panel opened at the first event');
    assert.deepEqual(shown.progress, ['Makemore: training on names.txt']);
    assert.equal(shown.errors.length, 1, 'the failure reported once');
    assert.deepEqual(shown.contexts.at(-1), ['makemore.jobRunning', false], 'no longer running');
  });
});
