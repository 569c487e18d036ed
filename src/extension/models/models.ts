/**
 * The model store as the rest of the extension uses it: stored under
 * `globalStorageUri/models`, the `makemore.hasModel` context key kept up to date, unreadable files
 * reported to the user once and skipped, and the choice of model for a document.
 */
import * as vscode from 'vscode';
import { decodeCheckpoint, readCheckpointHeader, sha256Hex, type Checkpoint } from '../../core/checkpoint';
import { errorMessage } from '../../core/errors';
import { log } from '../log';
import { ModelStore, type StoreProblem, type StoredModel } from './modelStore';
import { storageDir } from './storageDir';

export const HAS_MODEL_CONTEXT = 'makemore.hasModel';

export interface LoadedModel {
  model: StoredModel;
  checkpoint: Checkpoint;
  /** The file's bytes (what a worker is sent). */
  bytes: Uint8Array;
}

export class Models implements vscode.Disposable {
  readonly store: ModelStore;
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a model is saved, deleted or selected. */
  readonly onDidChange = this.changed.event;

  constructor(context: vscode.ExtensionContext) {
    this.store = new ModelStore(storageDir(vscode.Uri.joinPath(context.globalStorageUri, 'models')), context.globalState);
  }

  /** Updates the context key and reports unreadable files. Never throws. */
  async refresh(): Promise<void> {
    try {
      const { models, problems } = await this.store.list();
      this.report(problems);
      await vscode.commands.executeCommand('setContext', HAS_MODEL_CONTEXT, models.length > 0);
    } catch (e) {
      log().error(`Could not read the stored models: ${errorMessage(e)}`);
    }
  }

  async save(documentUri: vscode.Uri, bytes: Uint8Array): Promise<StoredModel> {
    const stored = await this.store.save(documentUri.toString(), bytes);
    await vscode.commands.executeCommand('setContext', HAS_MODEL_CONTEXT, true);
    this.changed.fire();
    return stored;
  }

  async select(file: string): Promise<void> {
    await this.store.select(file);
    this.changed.fire();
  }

  async delete(file: string): Promise<void> {
    await this.store.delete(file);
    this.changed.fire();
    await this.refresh();
  }

  /** The models to try for `document`, best first: its own, then the recent one. */
  async candidates(document: vscode.TextDocument | undefined): Promise<StoredModel[]> {
    const own = document ? await this.store.modelFor(document.uri.toString(), sha256Hex(document.getText())) : undefined;
    const recent = await this.store.recent();
    return [own, recent].filter((m, i, all): m is StoredModel => m !== undefined && all.findIndex((x) => x?.file === m.file) === i);
  }

  /** Loads the first readable candidate for `document`; unreadable ones are reported and skipped. */
  async load(document: vscode.TextDocument | undefined): Promise<LoadedModel | undefined> {
    for (const model of await this.candidates(document)) {
      try {
        return await this.loadFile(model.file);
      } catch (e) {
        this.report([{ file: model.file, message: errorMessage(e) }]);
      }
    }
    return undefined;
  }

  /** Reads and checks one stored model. Throws CheckpointError for a bad file. */
  async loadFile(file: string): Promise<LoadedModel> {
    const bytes = await this.store.read(file);
    const checkpoint = decodeCheckpoint(bytes);
    return { model: { file, header: readCheckpointHeader(bytes) }, checkpoint, bytes };
  }

  /** Shows a warning for each unreadable model file, once per session. */
  report(problems: StoreProblem[]): void {
    for (const p of problems) {
      if (this.reported.has(p.file)) continue;
      this.reported.add(p.file);
      log().warn(`Skipped the stored model ${p.file}: ${p.message}`);
      void vscode.window.showWarningMessage(`Makemore skipped the stored model ${p.file}: ${p.message}`);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
