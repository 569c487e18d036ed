/**
 * Feedback at once: what Train on File does before the job's own progress shows (that comes
 * with the worker's first run event: jobs/jobs.ts). Reading a 30 MB file from disk, counting its
 * lines and starting the worker take seconds on a large list: as soon as a stage says the list is
 * large (LARGE_TEXT characters, or bytes on disk), a notification says the stage ("reading
 * big.txt from disk (31.5 MB)", "reading 3,010,124 lines of big.txt", "starting the training"),
 * with a clock, until the job's first run event (its own notification takes over) or its end. A
 * small list starts without it: nothing flashes, and nothing stands between a bad small list and
 * its error.
 */
import * as vscode from 'vscode';
import { LARGE_TEXT } from '../../core/progress';
import { formatElapsed } from '../../shared/format';
import type { RunHub } from '../jobs/runHub';

export class Preparing {
  private label = 'reading the word list';
  private readonly start = performance.now();
  private report: ((message: string) => void) | undefined;
  private done!: () => void;
  private readonly ended = new Promise<void>((resolve) => (this.done = resolve));
  private over = false;
  private shown = false;
  private subscription: { dispose(): void } | undefined;

  constructor(private readonly hub: RunHub) {}

  /** The stage now ("reading 3,010,124 lines of big.txt"); `size`: the list's characters or bytes, when known (a large one is shown). */
  say(label: string, size?: number): void {
    if (this.over) return;
    this.label = label;
    this.report?.(this.message());
    if (size !== undefined && size >= LARGE_TEXT) this.show();
  }

  /** The job is handed to the worker: its first run event shows its own progress, and ends this. */
  handOver(): void {
    if (this.over) return;
    this.say('starting the training');
    this.subscription = this.hub.onEvent(() => this.end());
  }

  /** The job shows its own progress, was turned down, or has ended. */
  end(): void {
    if (this.over) return;
    this.over = true;
    this.subscription?.dispose();
    this.done();
  }

  private message(): string {
    return `${this.label}… · ${formatElapsed((performance.now() - this.start) / 1000)}`;
  }

  private show(): void {
    if (this.over || this.shown) return;
    this.shown = true;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Makemore' }, async (progress) => {
      this.report = (message) => progress.report({ message });
      this.report(this.message());
      const ticker = setInterval(() => this.report?.(this.message()), 1000);
      try {
        await this.ended;
      } finally {
        clearInterval(ticker);
        this.report = undefined;
      }
    });
  }
}
