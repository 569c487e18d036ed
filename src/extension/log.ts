/**
 * The "Makemore" log (a LogOutputChannel: Output ▸ Makemore, with levels and timestamps) and
 * the error notifications that point to it. Jobs write their start with the settings they ran
 * with, their end, and failures with the stack; a failure's notification offers "Show Log".
 */
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The log, created on first use. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Makemore', { log: true });
  return channel;
}

export function disposeLog(): void {
  channel?.dispose();
  channel = undefined;
}

const SHOW_LOG = 'Show Log';

/**
 * An error notification for something that went wrong (not the user's input): `message` and
 * `actions`, plus "Show Log", which opens the log. Resolves to the action picked, if another.
 */
export async function showFailure(message: string, ...actions: string[]): Promise<string | undefined> {
  log().error(message);
  const picked = await vscode.window.showErrorMessage(message, ...actions, SHOW_LOG);
  if (picked === SHOW_LOG) {
    log().show(true);
    return undefined;
  }
  return picked;
}
