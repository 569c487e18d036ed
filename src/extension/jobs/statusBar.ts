/**
 * The status-bar item of the running job: step and loss while it trains, run i of n of a sweep,
 * the rate reached by the learning-rate finder (progress events arrive at most ~10 times a
 * second), hidden otherwise; clicking it opens the training panel. Its tooltip names the active
 * model (the one the current document uses), as every view does.
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../../shared/events';
import { JOBS } from '../../shared/jobs';
import { isJobRunning, type RunState } from '../../shared/runState';
import { PROGRESS_EVENTS, jobProgress, jobSource } from './progressText';
import type { RunHub } from './runHub';

export class JobStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };
  /** The model the current document uses (its name), for the tooltip. */
  private activeModel: string | null = null;

  constructor(hub: RunHub, showPanelCommand: string) {
    this.item = vscode.window.createStatusBarItem('makemore.job', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Makemore Job';
    this.item.command = showPanelCommand;
    this.subscription = hub.onEvent((event, state) => this.update(event, state));
  }

  private update(event: RunEvent, state: RunState): void {
    if (!isJobRunning(state.status)) {
      this.item.hide();
      return;
    }
    if (!PROGRESS_EVENTS.has(event.type)) return;
    const stopping = state.status === 'stopping';
    this.item.text = `${stopping ? '$(loading~spin)' : '$(pulse)'} Makemore ${jobProgress(state).short}`;
    const doing = stopping ? 'stopping' : JOBS[state.job].doing;
    this.item.tooltip = this.tooltip(`${doing[0]!.toUpperCase()}${doing.slice(1)} on ${jobSource(state) ?? 'a word list'} — click to show the training panel`);
    this.item.show();
  }

  /** The model the current document uses now (null: none), named in the tooltip. */
  setActiveModel(name: string | null): void {
    this.activeModel = name;
    if (typeof this.item.tooltip === 'string') this.item.tooltip = this.tooltip(this.item.tooltip.split('\n')[0]!);
  }

  private tooltip(line: string): string {
    return this.activeModel ? `${line}\nActive model: ${this.activeModel}` : line;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
