/**
 * The status-bar item of the running job: step and loss while it trains, run i of n of a sweep,
 * the rate reached by the learning-rate finder (progress events arrive at most ~10 times a
 * second), hidden otherwise; clicking it opens the training panel.
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../shared/protocol';
import type { RunState } from '../shared/runState';
import { DOING, PROGRESS_EVENTS, jobProgress, jobSource } from './progressText';
import type { RunHub } from './runHub';

export class TrainingStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: { dispose(): void };

  constructor(hub: RunHub, showPanelCommand: string) {
    this.item = vscode.window.createStatusBarItem('makemore.training', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Makemore Training';
    this.item.command = showPanelCommand;
    this.subscription = hub.onEvent((event, state) => this.update(event, state));
  }

  private update(event: RunEvent, state: RunState): void {
    if (state.status !== 'training' && state.status !== 'stopping') {
      this.item.hide();
      return;
    }
    if (!PROGRESS_EVENTS.has(event.type)) return;
    const icon = state.status === 'stopping' ? '$(loading~spin)' : '$(pulse)';
    this.item.text = `${icon} Makemore ${jobProgress(state).short}`;
    const doing = state.status === 'stopping' ? 'stopping' : DOING[state.activity];
    this.item.tooltip = `${doing[0]!.toUpperCase()}${doing.slice(1)} on ${jobSource(state) ?? 'a word list'} — click to show the training panel`;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
