/**
 * Shared by the VS Code suite: the extension's API, settings for short runs, generated word
 * lists, and recording the messages the extension shows. Only `vscode` and `node:assert` are
 * used, so the suite runs in any extension host: the desktop's, code-server's remote-style Node
 * host, and the web worker host of VS Code for the Web (out/test/web/index.js, where
 * `node:assert` is bundled in).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MakemoreApi } from '../../src/extension/extension';
import type { TrainCommandResult } from '../../src/extension/training/trainer';
import type { RunEvent } from '../../src/shared/events';

export { generatedNames } from './names';

export const EXTENSION_ID = 'makemore.makemore-vscode';

/** Defined by scripts/build.mjs for each build of the suite. */
declare const MAKEMORE_SUITE_HOST: 'node' | 'web';
/** The extension host this build of the suite is for. */
export const SUITE_HOST: 'node' | 'web' = MAKEMORE_SUITE_HOST;

export async function api(): Promise<MakemoreApi> {
  const extension = vscode.extensions.getExtension<MakemoreApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.activate();
}

/** Small, fast training settings (user settings), undone by `restoreSettings`. */
export const SHORT_RUN = { steps: 300, blockSize: 3, embeddingSize: 8, hiddenSize: 48, batchSize: 64 };

export async function setTraining(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('makemore.training');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

export async function restoreSettings(): Promise<void> {
  for (const section of ['makemore.training', 'makemore.sampling']) {
    const config = vscode.workspace.getConfiguration(section);
    for (const key of Object.keys(config)) {
      if (config.inspect(key)?.globalValue !== undefined) await config.update(key, undefined, vscode.ConfigurationTarget.Global);
    }
  }
}

/** A suite's short runs: SHORT_RUN before its tests; the settings restored and the editors closed after them. */
export function useShortRuns(): void {
  suiteSetup(async () => {
    await api();
    await setTraining(SHORT_RUN);
  });
  suiteTeardown(async () => {
    await restoreSettings();
    await closeAllEditors();
  });
}

/** A Train on File result that must be a trained run. */
export function trained(result: TrainCommandResult): Extract<TrainCommandResult, { status: 'trained' }> {
  assert.equal(result.status, 'trained', JSON.stringify(result));
  return result as Extract<TrainCommandResult, { status: 'trained' }>;
}

/** Opens an unsaved (untitled) document in an editor. */
export async function openUntitled(content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
  return vscode.window.showTextDocument(document);
}

/** The run events the extension publishes until `dispose`. */
export async function recordEvents(): Promise<{ events: RunEvent[]; dispose(): void }> {
  const events: RunEvent[] = [];
  const subscription = (await api()).onRunEvent((e) => events.push(e));
  return { events, dispose: () => subscription.dispose() };
}

export function nextEvent(predicate: (e: RunEvent) => boolean): Promise<RunEvent> {
  return api().then(
    (makemore) =>
      new Promise<RunEvent>((resolve) => {
        const subscription = makemore.onRunEvent((e) => {
          if (predicate(e)) {
            subscription.dispose();
            resolve(e);
          }
        });
      }),
  );
}

type MessageKind = 'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage';

/**
 * Records the messages shown while it is installed (they are not displayed, and resolve as if
 * dismissed, or with the action `answer` picks). The extension and this suite share one `vscode`
 * API object, so the extension's calls go through the recorder.
 */
export function recordMessages(answer: (text: string, actions: string[]) => string | undefined = () => undefined): {
  messages: { kind: MessageKind; text: string }[];
  dispose(): void;
} {
  const messages: { kind: MessageKind; text: string }[] = [];
  const window = vscode.window as unknown as Record<MessageKind, unknown>;
  const originals = new Map<MessageKind, unknown>();
  for (const kind of ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'] as const) {
    originals.set(kind, window[kind]);
    window[kind] = (text: string, ...rest: unknown[]) => {
      messages.push({ kind, text });
      return Promise.resolve(
        answer(
          text,
          rest.filter((r): r is string => typeof r === 'string'),
        ),
      );
    };
  }
  return {
    messages,
    dispose: () => {
      for (const [kind, original] of originals) window[kind] = original;
    },
  };
}

/** Closes every editor, discarding the changes of unsaved ones (no "Save?" dialog). */
export async function closeAllEditors(): Promise<void> {
  const dirty = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.isDirty && t.input instanceof vscode.TabInputText);
  for (const tab of dirty) {
    await vscode.window.showTextDocument((tab.input as vscode.TabInputText).uri);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Answers `window.showQuickPick` while installed: `pick` chooses among the items (undefined:
 * dismissed); every list asked is recorded. Like `recordMessages`, it replaces the function on the
 * `vscode` API object the extension shares with this suite.
 */
export function answerQuickPicks(pick: (items: vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined): {
  items: vscode.QuickPickItem[][];
  dispose(): void;
} {
  const items: vscode.QuickPickItem[][] = [];
  const window = vscode.window as unknown as Record<'showQuickPick', unknown>;
  const original = window.showQuickPick;
  window.showQuickPick = async (given: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
    const list = [...(await given)];
    items.push(list);
    return pick(list);
  };
  return {
    items,
    dispose: () => {
      window.showQuickPick = original;
    },
  };
}

/** Records `window.setStatusBarMessage` texts while installed (they are still shown). */
export function recordStatusMessages(): { messages: string[]; dispose(): void } {
  const messages: string[] = [];
  const window = vscode.window as unknown as Record<'setStatusBarMessage', (text: string, ...rest: unknown[]) => vscode.Disposable>;
  const original = window.setStatusBarMessage;
  window.setStatusBarMessage = (text: string, ...rest: unknown[]) => {
    messages.push(text);
    return original.call(vscode.window, text, ...rest);
  };
  return {
    messages,
    dispose: () => {
      window.setStatusBarMessage = original;
    },
  };
}

export interface RecordedProgress {
  title: string | undefined;
  cancellable: boolean;
  messages: string[];
  /** The task has ended (the notification is gone). */
  done: boolean;
  /** Ends when the task does. */
  ended: Promise<unknown>;
  /** What clicking the notification's Cancel does. */
  cancel(): void;
}

/** Records `window.withProgress` notifications while installed (they are not shown); `cancel()` plays the user's Cancel. */
export function recordProgress(): { shown: RecordedProgress[]; dispose(): void } {
  const shown: RecordedProgress[] = [];
  const window = vscode.window as unknown as Record<'withProgress', unknown>;
  const original = window.withProgress;
  window.withProgress = (
    options: vscode.ProgressOptions,
    task: (p: vscode.Progress<{ message?: string }>, t: vscode.CancellationToken) => Thenable<unknown>,
  ) => {
    const source = new vscode.CancellationTokenSource();
    const entry = {
      title: options.title,
      cancellable: options.cancellable === true,
      messages: [] as string[],
      done: false,
      cancel: () => source.cancel(),
    } as RecordedProgress;
    entry.ended = Promise.resolve(
      task({ report: (v) => void (v.message !== undefined && entry.messages.push(v.message)) }, source.token),
    ).finally(() => {
      entry.done = true;
    });
    shown.push(entry);
    return entry.ended;
  };
  return {
    shown,
    dispose: () => {
      window.withProgress = original;
    },
  };
}
