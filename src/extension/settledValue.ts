/**
 * A value the views show that is computed from the editor in focus and the stored runs — the list
 * in focus (views/focusState.ts), the Generate target (generation/targets.ts): computed when first
 * needed and kept until something it depends on changes; then computed again once the changes
 * have settled (the views, the status bar and the Generate target all ask at once when the
 * editor changes), and announced only when what the views show of it differs.
 */
import * as vscode from 'vscode';

export class SettledValue<T> implements vscode.Disposable {
  private cached: Promise<T> | undefined;
  private shown: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<T>();
  /** Fires when what the views show of the value changed. */
  readonly onDidChange = this.changed.event;

  /**
   * `compute`: the value now; `shownOf`: what the views show of it (as a string, compared);
   * `settleMs`: how long changes settle; `onError`: where a failed computation is reported.
   */
  constructor(
    private readonly compute: () => Promise<T>,
    private readonly shownOf: (value: T) => string,
    private readonly settleMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The value now (computed once, until `invalidate`). */
  current(): Promise<T> {
    const cached = (this.cached ??= this.compute());
    void cached.then(
      (v) => (this.shown ??= this.shownOf(v)),
      () => undefined,
    );
    return cached;
  }

  /** Something it depends on changed: it is computed again once changes settle, and announced if it differs. */
  invalidate(): void {
    this.cached = undefined;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.current().then((value) => {
        const shown = this.shownOf(value);
        if (shown === this.shown) return;
        this.shown = shown;
        this.changed.fire(value);
      }, this.onError);
    }, this.settleMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.changed.dispose();
  }
}
