/**
 * The status-bar item of a training run: step and loss while it trains (progress events arrive
 * at most ~10 times a second), hidden otherwise; clicking it opens the training panel.
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../shared/protocol';
import type { RunState } from '../shared/runState';
import { fmtInt, fmtLoss } from './format';
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
    if (event.type !== 'started' && event.type !== 'progress' && event.type !== 'stopping') return;
    const icon = state.status === 'stopping' ? '$(loading~spin)' : '$(pulse)';
    this.item.text = `${icon} Makemore ${fmtInt(state.step)}/${fmtInt(state.totalSteps)} · loss ${fmtLoss(state.smoothLoss)}`;
    this.item.tooltip =
      `${state.status === 'stopping' ? 'Stopping' : 'Training'} on ${state.started?.sourceName ?? 'a word list'}` +
      ' — click to show the training panel';
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
