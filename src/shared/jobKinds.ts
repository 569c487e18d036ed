/**
 * Jobs: what Makemore's workers run for the user — a training run, a hyperparameter sweep, a
 * learning-rate search, and generating names. This table is the one place that says how each is
 * named in the UI (tabs, badges, notifications, prompts) and, for the runs, which run events
 * start and end them; the host, the workers and the webviews all read it. A new kind of job is a
 * new row here.
 *
 * Two families:
 * - **runs** (`RunJobKind`: training, sweep, learning-rate search) take the job worker for
 *   themselves, one at a time; every view follows the latest one (shared/runState.ts), and
 *   starting another asks to stop it first;
 * - **generation** runs beside them, in a worker of its own kept warm while it is used: many
 *   requests, each for the view or command that asked, superseded when its controls change;
 *   **exploring** the model (its next-character distribution, a name read letter by letter, the
 *   typicality of a list's lines) runs in the same worker, on the same model, the same way.
 */

export const JOB_KINDS = ['train', 'sweep', 'lrFind', 'generate', 'explore'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** The jobs that take the worker for themselves, one at a time, and that RunState follows. */
export const RUN_JOB_KINDS = ['train', 'sweep', 'lrFind'] as const satisfies readonly JobKind[];
export type RunJobKind = (typeof RUN_JOB_KINDS)[number];

/** What every job is called. */
export interface JobSpec {
  /** The panel tab that shows it: "Training". */
  tab: string;
  /** The status badge while it runs: "Training", "Sweeping". */
  running: string;
  /** What it is doing, in a sentence: "Makemore is <doing> on names.txt". */
  doing: string;
  /** The command that starts it, for "…then run it". */
  command: string;
  /** "Makemore cannot <verb> on names.txt: …". */
  verb: string;
  /** "<failed>: the worker ran out of memory". */
  failed: string;
}

/** What a run (one job at a time) needs besides. */
export interface RunJobSpec extends JobSpec {
  /** "Stop it and <action> names.txt?". */
  action: string;
  /** The prompt's button that stops the running job for this one. */
  button: string;
  /** While it stops: what it is waiting for (the notification's and the panel's line). */
  stopping: string;
  /** What a job of this kind keeps when it is stopped. */
  keeps: string;
  /** Its first run event (the worker accepted the data) and its last. */
  startedEvent: 'trainStarted' | 'sweepStarted' | 'lrFindStarted';
  finishedEvent: 'trainFinished' | 'sweepFinished' | 'lrFindFinished';
}

export const JOBS = {
  train: {
    tab: 'Training',
    running: 'Training',
    doing: 'training',
    command: 'Makemore: Train on File',
    verb: 'train',
    action: 'train on',
    button: 'Stop and Train',
    stopping: 'Stopping — evaluating the best model…',
    keeps: 'The run being stopped keeps its best model so far.',
    failed: 'Training failed',
    startedEvent: 'trainStarted',
    finishedEvent: 'trainFinished',
  },
  sweep: {
    tab: 'Sweep',
    running: 'Sweeping',
    doing: 'sweeping hyperparameters',
    command: 'Makemore: Sweep Hyperparameters',
    verb: 'sweep',
    action: 'sweep hyperparameters on',
    button: 'Stop and Sweep',
    stopping: 'Stopping — keeping the finished runs…',
    keeps: 'The sweep being stopped keeps its finished runs.',
    failed: 'The sweep failed',
    startedEvent: 'sweepStarted',
    finishedEvent: 'sweepFinished',
  },
  lrFind: {
    tab: 'Learning rate',
    running: 'Searching',
    doing: 'finding the learning rate',
    command: 'Makemore: Find Learning Rate',
    verb: 'find a learning rate',
    action: 'find the learning rate on',
    button: 'Stop and Find',
    stopping: 'Stopping — suggesting a rate from the curve so far…',
    keeps: 'The learning-rate finder being stopped suggests a rate from its curve so far.',
    failed: 'The learning-rate finder failed',
    startedEvent: 'lrFindStarted',
    finishedEvent: 'lrFindFinished',
  },
  generate: {
    tab: 'Generate',
    running: 'Generating',
    doing: 'generating names',
    command: 'Makemore: Generate Names…',
    verb: 'generate names',
    failed: 'Generating names failed',
  },
  explore: {
    tab: 'Explore',
    running: 'Exploring',
    doing: 'exploring the model',
    command: 'Makemore: Explore the Model',
    verb: 'explore the model',
    failed: 'Exploring the model failed',
  },
} as const satisfies { [K in JobKind]: K extends RunJobKind ? RunJobSpec : JobSpec };
