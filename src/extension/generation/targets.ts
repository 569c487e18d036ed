/**
 * What names are generated from: the list in focus (editors.ts: the one definition) and its
 * active model — for the Generate views, Generate Names and Insert Sampled Name alike. A model
 * of another list (a document without runs of its own) is named as borrowed, with the reason.
 *
 * `activeModel` is the one place here that says which model that is: it asks the run store's
 * `Runs.active` (runs/runs.ts) — the document's word list's active model, else one trained on the
 * same text, else the model used last — the model every other view and command names too.
 */
import type * as vscode from 'vscode';
import { listFactsOf, type ListFacts } from '../../core/constraints';
import { errorMessage } from '../../core/errors';
import type { GenerationTarget } from '../../shared/messages';
import { activeModelReason } from '../../shared/runs';
import type { EditorTracker } from '../editors';
import { SettledValue } from '../settledValue';
import { log } from '../log';
import type { Checkpoint } from '../../core/checkpoint';
import { documentName, type ResolvedModel, type Runs } from '../runs/runs';
import type { GenerationModel } from './generationWorker';

/** A model loaded: its run (as every view names it) and its weights. */
export interface LoadedModel {
  resolved: ResolvedModel;
  checkpoint: Checkpoint;
}

/** The model names are generated from for `document` (undefined: there is none yet): runs/runs.ts `Runs.active`. */
export async function activeModel(runs: Runs, document: vscode.TextDocument | undefined): Promise<LoadedModel | undefined> {
  const resolved = await runs.active(document);
  if (!resolved) return undefined;
  return { resolved, checkpoint: await resolved.load() };
}

/** A model ready to generate from: as the worker takes it, and what requests are checked against. */
export interface ActiveModel extends GenerationModel {
  loaded: LoadedModel;
  facts: ListFacts;
}

/** The model of a document as the generation worker and the views take it. */
export function activeModelOf(loaded: LoadedModel): ActiveModel {
  const { checkpoint, resolved } = loaded;
  return {
    // One run, one model: its word list's key and its id.
    key: `${resolved.run.fileKey}.${resolved.run.id}`,
    // Read only when the worker does not hold this model already.
    bytes: () => resolved.bytes(),
    loaded,
    facts: listFactsOf(checkpoint),
  };
}

export interface Target {
  document: vscode.TextDocument | undefined;
  model: ActiveModel | undefined;
  /** What the webviews are told. */
  info: GenerationTarget;
}

/** The target of `document`, its model loaded. */
export async function targetOf(runs: Runs, document: vscode.TextDocument | undefined): Promise<Target> {
  const loaded = await activeModel(runs, document);
  const model = loaded ? activeModelOf(loaded) : undefined;
  const name = document ? documentName(document.uri) : null;
  const ownKey = document ? ((await runs.keyOf(document.uri)) ?? null) : null;
  if (!model) return { document, model, info: { document: name, key: ownKey, list: name, model: null } };
  const { run, info } = model.loaded.resolved;
  return {
    document,
    model,
    info: {
      document: name,
      key: run.fileKey,
      list: run.fileName,
      model: {
        name: info.label,
        source: run.fileName,
        createdAt: run.createdAt,
        dev: run.losses.dev,
        facts: model.facts,
        own: info.source === 'file',
        note: info.source === 'file' ? null : activeModelReason(info),
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
