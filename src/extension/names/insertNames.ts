/**
 * `Makemore: Insert Sampled Name`, and inserting names chosen in a webview: every selection of
 * the target editor replaced in ONE edit (one undo step).
 *
 * Insert Sampled Name generates in the generation worker (generation/generationWorker.ts; the
 * host samples nothing itself) from the document's active model (generation/targets.ts), with
 * the list's Generate controls (those of the Generate view changed last; none: the defaults) —
 * creativity, top-k, new only, lengths, starts / ends with, contains, excludes, edits: a
 * different name at each cursor (or the setting `makemore.sampling.namesPerCursor` of them), none
 * of them already in the document. With no model, the user is
 * offered to train on the document. The status bar says which model the names came from (the one
 * every view names: runs/runs.ts `Runs.active`).
 */
import * as vscode from 'vscode';
import { checkRequest, type GenerateRequest } from '../../core/constraints';
import { InputError } from '../../core/errors';
import type { EditorTracker } from '../editors';
import type { GenerationWorker } from '../generation/generationWorker';
import { loadActiveModel, readyModelOf } from '../generation/targets';
import { showFailure } from '../log';
import { documentName, type Runs } from '../runs/runs';
import { DEFAULT_CONTROLS, type GenerateControls } from '../../shared/generateControls';
import { problemsText, requestOfControls } from '../../shared/generateRequest';
import { SAMPLING_SECTION, readInsertSettings } from '../settings';
import { blocksForCursors, namesInText, splitAmongCursors } from './cursors';

export interface InsertDeps {
  editors: EditorTracker;
  runs: Runs;
  generation: GenerationWorker;
  /** The Generate controls of a list (generation/generateControlsStore.ts `latest`): how the names are drawn. */
  controls: { latest(key: string | null): GenerateControls | undefined };
  /** Trains on a document (the offer made when there is no model). */
  train(uri: vscode.Uri): void;
}

/** Where a problem with the controls is to be fixed. */
const CONTROLS_HINT = 'Change it in the Generate view (Makemore: Show Generate View).';

const NO_EDITOR = 'Makemore: open a text editor to insert sampled names into.';

/** How long the status bar names the model inserted names came from. */
const STATUS_MESSAGE_MS = 8000;

/** Writable documents that belong to no file system. */
const WRITABLE_SCHEMES = new Set(['untitled', 'vscode-notebook-cell', 'vscode-interactive-input']);

/**
 * Whether a document accepts edits: one of a file system that allows writing, or an untitled
 * document or notebook cell. Virtual documents (text document content providers: git, output…)
 * are read-only, though `editor.edit` would change them.
 */
function isWritable(uri: vscode.Uri): boolean {
  return WRITABLE_SCHEMES.has(uri.scheme) || vscode.workspace.fs.isWritableFileSystem(uri.scheme) === true;
}

/**
 * The editor to write into — that of the list in focus, brought to the front if it is hidden
 * behind another tab (the panel) — or undefined after telling the user why there is none.
 */
export async function writableEditor(editors: EditorTracker): Promise<vscode.TextEditor | undefined> {
  const editor = await editors.revealEditor();
  if (!editor) {
    void vscode.window.showWarningMessage(NO_EDITOR);
    return undefined;
  }
  if (!isWritable(editor.document.uri)) {
    void vscode.window.showWarningMessage(`Makemore: ${vscode.workspace.asRelativePath(editor.document.uri, false)} is read-only.`);
    return undefined;
  }
  return editor;
}

/** The document's line ending. */
export function eolOf(document: vscode.TextDocument): string {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

/** Replaces selection i with texts[i] (unchanged where undefined), as one undo step. */
/**
 * Replaces each selection with its text in one edit (one undo step). `version`: the document's
 * version when the names were asked for; if it has changed since (the user typed while the worker
 * generated), nothing is edited and the user is told: the selections no longer mean what they did.
 */
async function replaceSelections(
  editor: vscode.TextEditor,
  selections: readonly vscode.Selection[],
  texts: readonly (string | undefined)[],
  version?: number,
): Promise<boolean> {
  if (version !== undefined && editor.document.version !== version) {
    void vscode.window.showWarningMessage(
      `Makemore did not insert the names: ${documentName(editor.document.uri)} changed while they were generated. Run the command again.`,
    );
    return false;
  }
  const ok = await editor.edit((builder) =>
    selections.forEach((selection, i) => {
      const text = texts[i];
      if (text !== undefined) builder.replace(selection, text);
    }),
  );
  if (!ok) void vscode.window.showWarningMessage('Makemore could not edit the document (it may be read-only).');
  return ok;
}

/** Offers to train on `document`, which has no model. */
export async function offerTraining(document: vscode.TextDocument, train: (uri: vscode.Uri) => void): Promise<void> {
  const action = await vscode.window.showInformationMessage(
    'Makemore has no trained model yet. Train one on this document?',
    'Train on This File',
  );
  if (action === 'Train on This File') train(document.uri);
}

/** Inserts sampled names at every cursor of the target editor; returns the texts inserted. */
export async function insertSampledName(deps: InsertDeps): Promise<string[] | undefined> {
  const editor = await writableEditor(deps.editors);
  if (!editor) return undefined;
  const { document } = editor;
  const selections = editor.selections;
  const version = document.version;
  try {
    const settings = readInsertSettings(vscode.workspace.getConfiguration(SAMPLING_SECTION, document.uri));
    const loaded = await loadActiveModel(deps.runs, document);
    if (!loaded) {
      await offerTraining(document, deps.train);
      return undefined;
    }
    const model = readyModelOf(loaded);
    const controls = deps.controls.latest(loaded.handle.run.fileKey) ?? DEFAULT_CONTROLS;
    const parsed = requestOfControls(controls);
    if (!parsed.ok) {
      void vscode.window.showErrorMessage(`Makemore: ${problemsText(parsed.problems)} ${CONTROLS_HINT}`);
      return undefined;
    }
    const startsWith = parsed.request.startsWith ?? '';
    const prefixes = selections.map((s) =>
      settings.prefixFromSelection && !s.isEmpty && s.isSingleLine ? document.getText(s).trim() : startsWith,
    );
    const per = settings.namesPerCursor;
    // Different names everywhere: none already in the document, none twice.
    const avoid = namesInText(document.getText());
    const texts: (string | undefined)[] = new Array(selections.length).fill(undefined);
    let asked = 0;
    let found = 0;
    let shortfall: string | undefined;
    for (const prefix of new Set(prefixes)) {
      const cursors = prefixes.flatMap((p, i) => (p === prefix ? [i] : []));
      const request: GenerateRequest = { ...parsed.request, count: cursors.length * per };
      if (prefix) request.startsWith = prefix;
      else delete request.startsWith;
      const problem = checkRequest(request, model.facts);
      if (problem) {
        const where =
          problem.field === 'startsWith' && settings.prefixFromSelection && prefix !== startsWith
            ? 'Check the selected text.'
            : problem.field === 'count'
              ? `Check the setting ${SAMPLING_SECTION}.namesPerCursor.`
              : CONTROLS_HINT;
        void vscode.window.showErrorMessage(`Makemore: ${problem.message} ${where}`);
        return undefined;
      }
      const outcome = await deps.generation.generate({ model, request, avoid });
      if (outcome.kind === 'rejected') {
        void vscode.window.showErrorMessage(`Makemore: ${outcome.message}`);
        return undefined;
      }
      if (outcome.kind === 'failed') {
        void showFailure(`Makemore could not generate names: ${outcome.message}`);
        return undefined;
      }
      const names = outcome.names.map((n) => n.name);
      avoid.push(...names);
      asked += request.count;
      found += names.length;
      shortfall ??= outcome.summary.shortfall;
      blocksForCursors(names, cursors.length, per, eolOf(document)).forEach((text, k) => (texts[cursors[k]!] = text));
    }
    const inserted = texts.filter((t): t is string => t !== undefined);
    if (inserted.length > 0 && !(await replaceSelections(editor, selections, texts, version))) return undefined;
    if (found > 0) {
      await deps.runs.used(loaded.handle);
      // Another list's model is used only saying so.
      const borrowed = loaded.handle.info.reason === 'ownList' ? '' : ` (borrowed: ${documentName(document.uri)} has no model of its own)`;
      vscode.window.setStatusBarMessage(
        `$(check) Makemore: ${found === 1 ? '1 name' : `${found} names`} from ${loaded.handle.info.label}${borrowed}`,
        STATUS_MESSAGE_MS,
      );
    }
    if (found < asked) {
      void vscode.window.showWarningMessage(`Makemore ${shortfall ?? `found ${found} of ${asked} names`} (the Generate view's controls).`);
    }
    return inserted;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // A model file that no longer reads is a CheckpointError (an InputError) too: say which model.
    void vscode.window.showErrorMessage(`Makemore: ${e.message}`);
    return undefined;
  }
}

/** Inserts `text` (a name picked in a webview) at every cursor of the target editor. */
export async function insertText(editors: EditorTracker, text: string): Promise<boolean> {
  const editor = await writableEditor(editors);
  if (!editor) return false;
  return replaceSelections(
    editor,
    editor.selections,
    editor.selections.map(() => text),
  );
}

/** Inserts names at the cursors of the target editor, each once (cursors.ts splitAmongCursors), in one edit. */
export async function insertNames(editors: EditorTracker, names: readonly string[]): Promise<boolean> {
  const editor = await writableEditor(editors);
  return editor ? insertNamesInto(editor, names) : false;
}

/**
 * Inserts names at the cursors of `editor` (the one the user asked for, even if another is active
 * now), each once, in one edit; not if its document changed since `version`.
 */
export async function insertNamesInto(editor: vscode.TextEditor, names: readonly string[], version?: number): Promise<boolean> {
  return replaceSelections(editor, editor.selections, splitAmongCursors(names, editor.selections.length, eolOf(editor.document)), version);
}
