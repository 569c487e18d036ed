/**
 * The host's side of the list in focus (shared/focus.ts): which list it is (editors.ts, the one
 * definition), the model it uses (runs/runs.ts `Runs.active`, the one answer to "which model?")
 * and its active run as stored, with what its model file adds (the symbols' labels, the embedding
 * table, the casing) — computed when first needed and again whenever the editor in focus, the
 * stored runs or the running job's list change; listeners hear of it when it differs.
 *
 * No text editor open: the list whose model was used last (a list with runs), named as itself.
 */
import type * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { initialFocus, type Focus, type FocusDetails, type FocusedList } from '../../shared/focus';
import type { EditorTracker } from '../editors';
import { SettledValue } from '../settledValue';
import { log } from '../log';
import { MAX_SAVED_EMBEDDING } from '../jobs/runStateStore';
import { documentName, type ActiveModelHandle, type Runs } from '../runs/runs';

/** The list in focus of `document` (none: the list of the model used last), its model and its run. */
export async function focusOf(runs: Runs, document: vscode.TextDocument | undefined): Promise<Focus> {
  const handle = await runs.active(document);
  let list: FocusedList | null = null;
  if (document)
    list = {
      name: documentName(document.uri),
      key: (await runs.keyOf(document.uri)) ?? null,
      document: document.uri.toString(),
      open: true,
    };
  else if (handle) list = { name: handle.run.fileName, key: handle.run.fileKey, document: handle.run.document, open: false };
  if (!handle) return { ...initialFocus(), list };
  // Without a document, the list of the model used last is the one in focus: its model is its own.
  const model = document ? handle.info : { ...handle.info, reason: 'ownList' as const, forDocument: null };
  const run = model.reason === 'ownList' ? handle.run : null;
  return { list, model, run, details: run ? await detailsOf(handle) : null, samples: null };
}

/** What a run's model file adds to its record; null when the file cannot be read (the record alone is shown). */
async function detailsOf(handle: ActiveModelHandle): Promise<FocusDetails | null> {
  try {
    const checkpoint = await handle.load();
    const { vocabulary, params } = checkpoint;
    return {
      symbols: Array.from({ length: vocabulary.size }, (_, i) => vocabulary.label(i)),
      embedding: params.C.length <= MAX_SAVED_EMBEDDING ? Array.from(params.C) : null,
      ...(checkpoint.casing ? { casing: checkpoint.casing } : {}),
    };
  } catch (e) {
    log().warn(`Could not read the model of ${handle.info.label}: ${errorMessage(e)}`);
    return null;
  }
}

/** How long editor and run changes settle before the focus is computed again. */
const SETTLE_MS = 50;

/** The list in focus now, announced when what the views show of it changes. */
export class FocusState extends SettledValue<Focus> {
  /** Names sampled from the focused run since (the panel's "More"). */
  private samples: Focus['samples'] = null;

  constructor(runs: Runs, editors: EditorTracker) {
    super(
      async () => {
        const focus = await focusOf(runs, editors.document);
        return { ...focus, samples: this.samples?.runId === focus.run?.id ? this.samples : null };
      },
      focusKey,
      SETTLE_MS,
      (e) => log().error(`Could not find the list in focus: ${errorMessage(e)}`),
    );
  }

  /** Names sampled from the focused list's active run (its views show them instead of the run's own). */
  setSamples(runId: string, words: string[]): void {
    this.samples = { runId, words };
    this.invalidate();
  }
}

/** What identifies a focus as the views show it (its run's record never changes once stored). */
export function focusKey(focus: Focus): string {
  const { list, model, run, details, samples } = focus;
  return JSON.stringify([list, model, run?.id ?? null, details ? [details.symbols.length, details.embedding?.length ?? 0] : null, samples]);
}
