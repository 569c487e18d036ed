/**
 * `Makemore: Insert Sampled Name`, and inserting text chosen in a webview: every selection of the
 * target editor replaced in ONE edit (one undo step), a different sampled name at each cursor.
 *
 * The model is the one every view names for the document (runs/runs.ts `Runs.active`): its word
 * list's active run, else one trained on the same text, else the model used last; with none, the
 * user is offered to train on the document. The status bar says which model the names came from.
 */
import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import type { EditorTracker } from '../editors';
import type { Runs } from '../runs/runs';
import { namesForCursors } from './sampling';
import { SAMPLING_SECTION, readSamplingSettings } from '../settings';

export interface InsertDeps {
  editors: EditorTracker;
  runs: Runs;
  /** Trains on a document (the offer made when there is no model). */
  train(uri: vscode.Uri): void;
}

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

/** The editor to write into, or undefined after telling the user why there is none. */
function writableEditor(editors: EditorTracker): vscode.TextEditor | undefined {
  const editor = editors.editor;
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

/** Replaces selection i with texts[i] (unchanged where undefined), as one undo step. */
async function replaceSelections(editor: vscode.TextEditor, selections: readonly vscode.Selection[], texts: readonly (string | undefined)[]): Promise<boolean> {
  const ok = await editor.edit((builder) =>
    selections.forEach((selection, i) => {
      const text = texts[i];
      if (text !== undefined) builder.replace(selection, text);
    }),
  );
  if (!ok) void vscode.window.showWarningMessage('Makemore could not edit the document (it may be read-only).');
  return ok;
}

/** Inserts sampled names at every cursor of the target editor; returns the texts inserted. */
export async function insertSampledName(deps: InsertDeps): Promise<string[] | undefined> {
  const editor = writableEditor(deps.editors);
  if (!editor) return undefined;
  const { document } = editor;
  const selections = editor.selections;
  try {
    const settings = readSamplingSettings(vscode.workspace.getConfiguration(SAMPLING_SECTION, document.uri));
    const model = await deps.runs.active(document);
    if (!model) {
      const action = await vscode.window.showInformationMessage(
        'Makemore has no trained model yet. Train one on this document?',
        'Train on This File',
      );
      if (action === 'Train on This File') deps.train(document.uri);
      return undefined;
    }
    const prefixes = selections.map((s) =>
      settings.prefixFromSelection && !s.isEmpty && s.isSingleLine ? document.getText(s).trim() : '',
    );
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    const checkpoint = await model.load();
    const { texts, missing } = namesForCursors(checkpoint, prefixes, settings, eol);
    const inserted = texts.filter((t): t is string => t !== undefined);
    if (inserted.length > 0 && !(await replaceSelections(editor, selections, texts))) return undefined;
    await deps.runs.used(model);
    const count = inserted.join(eol).split(eol).length;
    vscode.window.setStatusBarMessage(`$(check) Makemore: ${count === 1 ? '1 name' : `${count} names`} from ${model.info.label}`, STATUS_MESSAGE_MS);
    if (missing > 0) {
      const asked = selections.length * settings.namesPerCursor;
      void vscode.window.showWarningMessage(
        `Makemore found only ${asked - missing} of ${asked} different names` +
          (settings.novelOnly ? ' not in the training list. Try a higher temperature, or turn off makemore.sampling.novelOnly.' : '.'),
      );
    }
    return inserted;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // A model file that no longer reads is a CheckpointError (an InputError) too: say which model.
    void vscode.window.showErrorMessage(`Makemore: ${e.message}`);
    return undefined;
  }
}

/** Inserts `text` (a name picked in the panel) at every cursor of the target editor. */
export async function insertText(editors: EditorTracker, text: string): Promise<boolean> {
  const editor = writableEditor(editors);
  if (!editor) return false;
  return replaceSelections(editor, editor.selections, editor.selections.map(() => text));
}
