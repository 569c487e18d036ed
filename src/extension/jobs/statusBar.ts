/**
 * The status-bar item of the running job: the word list it is on, then step, loss and the time
 * left while it trains, run i of n of a sweep, the rate reached by the learning-rate finder, the
 * stage it is in when it is not taking steps ("reading 135,233 lines") — refreshed at every
 * progress event and every second between them, so it never stands still. Once stopping it
 * says so, with no time left (none holds any more); once the job has ended it is hidden.
 * Clicking it reveals the training panel where it is (views/panel.ts). Its tooltip names the list
 * in focus and its model, as every view does.
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../../shared/events';
import type { Focus } from '../../shared/focus';
import { JOBS } from '../../shared/jobKinds';
import { formatTiming } from '../../shared/format';
import { isJobRunning, jobTiming, type RunState } from '../../shared/runState';
import { PROGRESS_EVENTS, REFRESH_MS, isFrequent, jobProgress, jobSource } from '../../shared/jobProgress';
import type { RunHub } from './runHub';

export class JobStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };
  /** The list in focus and its model, for the tooltip. */
  private focusLine: string | null = null;
  /** When the item was last refreshed. */
  private shownAt = -Infinity;
  /** Refreshes the item every second while a job runs. */
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly hub: RunHub,
    showPanelCommand: string,
  ) {
    this.item = vscode.window.createStatusBarItem('makemore.job', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Makemore Job';
    this.item.command = showPanelCommand;
    this.subscription = hub.onEvent((event, state) => this.update(event, state));
  }

  private update(event: RunEvent, state: RunState): void {
    if (!isJobRunning(state.status)) {
      this.item.hide();
      this.tick(false);
      return;
    }
    if (!PROGRESS_EVENTS.has(event.type)) return;
    // Progress comes ten times a second; the workbench lays out its status bar at each change:
    // twice a second is enough to read (the ticker shows the rest), a new stage at once.
    if (isFrequent(event) && performance.now() - this.shownAt < REFRESH_MS) return;
    this.show(state);
    this.tick(true);
  }

  private show(state: RunState): void {
    this.shownAt = performance.now();
    const stopping = state.status === 'stopping';
    const since = this.hub.since();
    const list = jobSource(state) ?? 'a word list';
    this.item.text = `${stopping ? '$(loading~spin)' : '$(pulse)'} Makemore ${list} · ${jobProgress(state, since).short}`;
    const doing = stopping ? `stopping ${JOBS[state.job].doing}` : JOBS[state.job].doing;
    this.item.tooltip = this.tooltip(
      `${doing[0]!.toUpperCase()}${doing.slice(1)} on ${list} (${formatTiming(jobTiming(state, since))}) — click to show the training panel`,
    );
    this.item.show();
  }

  /** The list in focus and its model now, named in the tooltip. */
  setFocus(focus: Focus): void {
    const { list, model } = focus;
    this.focusLine = list
      ? `In focus: ${list.name} · ${model ? `model ${model.label}${model.reason === 'ownList' ? '' : ' (borrowed)'}` : 'no model yet'}`
      : null;
    if (typeof this.item.tooltip === 'string') this.item.tooltip = this.tooltip(this.item.tooltip.split('\n')[0]!);
  }

  private tooltip(line: string): string {
    return this.focusLine ? `${line}\n${this.focusLine}` : line;
  }

  private tick(on: boolean): void {
    if (on && !this.ticker) this.ticker = setInterval(() => isJobRunning(this.hub.state.status) && this.show(this.hub.state), 1000);
    if (!on && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = undefined;
    }
  }

  dispose(): void {
    this.tick(false);
    this.subscription.dispose();
    this.item.dispose();
  }
}
