/**
 * What names are generated from: the current document (that of the last active text editor)
 * and its active model — for the Generate views, Generate Names and Insert Sampled Name alike.
 *
 * `activeModel` is the one place that says which model that is. Today it is the model store's
 * choice (Models.load: the document's own model, else the most recent one, which Select Model
 * sets); the run store of issue 11 gives each word list an explicit active model, and this
 * function will ask it instead.
 */
import * as vscode from 'vscode';
import { lengthRange, type ListFacts } from '../../core/constraints';
import { errorMessage } from '../../core/errors';
import type { GenerationTarget } from '../../shared/messages';
import type { EditorTracker } from '../editors';
import { log } from '../log';
import { modelName } from '../models/describe';
import { documentKey, documentKeyOf } from '../models/modelStore';
import type { LoadedModel, Models } from '../models/models';
import type { GenerationModel } from './generationWorker';

/** The model names are generated from for `document` (undefined: there is none yet). */
export function activeModel(models: Models, document: vscode.TextDocument | undefined): Promise<LoadedModel | undefined> {
  return models.load(document);
}

/** A model ready to generate from: as the worker takes it, and what requests are checked against. */
export interface ActiveModel extends GenerationModel {
  loaded: LoadedModel;
  facts: ListFacts;
}

/** The model of a document as the generation worker and the views take it. */
export function activeModelOf(loaded: LoadedModel): ActiveModel {
  const { checkpoint, model, bytes } = loaded;
  return {
    // A model retrained on the same text keeps its file name: its date tells the versions apart.
    key: `${model.file}@${model.header.createdAt}`,
    bytes: async () => bytes,
    loaded,
    facts: { characters: checkpoint.vocabulary.characters, lengths: lengthRange(checkpoint.trainingWords) },
  };
}

export interface Target {
  document: vscode.TextDocument | undefined;
  model: ActiveModel | undefined;
  /** What the webviews are told. */
  info: GenerationTarget;
}

/** The target of `document`, its model loaded. */
export async function targetOf(models: Models, document: vscode.TextDocument | undefined): Promise<Target> {
  const loaded = await activeModel(models, document);
  const model = loaded ? activeModelOf(loaded) : undefined;
  const documentName = document ? vscode.workspace.asRelativePath(document.uri, false) : null;
  const ownKey = document ? documentKey(document.uri.toString()) : null;
  if (!model) return { document, model, info: { document: documentName, key: ownKey, list: documentName, model: null } };
  const { header, file } = model.loaded.model;
  const key = documentKeyOf(file);
  return {
    document,
    model,
    info: {
      document: documentName,
      key,
      list: header.source.name,
      model: { name: modelName(header), source: header.source.name, createdAt: header.createdAt, dev: header.losses.dev, facts: model.facts, own: key === ownKey },
    },
  };
}

/** How long editor and model changes settle before the views are told the new target. */
const SETTLE_MS = 150;

/**
 * The current target, computed when first needed and kept until the editor or the models
 * change; listeners hear of a new target when what the views show of it changed.
 */
export class Targets implements vscode.Disposable {
  private cached: Promise<Target> | undefined;
  private shown: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<Target>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly models: Models,
    private readonly editors: EditorTracker,
  ) {}

  current(): Promise<Target> {
    const cached = (this.cached ??= targetOf(this.models, this.editors.editor?.document));
    void cached.then((t) => (this.shown ??= JSON.stringify(t.info)), () => undefined);
    return cached;
  }

  /** The active editor or the stored models changed: the target is computed again, and announced if it differs. */
  invalidate(): void {
    this.cached = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.current().then(
        (target) => {
          const shown = JSON.stringify(target.info);
          if (shown === this.shown) return;
          this.shown = shown;
          this.changed.fire(target);
        },
        (e: unknown) => log().error(`Could not find the model to generate from: ${errorMessage(e)}`),
      );
    }, SETTLE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}
