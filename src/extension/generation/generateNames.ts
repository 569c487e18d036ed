/**
 * `Makemore: Generate Names…` (Command Palette, editor context menu): asks how many names and
 * the main constraints — starts with, ends with, length, novelty — each checked against the
 * model as it is typed (core/constraints.ts), starting from the list's Generate controls (those
 * of the Generate view changed last; its creativity, top-k, contains and excludes apply too); then generates them
 * in the generation worker and puts them into a new untitled document, one per line, or at the
 * cursors of the current editor (none already in it). An argument object replaces the
 * questions (generateOptions.ts). No model: the user is offered to train one.
 */
import * as vscode from 'vscode';
import { checkRequest, type ConstraintField, type GenerateRequest, type ListFacts } from '../../core/constraints';
import { InputError } from '../../core/errors';
import { formatCount } from '../../shared/format';
import type { EditorTracker } from '../editors';
import { showFailure } from '../log';
import type { Runs } from '../runs/runs';
import { insertNamesInto, offerTraining, writableEditor } from '../names/insertNames';
import { namesInText } from '../names/cursors';
import type { GenerationOutcome, GenerationWorker } from './generationWorker';
import { DEFAULT_CONTROLS, type GenerateControls } from '../../shared/generateControls';
import { problemsText } from '../../shared/generateRequest';
import {
  argumentOptions,
  choicesOf,
  NOVELTY,
  parseCount,
  parseLength,
  rememberedChoices,
  requestOf,
  type Destination,
  type GenerateChoices,
  type Novelty,
} from './generateOptions';
import { loadActiveModel, readyModelOf, type ReadyModel } from './targets';

export interface GenerateNamesDeps {
  editors: EditorTracker;
  runs: Runs;
  generation: GenerationWorker;
  /** Where the last destination is remembered (the workspace state). */
  memory: vscode.Memento;
  /** The Generate controls of a list (generateControlsStore.ts `latest`): what the questions start from. */
  controls: { latest(key: string | null): GenerateControls | undefined };
  train(uri: vscode.Uri): void;
}

/** What the command came to (its value, for tests and other extensions). */
export type GenerateNamesResult =
  | { status: 'generated'; names: string[]; to: Destination; document?: string; shortfall?: string }
  | { status: 'cancelled' | 'noModel' | 'inputError' | 'failed'; message?: string };

const MEMORY_KEY = 'makemore.generateNames';
const STEPS = 6;

export async function generateNames(deps: GenerateNamesDeps, arg?: unknown): Promise<GenerateNamesResult> {
  const document = deps.editors.document;
  const loaded = await loadActiveModel(deps.runs, document);
  if (!loaded) {
    if (document) await offerTraining(document, deps.train);
    else
      void vscode.window.showInformationMessage(
        'Makemore has no trained model yet: open a word list (one name per line) and run Makemore: Train on File.',
      );
    return { status: 'noModel' };
  }
  const model = readyModelOf(loaded);
  let request: GenerateRequest;
  let to: Destination;
  if (arg !== undefined) {
    try {
      ({ request, to } = argumentOptions(arg));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      void vscode.window.showErrorMessage(`Makemore: ${e.message}`);
      return { status: 'inputError', message: e.message };
    }
  } else {
    const canInsert = deps.editors.document !== undefined;
    const controls = deps.controls.latest(loaded.handle.run.fileKey) ?? DEFAULT_CONTROLS;
    const start = choicesOf(controls, rememberedChoices(deps.memory.get(MEMORY_KEY)).to);
    const choices = await ask(model.facts, start, controls, loaded.handle.run.fileName, canInsert);
    if (!choices) return { status: 'cancelled' };
    await deps.memory.update(MEMORY_KEY, { to: choices.to });
    const parsed = requestOf(choices, controls);
    if (!parsed.ok) {
      const message = problemsText(parsed.problems);
      void vscode.window.showErrorMessage(`Makemore: ${message} Change it in the Generate view (Makemore: Show Generate View).`);
      return { status: 'inputError', message };
    }
    request = parsed.request;
    to = choices.to;
  }
  const problem = checkRequest(request, model.facts);
  if (problem) {
    void vscode.window.showErrorMessage(`Makemore: ${problem.message}`);
    return { status: 'inputError', message: problem.message };
  }
  const editor = to === 'cursors' ? await writableEditor(deps.editors) : undefined;
  if (to === 'cursors' && !editor) return { status: 'failed', message: 'No editor to insert into.' };
  const outcome = await generate(deps.generation, model, request, editor ? namesInText(editor.document.getText()) : undefined);
  if (outcome.kind === 'rejected') {
    void vscode.window.showErrorMessage(`Makemore: ${outcome.message}`);
    return { status: 'inputError', message: outcome.message };
  }
  if (outcome.kind === 'failed') {
    void showFailure(`Makemore could not generate names: ${outcome.message}`);
    return { status: 'failed', message: outcome.message };
  }
  const names = outcome.names.map((n) => n.name);
  const { shortfall } = outcome.summary;
  if (shortfall) void vscode.window.showWarningMessage(`Makemore ${shortfall}.`);
  if (names.length === 0) return { status: 'failed', message: shortfall ?? 'No names.' };
  if (editor) {
    // Into the editor the user asked for, at its cursors now, even if another one is active by now.
    await insertNamesInto(editor, names);
    return { status: 'generated', names, to, ...(shortfall ? { shortfall } : {}) };
  }
  const created = await vscode.workspace.openTextDocument({ content: names.join('\n') + '\n', language: 'plaintext' });
  await vscode.window.showTextDocument(created);
  return { status: 'generated', names, to, document: created.uri.toString(), ...(shortfall ? { shortfall } : {}) };
}

/** Generates with a progress notification whose Cancel stops the request (the names found so far are kept). */
function generate(
  worker: GenerationWorker,
  model: ReadyModel,
  request: GenerateRequest,
  avoid: string[] | undefined,
): Promise<GenerationOutcome> {
  return Promise.resolve(
    vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Makemore: generating ${formatCount(request.count)} names`,
        cancellable: true,
      },
      async (progress, token) => {
        const stop = new AbortController();
        token.onCancellationRequested(() => stop.abort());
        let reported = 0;
        return worker.generate({
          model,
          request,
          signal: stop.signal,
          ...(avoid ? { avoid } : {}),
          onNames: (_names, p) => {
            const percent = Math.floor((100 * p.found) / p.requested);
            progress.report({ increment: percent - reported, message: `${formatCount(p.found)} of ${formatCount(p.requested)}` });
            reported = percent;
          },
        });
      },
    ),
  );
}

/**
 * Asks the questions, one input after another, each checked as it is typed; undefined when
 * the user cancels.
 */
async function ask(
  facts: ListFacts,
  last: GenerateChoices,
  controls: GenerateControls,
  list: string,
  canInsert: boolean,
): Promise<GenerateChoices | undefined> {
  const title = (step: number, what: string): string =>
    `Makemore: Generate Names from ${list} (${step}/${canInsert ? STEPS : STEPS - 1}): ${what}`;
  const choices = { ...last };
  /** The problem of the choices so far with `change`, if it concerns one of `fields`. */
  const problemWith = (change: Partial<GenerateChoices>, fields: ConstraintField[]): string | undefined => {
    const parsed = requestOf({ ...choices, ...change }, controls);
    const problem = parsed.ok ? checkRequest(parsed.request, facts) : parsed.problems[0];
    return problem && fields.includes(problem.field) ? problem.message : undefined;
  };

  // Each step stays open when the focus moves (asked from the Generate view's button, the focus
  // goes back to the webview as one step closes, and could close the next as it opens).
  const count = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title: title(1, 'how many'),
    prompt: 'How many names?',
    value: String(choices.count),
    validateInput: (t) => {
      const n = parseCount(t);
      return typeof n === 'string' ? n : undefined;
    },
  });
  if (count === undefined) return undefined;
  choices.count = parseCount(count) as number;

  const startsWith = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title: title(2, 'starts with'),
    prompt: 'Names start with (the model continues it; case is ignored). Empty: any start.',
    value: choices.startsWith,
    validateInput: (t) => problemWith({ startsWith: t, endsWith: '' }, ['startsWith']),
  });
  if (startsWith === undefined) return undefined;
  choices.startsWith = startsWith.trim();

  const endsWith = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title: title(3, 'ends with'),
    prompt: 'Names end with (case is ignored). Empty: any end.',
    value: choices.endsWith,
    validateInput: (t) => problemWith({ endsWith: t }, ['endsWith']),
  });
  if (endsWith === undefined) return undefined;
  choices.endsWith = endsWith.trim();

  const length = await vscode.window.showInputBox({
    ignoreFocusOut: true,
    title: title(4, 'length'),
    prompt: `Length in characters, e.g. 5-7, 5 (exactly), 5- (at least), -7 (at most). Empty: the list's own, ${facts.lengths.min}–${facts.lengths.max}.`,
    value: choices.length,
    validateInput: (t) => {
      const parsed = parseLength(t);
      if (typeof parsed === 'string') return parsed;
      return problemWith({ length: t }, ['minLength', 'maxLength', 'startsWith', 'endsWith']);
    },
  });
  if (length === undefined) return undefined;
  choices.length = length.trim();

  const novelty = await vscode.window.showQuickPick(
    // The last choice first, so Enter keeps it.
    (Object.keys(NOVELTY) as Novelty[])
      .sort((a, b) => Number(b === choices.novelty) - Number(a === choices.novelty))
      .map((n) => ({ label: NOVELTY[n].label, novelty: n })),
    { ignoreFocusOut: true, title: title(5, 'new or not'), placeHolder: `Names of ${list} too, or only new ones?` },
  );
  if (!novelty) return undefined;
  choices.novelty = novelty.novelty;

  if (canInsert) {
    const items = [
      { label: 'New Document', description: 'one name per line', to: 'document' as const },
      { label: 'At the Cursors', description: 'in the current editor, none already in it', to: 'cursors' as const },
    ];
    if (choices.to === 'cursors') items.reverse();
    const to = await vscode.window.showQuickPick(items, {
      ignoreFocusOut: true,
      title: title(6, 'where'),
      placeHolder: `Where do the ${formatCount(choices.count)} names go?`,
    });
    if (!to) return undefined;
    choices.to = to.to;
  } else {
    choices.to = 'document';
  }
  return choices;
}
