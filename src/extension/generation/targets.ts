/**
 * What names are generated from: the list in focus (editors.ts: the one definition) and its
 * active model — for the Generate views, Generate Names and Insert Sampled Name alike. A model
 * of another list (a document without runs of its own) is named as borrowed, with the reason.
 *
 * `loadActiveModel` is the one place here that says which model that is: it asks the run store's
 * `Runs.active` (runs/runs.ts) — the document's word list's active model, else one trained on the
 * same text, else the model used last — the model every other view and command names too.
 */
import type * as vscode from 'vscode';
import { listFactsOf, type ListFacts } from '../../core/constraints';
import { errorMessage } from '../../core/errors';
import type { GenerationTarget } from '../../shared/messages';
import { activeModelReason } from '../../shared/runRecord';
import type { EditorTracker } from '../editors';
import { SettledValue } from '../settledValue';
import { log } from '../log';
import type { Checkpoint } from '../../core/checkpoint';
import { documentName, type ActiveModelHandle, type Runs } from '../runs/runs';
import type { WorkerModel } from './generationWorker';

/** The active model with its weights read: its handle (its run, as every view names it) and its checkpoint. */
export interface LoadedModel {
  handle: ActiveModelHandle;
  checkpoint: Checkpoint;
}

/** The model names are generated from for `document` (undefined: there is none yet): runs/runs.ts `Runs.active`. */
export async function loadActiveModel(runs: Runs, document: vscode.TextDocument | undefined): Promise<LoadedModel | undefined> {
  const handle = await runs.active(document);
  if (!handle) return undefined;
  return { handle, checkpoint: await handle.load() };
}

/**
 * A loaded model ready to generate from and explore with: as the generation worker takes it (key,
 * bytes) and with the list facts requests are checked against.
 */
export interface ReadyModel extends WorkerModel {
  loaded: LoadedModel;
  facts: ListFacts;
}

/** The model of a document as the generation worker and the views take it. */
export function readyModelOf(loaded: LoadedModel): ReadyModel {
  const { checkpoint, handle } = loaded;
  return {
    // One run, one model: its word list's key and its id.
    key: `${handle.run.fileKey}.${handle.run.id}`,
    // Read only when the worker does not hold this model already.
    bytes: () => handle.bytes(),
    loaded,
    facts: listFactsOf(checkpoint),
  };
}

export interface Target {
  document: vscode.TextDocument | undefined;
  model: ReadyModel | undefined;
  /** What the webviews are told. */
  info: GenerationTarget;
}

/** The target of `document`, its model loaded. */
export async function targetOf(runs: Runs, document: vscode.TextDocument | undefined): Promise<Target> {
  const loaded = await loadActiveModel(runs, document);
  const model = loaded ? readyModelOf(loaded) : undefined;
  const name = document ? documentName(document.uri) : null;
  const ownKey = document ? ((await runs.keyOf(document.uri)) ?? null) : null;
  if (!model) return { document, model, info: { document: name, key: ownKey, list: name, model: null } };
  const { run, info } = model.loaded.handle;
  return {
    document,
    model,
    info: {
      document: name,
      key: run.fileKey,
      list: run.fileName,
      model: {
        label: info.label,
        listName: run.fileName,
        createdAt: run.createdAt,
        dev: run.losses.dev,
        facts: model.facts,
        own: info.reason === 'ownList',
        note: info.reason === 'ownList' ? null : activeModelReason(info),
      },
    },
  };
}

/** How long editor and model changes settle before the views are told the new target. */
const SETTLE_MS = 150;

/**
 * The current target, computed when first needed and kept until the editor or the models
 * change; listeners hear of a new target when what the views show of it changed.
 */
export class Targets extends SettledValue<Target> {
  constructor(runs: Runs, editors: EditorTracker) {
    super(
      () => targetOf(runs, editors.document),
      (target) => JSON.stringify(target.info),
      SETTLE_MS,
      (e) => log().error(`Could not find the model to generate from: ${errorMessage(e)}`),
    );
  }
}
