/**
 * Runs: every finished or stopped training of a word list, and every sweep result the user
 * kept, as the run store keeps them (src/extension/runs/) and every view shows them — the
 * record of a run, its loss curve, the active model, and what differs between two runs'
 * configurations. Types and pure functions only (host and webviews alike).
 */
import type { RunInfo, SourceInfo } from '../core/checkpoint';
import type { TrainingConfig } from '../core/config';
import { SWEEP_LABELS, type SweepSetting } from '../core/sweepPlan';
import type { SplitLosses } from '../core/splits';
import { formatCount, formatDuration, formatLearningRate, formatLossBrief, formatRunDate } from './format';
import { thinIndices } from './series';

/** How a run came to be stored: a training (finished or stopped), a sweep's best run the user kept, or a model file alone (stored before runs were kept). */
export type RunOrigin = 'train' | 'sweep' | 'restored';

/**
 * A run's loss curve: the train loss as the loss chart's history holds it (the mean minibatch
 * loss of each bucket of steps, at most 1,024 buckets however long the run) and the dev loss at
 * each evaluation — at most MAX_CURVE_POINTS points in all.
 */
export interface RunCurve {
  trainStep: number[];
  train: number[];
  devStep: number[];
  dev: number[];
}

/** At most this many dev evaluations are kept with a run (with the ≤ 1,024 train buckets: ≤ ~1,500 points). */
export const MAX_CURVE_EVALS = 500;

/** Every run record says it is one, and which version of the record it is. */
export const RUN_RECORD_FORMAT = 'makemore-run';
export const RUN_RECORD_VERSION = 1;

/**
 * A stored run, as its `.run.json` file holds it (its model is the checkpoint beside it): the
 * model's run info (steps, kept step, training seconds, speed, stopped, backend) and more.
 */
export interface RunRecord extends RunInfo {
  format: typeof RUN_RECORD_FORMAT;
  version: number;
  /** Unique, sortable, readable: "20261128-140211-a3f9" (UTC time the run was stored). */
  id: string;
  /** The word list's key (a hash of its URI): the group the run belongs to. */
  fileKey: string;
  /** The word list's URI (null when unknown: a model stored before runs were kept). */
  document: string | null;
  /** The word list's name as shown: "names.txt", "lists/pokemon.txt", "Untitled-1". */
  fileName: string;
  /** SHA-256 of the text the run was trained on (a file edited since has other runs' hashes). */
  textSha256: string;
  words: number;
  /** How the list was read, as its model records it (format, column…; absent in records before 0.2). */
  source?: SourceInfo;
  /** When the run ended (ISO). */
  createdAt: string;
  origin: RunOrigin;
  /** A sweep's run: the setting it tried. */
  setting?: SweepSetting;
  config: TrainingConfig;
  /** The vocabulary's characters (the boundary token not included). */
  vocabulary: string[];
  paramCount: number;
  /** The kept model's losses (test: null where not evaluated, as for a sweep's run). */
  losses: SplitLosses;
  bigram: SplitLosses;
  /** Names sampled from the model at the end of the run. */
  samples: string[];
  curve: RunCurve;
  /**
   * The store's files this run's model needs besides its own: its list's words and their splits,
   * kept once per distinct content and shared by the runs that have them (runs/runStore.ts).
   * Absent in a run stored whole (before 0.3, or not yet moved).
   */
  shared?: string[];
}

/** What a word list's runs take on disk (bytes), for Select Model and the Runs view. */
export interface ListStorage {
  /** Each run's own files (its model and its record), by run id. */
  runs: Record<string, number>;
  /** The list's texts (words, splits) kept once and shared by its runs. */
  shared: number;
  /** All of it: the runs' own files, the shared texts once. */
  total: number;
}

/** What a file's next runs use over the user's and the workspace's settings (set by "Use It" of Find Learning Rate). */
export interface ListSettings {
  learningRate?: number;
}

/** A word list's runs, as the Runs view shows them. */
export interface FileRuns {
  fileKey: string;
  fileName: string;
  document: string | null;
  /** Id of the active run (null: none). */
  active: string | null;
  /** The user chose the active run (else it is the best by dev loss, or the only one). */
  chosen: boolean;
  settings: ListSettings;
  /** Newest first. */
  runs: RunRecord[];
  /** SHA-256 of the document's text now, when it is open (runs on another text are marked). */
  currentTextSha256: string | null;
  /** What the runs take on disk (absent while unknown). */
  storage?: ListStorage;
}

/**
 * Why a model is the one used for a document: it is the active model of the document's own list
 * (`ownList`), of a list trained on the same text (`sameText`), or the model used last (`recent`).
 */
export type ModelReason = 'ownList' | 'sameText' | 'recent';

/**
 * The active model as every view and command names it (see src/extension/runs/runs.ts
 * `Runs.active`): a label and the facts shown beside it, not the weights.
 */
export interface ActiveModelLabel {
  /** "names.txt · 28 Nov 14:02 · dev 2.509": how the model is named everywhere. */
  label: string;
  /** The list key of the list it was trained on. */
  listKey: string;
  runId: string;
  /** The name of the list it was trained on ("names.txt"). */
  listName: string;
  createdAt: string;
  dev: number | null;
  origin: RunOrigin;
  /** The user chose it (else it is its list's best run). */
  chosen: boolean;
  reason: ModelReason;
  /** The document it is used for, when that is not the model's own list ("draft.txt"). */
  forDocument: string | null;
}

/** Rounds a loss for storage (5 decimals: far below any difference that matters, a third of the JSON). */
function rounded(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/**
 * The curve stored with a run, from the run state's loss history and dev evaluations: the
 * history's buckets as they are (≤ 1,024), the evaluations thinned to ≤ MAX_CURVE_EVALS (a run
 * stopped right after an evaluation evaluates that step again: the later one is kept).
 */
export function runCurve(
  history: { step: readonly number[]; mean: readonly number[] },
  evals: readonly { step: number; dev: number }[],
): RunCurve {
  const devs = evals.filter((e, k) => Number.isFinite(e.dev) && evals[k + 1]?.step !== e.step);
  const kept = thinIndices(devs.length, MAX_CURVE_EVALS).map((i) => devs[i]!);
  const train = history.step.map((step, i) => ({ step, loss: history.mean[i]! })).filter((p) => Number.isFinite(p.loss));
  return {
    trainStep: train.map((p) => p.step),
    train: train.map((p) => rounded(p.loss)),
    devStep: kept.map((e) => e.step),
    dev: kept.map((e) => rounded(e.dev)),
  };
}

/** "names.txt · 28 Nov 14:02 · dev 2.509": a run's name wherever a model is named. */
export function runLabel(run: Pick<RunRecord, 'fileName' | 'createdAt' | 'losses'>): string {
  return `${run.fileName} · ${formatRunDate(run.createdAt)} · dev ${formatLossBrief(run.losses.dev)}`;
}

/** "28 Nov 14:02 · dev 2.509": a run among its file's runs (`date`: its date as `runDates` writes it). */
export function runShortLabel(run: Pick<RunRecord, 'createdAt' | 'losses'>, date = formatRunDate(run.createdAt)): string {
  return `${date} · dev ${formatLossBrief(run.losses.dev)}`;
}

/** Each run's date as a list of runs shows it: with the seconds where two runs share a minute. */
export function runDates(runs: readonly Pick<RunRecord, 'id' | 'createdAt'>[]): Map<string, string> {
  const minutes = runs.map((r) => formatRunDate(r.createdAt));
  const shared = new Set(minutes.filter((m, i) => minutes.indexOf(m) !== i));
  return new Map(runs.map((r, i) => [r.id, shared.has(minutes[i]!) ? formatRunDate(r.createdAt, undefined, true) : minutes[i]!]));
}

/** How a run came about, in a word or two: "stopped", "sweep best", "restored". */
export function runKind(run: Pick<RunRecord, 'origin' | 'stopped'>): string {
  if (run.origin === 'sweep') return 'sweep best';
  if (run.origin === 'restored') return 'restored';
  return run.stopped ? 'stopped' : 'trained';
}

// ---------------------------------------------------------------- configurations compared

/** Each hyperparameter's short name, as the Runs table and Select Model list differences. */
export const CONFIG_LABELS = {
  blockSize: SWEEP_LABELS.blockSize.label,
  embeddingSize: SWEEP_LABELS.embeddingSize.label,
  hiddenSize: SWEEP_LABELS.hiddenSize.label,
  outputLayer: 'output layer',
  steps: 'steps',
  batchSize: 'batch',
  learningRate: 'lr',
  optimizer: 'optimizer',
  lrDrops: 'lr drops',
  lrDropFactor: 'drop factor',
  weightDecay: 'weight decay',
  seed: 'seed',
  foldCase: 'fold case',
  timeBudget: 'time',
  evalEvery: 'eval every',
  init: 'init',
  patience: 'patience',
} as const satisfies Record<keyof TrainingConfig, string>;

export type ConfigKey = keyof typeof CONFIG_LABELS;

/** The keys in the order differences are listed: the model's shape first, then the training. */
const CONFIG_ORDER = Object.keys(CONFIG_LABELS) as ConfigKey[];

export interface ConfigChange {
  key: ConfigKey;
  /** The reference configuration's value (the active run's). */
  from: unknown;
  /** This run's. */
  to: unknown;
}

/** Where `config` differs from `reference`, key by key, in CONFIG_LABELS order. */
export function configChanges(reference: TrainingConfig, config: TrainingConfig): ConfigChange[] {
  return CONFIG_ORDER.filter((key) => JSON.stringify(reference[key]) !== JSON.stringify(config[key])).map((key) => ({
    key,
    from: reference[key],
    to: config[key],
  }));
}

/** One hyperparameter's value in words: "400", "0.002", "60%, 85%", "on", "2 min". */
export function formatConfigValue(key: ConfigKey, value: unknown): string {
  if (value === undefined || value === null) return '—';
  switch (key) {
    case 'learningRate':
    case 'lrDropFactor':
    case 'weightDecay':
      return typeof value === 'number' ? formatLearningRate(value) : String(value);
    case 'lrDrops':
      return Array.isArray(value)
        ? value.length
          ? value.map((d) => `${Math.round(Number(d) * 100)}%`).join(', ')
          : 'none'
        : String(value);
    case 'timeBudget':
      return typeof value === 'number' ? (value > 0 ? formatDuration(value) : 'no limit') : String(value);
    case 'patience':
      return typeof value === 'number' ? (value > 0 ? `${formatCount(value)} steps` : 'off') : String(value);
    default:
      return typeof value === 'number' ? formatCount(value) : String(value);
  }
}

/** "hidden 200 · steps 300" (this run's values where they differ), or `same` when none does. */
export function describeChanges(changes: readonly ConfigChange[], same = 'same settings'): string {
  if (changes.length === 0) return same;
  return changes.map((c) => `${CONFIG_LABELS[c.key]} ${formatConfigValue(c.key, c.to)}`).join(' · ');
}

/** "hidden 400 → 200 · steps 2,500 → 300": the changes with the reference's values. */
export function describeChangesFrom(changes: readonly ConfigChange[]): string {
  return changes.map((c) => `${CONFIG_LABELS[c.key]} ${formatConfigValue(c.key, c.from)} → ${formatConfigValue(c.key, c.to)}`).join(' · ');
}

/** The fields of a run's configuration export (the JSON a report or notebook reads). */
export function runConfigJson(run: RunRecord): string {
  const {
    id,
    fileName,
    textSha256,
    createdAt,
    origin,
    setting,
    config,
    paramCount,
    steps,
    keptStep,
    seconds,
    stopped,
    losses,
    bigram,
    vocabulary,
    words,
  } = run;
  return `${JSON.stringify(
    {
      run: id,
      file: fileName,
      textSha256,
      words,
      createdAt,
      origin,
      ...(setting ? { setting } : {}),
      config,
      vocabulary: vocabulary.join(''),
      paramCount,
      steps,
      keptStep,
      seconds,
      stopped,
      losses,
      bigram,
    },
    null,
    2,
  )}\n`;
}

/** A run as the model in use, as views name it. */
export function activeModelLabel(run: RunRecord, chosen: boolean, reason: ModelReason, forDocument: string | null): ActiveModelLabel {
  return {
    label: runLabel(run),
    listKey: run.fileKey,
    runId: run.id,
    listName: run.fileName,
    createdAt: run.createdAt,
    dev: run.losses.dev,
    origin: run.origin,
    chosen,
    reason,
    forDocument,
  };
}

/**
 * Why this model is the one used, in a sentence: "The active model of names.txt: its best run by
 * dev loss." / "…: chosen by you." / "draft.txt has no runs of its own: this is the model of
 * names.txt, used last."
 */
export function activeModelReason(model: ActiveModelLabel): string {
  const own = `The active model of ${model.listName}: ${model.chosen ? 'chosen by you' : 'its best run by dev loss'}.`;
  switch (model.reason) {
    case 'ownList':
      return own;
    case 'sameText':
      return `${model.forDocument ?? 'This document'} has no runs of its own; ${model.listName} was trained on the same text. ${own}`;
    case 'recent':
      return `${model.forDocument ?? 'This document'} has no runs of its own: names come from the model used last. ${own}`;
  }
}
