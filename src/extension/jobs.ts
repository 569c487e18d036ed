/**
 * The jobs the worker runs — a training, a hyperparameter sweep, the learning-rate finder — as
 * the commands start them:
 *
 * - on the text of a document as it is in the editor (unsaved edits included), with the
 *   training settings (`readJobInput`);
 * - one at a time: starting one while another runs asks whether to stop that one first, and
 *   `Makemore: Stop Training` stops whichever runs;
 * - shown once the worker has accepted the data (its first event): the panel opens, and a
 *   progress notification with Cancel follows the run. A bad word list or setting gives one
 *   error message and nothing else.
 */
import * as vscode from 'vscode';
import { InputError } from '../core/errors';
import type { RunConfig, RunEvent } from '../shared/protocol';
import type { Activity } from '../shared/runState';
import { DOING, PROGRESS_EVENTS, jobProgress } from './progressText';
import type { RunHub } from './runHub';
import { TRAINING_SECTION, readTrainingSettings } from './settings';
import type { JobFailure, TrainingSession } from './trainingSession';

/** Context key set while a job runs (package.json enables Stop Training with it). */
export const RUNNING_CONTEXT = 'makemore.training';

interface JobWords {
  /** The command's title, for "…then run it". */
  command: string;
  /** "Makemore cannot <verb>: …". */
  verb: string;
  /** "Stop it and <action> names.txt?". */
  action: string;
  /** The prompt's button to stop the running job for this one. */
  button: string;
  /** What a job of this kind keeps when it is stopped. */
  keeps: string;
  /** The job's first event: the worker accepted the data. */
  started: RunEvent['type'];
}

const JOBS: Record<Activity, JobWords> = {
  train: {
    command: 'Makemore: Train on File',
    verb: 'train',
    action: 'train on',
    button: 'Stop and Train',
    keeps: 'The run being stopped keeps its best model so far.',
    started: 'started',
  },
  sweep: {
    command: 'Makemore: Sweep Hyperparameters',
    verb: 'sweep',
    action: 'sweep hyperparameters on',
    button: 'Stop and Sweep',
    keeps: 'The sweep being stopped keeps its finished runs.',
    started: 'sweepStarted',
  },
  lrFind: {
    command: 'Makemore: Find Learning Rate',
    verb: 'find a learning rate',
    action: 'find the learning rate on',
    button: 'Stop and Find',
    keeps: 'The learning-rate finder being stopped suggests a rate from its curve so far.',
    started: 'lrFindStarted',
  },
};

export interface JobInput {
  document: vscode.TextDocument;
  /** The document's name relative to the workspace, as messages and the model show it. */
  name: string;
  /** The training settings the user set (the rest are left to the engine). */
  config: Partial<RunConfig>;
}

export type InputProblem = { status: 'noDocument' | 'inputError'; message: string };

/**
 * The document to run `activity` on (the one at `uri`, else `current`) and the training
 * settings; or the problem, already shown to the user.
 */
export async function readJobInput(activity: Activity, uri: vscode.Uri | undefined, current: vscode.TextDocument | undefined): Promise<JobInput | InputProblem> {
  const words = JOBS[activity];
  let document: vscode.TextDocument | undefined;
  try {
    document = uri ? await vscode.workspace.openTextDocument(uri) : current;
  } catch (e) {
    const message = `Makemore cannot open ${uri?.toString(true)}: ${e instanceof Error ? e.message : String(e)}`;
    void vscode.window.showErrorMessage(message);
    return { status: 'inputError', message };
  }
  if (!document) {
    const message = `Open a word list (one name per line) in an editor, then run ${words.command}.`;
    void vscode.window.showErrorMessage(message);
    return { status: 'noDocument', message };
  }
  try {
    const config = readTrainingSettings(vscode.workspace.getConfiguration(TRAINING_SECTION, document.uri));
    return { document, name: vscode.workspace.asRelativePath(document.uri, false), config };
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    void vscode.window.showErrorMessage(`Makemore cannot ${words.verb}: ${e.message}`);
    return { status: 'inputError', message: e.message };
  }
}

export interface JobsDeps {
  session: TrainingSession;
  hub: RunHub;
  showPanel(): void;
}

/** Starts a job in the session; its run events go to `onEvent`. */
export type JobStart<O> = (session: TrainingSession, onEvent: (event: RunEvent) => void) => Promise<O>;

interface RunningJob {
  activity: Activity;
  name: string;
  /** Settles once the job is over and its outcome handled. */
  done: Promise<unknown>;
}

export class Jobs {
  private current: RunningJob | undefined;

  constructor(private readonly deps: JobsDeps) {}

  /**
   * Runs a job on the document called `name`, after stopping the running one if the user agrees
   * (undefined when they don't): `start` starts it (its run events are published on the hub),
   * `finish` handles its outcome. The job counts as running until `finish` is done, so a job
   * that waits for it finds its result stored and published.
   */
  async run<O, R>(activity: Activity, name: string, start: JobStart<O>, finish: (outcome: O) => Promise<R>): Promise<R | undefined> {
    if (this.current && !(await this.stopCurrentFor(activity, name))) return undefined;
    let resolveStarted: (started: boolean) => void = () => undefined;
    const started = new Promise<boolean>((resolve) => (resolveStarted = resolve));
    const outcome = start(this.deps.session, (event) => {
      this.deps.hub.publish(event);
      if (event.type === JOBS[activity].started) resolveStarted(true);
    });
    const done = outcome.then(async (o) => {
      resolveStarted(false);
      try {
        return await finish(o);
      } finally {
        if (this.current === job) this.current = undefined;
        await vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, false);
      }
    });
    const job: RunningJob = { activity, name, done };
    this.current = job;
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, true);
    void started.then((accepted) => {
      if (!accepted) return;
      this.deps.showPanel();
      this.showProgress(activity, name, outcome);
    });
    return done;
  }

  /** Asks the running job to stop; it ends with what it has so far. */
  stop(): void {
    if (!this.current) return;
    this.deps.hub.publish({ type: 'stopping' });
    this.deps.session.stop();
  }

  /** A job is running: asks whether to stop it for the new one, and waits until it has ended. */
  private async stopCurrentFor(activity: Activity, name: string): Promise<boolean> {
    const current = this.current;
    if (!current) return true;
    const { position } = jobProgress(this.deps.hub.state);
    const answer = await vscode.window.showWarningMessage(
      `Makemore is ${DOING[current.activity]} on ${current.name} (${position}). Stop it and ${JOBS[activity].action} ${name}?`,
      { modal: true, detail: JOBS[current.activity].keeps },
      JOBS[activity].button,
    );
    if (answer !== JOBS[activity].button) return false;
    if (this.current === current) this.stop();
    await current.done.catch(() => undefined);
    // The stopped job has cleared `current`, unless yet another one has started since.
    return this.current === undefined;
  }

  private showProgress(activity: Activity, name: string, done: Promise<unknown>): void {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Makemore: ${DOING[activity]} on ${name}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => this.stop());
        let reported = 0;
        const subscription = this.deps.hub.onEvent((event, state) => {
          if (!PROGRESS_EVENTS.has(event.type)) return;
          const { fraction, message } = jobProgress(state);
          const percent = Math.floor(fraction * 100);
          progress.report({ increment: percent - reported, message });
          reported = percent;
        });
        try {
          await done;
        } finally {
          subscription.dispose();
        }
      },
    );
  }
}

/**
 * Tells the user why a job failed. A failure after the job had started is also published, so
 * the views show it (an input error before the start leaves them as they were).
 */
export function reportFailure(hub: RunHub, failure: JobFailure, activity: Activity, name: string): void {
  const running = hub.state.status === 'training' || hub.state.status === 'stopping';
  if (failure.kind === 'failed' || running) hub.publish({ type: 'failed', message: failure.message });
  const text =
    failure.kind === 'inputError'
      ? `Makemore cannot ${JOBS[activity].verb} on ${name}: ${failure.message}`
      : `Makemore: ${failure.message} Stored models are unaffected.`;
  void vscode.window.showErrorMessage(text);
}
