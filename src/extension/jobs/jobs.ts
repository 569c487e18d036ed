/**
 * The jobs the worker runs (shared/jobKinds.ts: training, a hyperparameter sweep, the learning-rate
 * finder) as the commands start them:
 *
 * - on the text of a document as it is in the editor (unsaved edits included), with the
 *   training settings (`readJobInput`);
 * - one at a time: starting one while another runs asks whether to stop that one first, and
 *   `Makemore: Stop` stops whichever runs;
 * - every run event goes the same way, to the hub (and so to every view): those the job
 *   reports while it runs, and the one that ends it;
 * - shown from the job's first run event (its started event, or a stage of reading a large
 *   list): the panel opens, and a progress notification with Cancel follows the job until it is
 *   over, its clock refreshed every second; a failure is reported once (a bad word list or
 *   setting as the user's to fix, anything else with "Show Log");
 * - logged: start, the settings it ran with, what was read (a file that is not plain lines), end,
 *   failure.
 */
import * as vscode from 'vscode';
import type { TrainingConfig } from '../../core/config';
import { errorMessage, InputError } from '../../core/errors';
import type { FailedEvent, RunEvent } from '../../shared/events';
import { formatLossBrief } from '../../shared/format';
import { JOBS, type RunJobKind } from '../../shared/jobKinds';
import type { ListChoice } from '../../shared/messages';
import type { ListSettings } from '../../shared/runRecord';
import { log, showFailure } from '../log';
import type { JobJournal } from './jobJournal';
import { TRAINING_SECTION, readTrainingSettings } from '../settings';
import { listChoiceFor } from '../training/chooseList';
import { formatBytes, listTarget, readList, type ListDocument } from '../training/readList';
import type { ListChoices } from '../training/listChoices';
import { PROGRESS_EVENTS, REFRESH_MS, isFrequent, jobProgress } from '../../shared/jobProgress';
import type { RunHub } from './runHub';
import type { JobInput, JobOutcome, WorkerSession } from './workerSession';
import { documentName } from '../runs/runs';

/** Context key set while a job runs (package.json enables Stop with it). */
export const JOB_RUNNING_CONTEXT = 'makemore.jobRunning';

export interface DocumentInput {
  /** The list's text: an open document's (unsaved edits included), or a file's read from disk. */
  document: ListDocument;
  /** The document's name relative to the workspace, as messages and the model show it. */
  name: string;
  /** The training settings the user set (the rest are left to the engine): the word list's own over the user's and workspace's. */
  config: Partial<TrainingConfig>;
  /** The word list's own settings (stored with its runs), which win over the user's and workspace's. */
  fileSettings: ListSettings;
  /** How to read the list, as the user chose for this file (else detected). */
  list: ListChoice;
  /** The key of the list's runs (made now for an untitled document): the job's events carry it, so every view can tell which list the job is on. */
  listKey: string;
}

/** What a job needs of the runs of its word list (src/extension/runs/runs.ts `Runs`). */
export interface ListRuns {
  /** The settings a word list's next runs use over the user's and workspace's. */
  settings(uri: vscode.Uri): Promise<ListSettings>;
  /** The key of its runs (`create`: made for an untitled document that has none yet). */
  keyOf(uri: vscode.Uri, create: true): Promise<string | undefined>;
}

export type InputProblem = { status: 'noDocument' | 'inputError'; message: string } | { status: 'declined' };

/**
 * The document to run a `job` on (the one at `uri`, else the file of an active tab the editor
 * does not show as text, else `current`: the list in focus; training/readList.ts), the training
 * settings — which win, from last to first: the word list's own (`runs`), the workspace folder's,
 * the workspace's, the user's — how to read the list (`lists`: the choices remembered per file,
 * asking the user when a plain list looks structured), and the key of its runs; or the problem,
 * already shown to the user (or the user's "no"). `onStage` hears what takes a while ("reading
 * big.txt from disk (31.5 MB)").
 */
export async function readJobInput(
  job: RunJobKind,
  uri: vscode.Uri | undefined,
  current: vscode.TextDocument | undefined,
  runs: ListRuns,
  lists?: ListChoices,
  onStage?: (label: string, bytes?: number) => void,
): Promise<DocumentInput | InputProblem> {
  const spec = JOBS[job];
  const target = listTarget(uri, current);
  if (!target) {
    const message = `Open a word list (one name per line) in an editor, then run ${spec.command}.`;
    void vscode.window.showErrorMessage(message);
    return { status: 'noDocument', message };
  }
  const name = documentName(target);
  let document: ListDocument;
  try {
    document = await readList(target, (bytes) => onStage?.(`reading ${name} from disk (${formatBytes(bytes)})`, bytes));
  } catch (e) {
    // The reader's own words in the result (as for a list read from an editor), in a sentence on screen.
    const reason = e instanceof InputError ? e.message : `It cannot be read (${errorMessage(e)}).`;
    const message = `Makemore cannot ${spec.verb} on ${name}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
    log().warn(message);
    void vscode.window.showErrorMessage(message);
    return { status: 'inputError', message: reason };
  }
  if (document.fromDisk?.notShown)
    log().info(`${name}: read from disk (${formatBytes(document.fromDisk.bytes)}): the editor does not show it as text.`);
  try {
    const settings = readTrainingSettings(vscode.workspace.getConfiguration(TRAINING_SECTION, document.uri));
    const own = await runs.settings(document.uri).catch((e: unknown): ListSettings => {
      log().warn(`Could not read the settings stored with the runs of ${document.uri.toString(true)}: ${errorMessage(e)}`);
      return {};
    });
    if (own.learningRate !== undefined) {
      log().info(
        `${name}: learning rate ${own.learningRate} from the word list's own settings (Find Learning Rate, "this file"), over ${settings.learningRate ?? 'automatic'}.`,
      );
    }
    const list = lists ? await listChoiceFor(document, name, lists) : {};
    if (!list) return { status: 'declined' };
    const listKey = (await runs.keyOf(document.uri, true))!;
    return { document, name, config: { ...settings, ...own }, fileSettings: own, list, listKey };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    void vscode.window.showErrorMessage(`Makemore cannot ${spec.verb}: ${e.message}`);
    return { status: 'inputError', message: e.message };
  }
}

export interface JobsDeps {
  session: WorkerSession;
  hub: RunHub;
  showPanel(): void;
  /** Notes the running job, so that one cut short by a reload or a crash is reported, and keeps a long training run's best model so far. */
  journal?: JobJournal;
}

interface RunningJob {
  job: RunJobKind;
  name: string;
  /** Settles once the job is over and its outcome handled. */
  done: Promise<unknown>;
}

export class Jobs {
  private current: RunningJob | undefined;

  constructor(private readonly deps: JobsDeps) {}

  /**
   * Runs a job on the document called `name`, after stopping the running one if the user agrees
   * (undefined when they don't). `prepare` runs just before it starts; `finish` handles its
   * outcome (a failure is already reported). The job counts as running until `finish` is done,
   * so a job that waits for it finds its result stored and published.
   */
  async run<K extends RunJobKind, R>(
    input: JobInput<K> & { type: K },
    name: string,
    finish: (outcome: JobOutcome<K>) => Promise<R>,
    prepare?: () => void,
  ): Promise<R | undefined> {
    const job = input.type as K;
    const spec = JOBS[job];
    if (this.current && !(await this.stopCurrentFor(job, name))) return undefined;
    prepare?.();
    log().info(`${spec.tab} on ${name}: starting with the settings ${JSON.stringify(input.config)} (unset ones follow the data)`);
    const { hub, session, journal } = this.deps;
    void journal?.begin(job, name, input.listKey);
    // The job's outcome and its handling (`done`) exist before the job starts: its first event
    // may come at once, and showing it needs `done`. (`running` is read only once the outcome has
    // come, and promise callbacks never run before the code that made them.)
    let settle!: (outcome: JobOutcome<K>) => void;
    const outcome = new Promise<JobOutcome<K>>((resolve) => (settle = resolve));
    const done = outcome.then((o) => this.finished(running, o, finish));
    const running: RunningJob = { job, name, done };
    let shown = false;
    const started = session.run<K>(
      input,
      (event) => {
        hub.publish(event);
        if (event.type === spec.startedEvent) {
          if ('config' in event) log().info(`${spec.tab} on ${name}: started, ${JSON.stringify(event.config)}`);
          if ('listReading' in event && event.listReading && event.listReading.format !== 'lines')
            log().info(`${spec.tab} on ${name}: ${event.listReading.description}`);
        }
        // The job is shown from its first event: its started event, or a stage of reading a large list.
        if (shown) return;
        shown = true;
        this.deps.showPanel();
        this.showProgress(job, name, done);
      },
      (checkpoint) => journal?.keep(checkpoint),
    );
    void started.then(settle);
    this.current = running;
    void vscode.commands.executeCommand('setContext', JOB_RUNNING_CONTEXT, true);
    return done;
  }

  /** A job is over: publishes its end, reports a failure or a rejection once, and runs `finish`. */
  private async finished<K extends RunJobKind, R>(
    running: RunningJob,
    o: JobOutcome<K>,
    finish: (outcome: JobOutcome<K>) => Promise<R>,
  ): Promise<R | undefined> {
    const spec = JOBS[running.job];
    const { hub, journal } = this.deps;
    const { name } = running;
    // The extension is shutting down (a window reload): the job is cut short, and the next start says so.
    if (journal?.cutShort) return undefined;
    try {
      if (o.kind === 'rejected') {
        // It never started: no view heard of it; the user hears why.
        log().warn(`${spec.tab} on ${name}: ${o.message}`);
        void vscode.window.showErrorMessage(`Makemore cannot ${spec.verb} on ${name}: ${o.message}`);
      } else {
        hub.publish(o.kind === 'finished' ? o.finished : o.failed);
        if (o.kind === 'failed') this.reportFailure(o.failed, name);
        else log().info(`${spec.tab} on ${name}: ${summary(o.finished)}`);
      }
      await journal?.end(o.kind === 'finished' && o.model !== undefined);
      return await finish(o);
    } finally {
      if (this.current === running) this.current = undefined;
      await vscode.commands.executeCommand('setContext', JOB_RUNNING_CONTEXT, false);
    }
  }

  /** Asks the running job to stop; it ends with what it has so far. */
  stop(): void {
    if (!this.current || this.deps.hub.state.status === 'stopping') return;
    this.deps.hub.publish({ type: 'stopping' });
    this.deps.session.stop();
  }

  /** A job is running: asks whether to stop it for the new one, and waits until it has ended. */
  private async stopCurrentFor(job: RunJobKind, name: string): Promise<boolean> {
    const current = this.current;
    if (!current) return true;
    const { position } = jobProgress(this.deps.hub.state);
    const spec = JOBS[job];
    const answer = await vscode.window.showWarningMessage(
      `Makemore is ${JOBS[current.job].doing} on ${current.name} (${position}). Stop it and ${spec.action} ${name}?`,
      { modal: true, detail: JOBS[current.job].keeps },
      spec.button,
    );
    if (answer !== spec.button) return false;
    if (this.current === current) this.stop();
    await current.done.catch(() => undefined);
    // The stopped job has cleared `current`, unless yet another one has started since.
    return this.current === undefined;
  }

  /**
   * The progress notification, until the job has ended. Its Cancel stops the job — and VS Code
   * closes a notification whose button was clicked, so a second one, without Cancel, says what
   * the stop waits for until the job has ended.
   */
  private showProgress(job: RunJobKind, name: string, done: Promise<unknown>): void {
    const title = `Makemore: ${JOBS[job].doing} on ${name}`;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        let reported = 0;
        let reportedAt = -Infinity;
        const hub = this.deps.hub;
        const report = (): void => {
          const { fraction, message } = jobProgress(hub.state, hub.since());
          const percent = Math.floor(fraction * 100);
          progress.report({ increment: percent - reported, message });
          reported = percent;
          reportedAt = performance.now();
        };
        report();
        // Progress at most twice a second (progressText.ts REFRESH_MS), a new stage at once.
        const subscription = hub.onEvent(
          (event) => PROGRESS_EVENTS.has(event.type) && !(isFrequent(event) && performance.now() - reportedAt < REFRESH_MS) && report(),
        );
        // The clock runs between events too: nothing on screen stands still during a long stage.
        const ticker = setInterval(report, 1000);
        const cancelled = new Promise<void>((resolve) => token.onCancellationRequested(() => resolve()));
        try {
          await Promise.race([done, cancelled]);
        } finally {
          clearInterval(ticker);
          subscription.dispose();
        }
        if (token.isCancellationRequested) {
          this.stop();
          this.showStopping(title, done);
        }
      },
    );
  }

  /** A notification without Cancel, until a stopped job has ended: what it waits for. */
  private showStopping(title: string, done: Promise<unknown>): void {
    let settled = false;
    void done.finally(() => (settled = true));
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, async (progress) => {
      if (settled) return;
      const hub = this.deps.hub;
      const report = (): void => progress.report({ message: jobProgress(hub.state, hub.since()).message });
      report();
      const subscription = hub.onEvent((event) => PROGRESS_EVENTS.has(event.type) && report());
      const ticker = setInterval(report, 1000);
      try {
        await done.catch(() => undefined);
      } finally {
        clearInterval(ticker);
        subscription.dispose();
      }
    });
  }

  /** Tells the user, once, why a job failed: a bad input (a rate that diverged) is theirs to fix; anything else is logged. */
  private reportFailure(failed: FailedEvent, name: string): void {
    const spec = JOBS[failed.job];
    if (failed.cause === 'input') {
      log().warn(`${spec.tab} on ${name}: ${failed.message}`);
      void vscode.window.showErrorMessage(`Makemore cannot ${spec.verb} on ${name}: ${failed.message}`);
      return;
    }
    if (failed.detail) log().error(failed.detail);
    void showFailure(`Makemore: ${spec.failed} on ${name}: ${failed.message} Stored models are unaffected.`);
  }
}

/** What a command that started a job came to when the job did not finish. */
export function unfinished(outcome: Exclude<JobOutcome, { kind: 'finished' }>): { status: 'inputError' | 'failed'; message: string } {
  if (outcome.kind === 'rejected') return { status: 'inputError', message: outcome.message };
  return { status: outcome.failed.cause === 'input' ? 'inputError' : 'failed', message: outcome.failed.message };
}

/** A job's end, for the log. */
function summary(finished: RunEvent): string {
  switch (finished.type) {
    case 'trainFinished':
      return `${finished.stopped ? 'stopped' : 'finished'} after ${finished.steps} steps in ${finished.seconds.toFixed(1)} s: train ${formatLossBrief(finished.losses.train)}, dev ${formatLossBrief(finished.losses.dev)}, test ${formatLossBrief(finished.losses.test)}`;
    case 'sweepFinished':
      return `${finished.stopped ? 'stopped' : 'finished'}; best run ${finished.best + 1}`;
    case 'lrFindFinished':
      return `${finished.stopped ? 'stopped' : 'finished'}; suggested rate ${finished.suggestion}`;
    default:
      return finished.type;
  }
}
