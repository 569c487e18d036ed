/**
 * An error in what the user gave us (a file, a setting, a flag): the message is meant to be
 * shown as it is, in one line, without a stack trace.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** What to tell the user about any error: its message (an Error's), or the value itself. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
