/**
 * The quick picks of `Makemore: Sweep Hyperparameters`: which of context length, embedding size
 * and hidden size to vary; the values of each (its preset first, or typed, checked as they are
 * typed); the time per run, each choice showing the number of runs and the total time, before
 * anything starts. Escape at any step cancels the sweep.
 */
import * as vscode from 'vscode';
import { NUMERIC_SPECS } from '../../core/config';
import { InputError } from '../../core/errors';
import { MAX_SWEEP_RUNS, SWEEP_KEYS, SWEEP_LABELS, SWEEP_PRESETS } from '../../core/sweepPlan';
import type { SweepKey } from '../../core/sweepPlan';
import type { TrainingConfig } from '../../core/config';
import {
  DEFAULT_SWEEP_TIME_BUDGET,
  SWEEP_TIME_BUDGETS,
  parseSweepValues,
  sweepRunCount,
  type SweepPlan,
  type SweepValues,
} from './experimentOptions';
import { formatCount, formatDuration } from '../../shared/format';

const TITLE = 'Makemore: Sweep Hyperparameters';

interface Step {
  step: number;
  totalSteps: number;
}

/** The plan of a sweep on the document called `name`, or undefined if the user cancels. */
export async function pickSweepPlan(settings: Partial<TrainingConfig>, name: string): Promise<SweepPlan | undefined> {
  const keys = await pickKeys(settings, name);
  if (!keys || keys.length === 0) return undefined;
  const totalSteps = keys.length + 2;
  const vary: SweepValues = {};
  for (const [i, key] of keys.entries()) {
    const values = await pickValues(key, sweepRunCount(vary), { step: i + 2, totalSteps });
    if (!values) return undefined;
    vary[key] = values;
  }
  const timeBudget = await pickTimeBudget(sweepRunCount(vary), name, { step: totalSteps, totalSteps });
  return timeBudget === undefined ? undefined : { vary, timeBudget };
}

interface KeyItem extends vscode.QuickPickItem {
  key: SweepKey;
}

async function pickKeys(settings: Partial<TrainingConfig>, name: string): Promise<SweepKey[] | undefined> {
  const items: KeyItem[] = SWEEP_KEYS.map((key) => ({
    label: SWEEP_LABELS[key].title,
    description: `now ${settings[key] ?? 'automatic'}`,
    detail: NUMERIC_SPECS.find((s) => s.key === key)!.description,
    picked: key === 'hiddenSize',
    key,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `${TITLE} on ${name}`,
    placeHolder: 'Which hyperparameters to vary? The others keep their settings.',
    canPickMany: true,
    ignoreFocusOut: true,
  });
  return picked?.map((item) => item.key);
}

interface ValuesItem extends vscode.QuickPickItem {
  /** Undefined: the item tells what is wrong, and accepting it does nothing. */
  values: number[] | undefined;
}

/** Picks the values of `key`; `otherRuns` is the number of combinations of the keys picked before. */
function pickValues(key: SweepKey, otherRuns: number, step: Step): Promise<number[] | undefined> {
  const spec = NUMERIC_SPECS.find((s) => s.key === key)!;
  const runs = (n: number): string => `${n} run${n === 1 ? '' : 's'}`;
  const preset = SWEEP_PRESETS[key];
  const presetRuns = otherRuns * preset.length;
  const presetItem: ValuesItem =
    presetRuns <= MAX_SWEEP_RUNS
      ? { label: preset.join(', '), description: `preset · ${runs(presetRuns)}`, values: [...preset] }
      : {
          label: preset.join(', '),
          description: `preset · ${presetRuns} runs: more than ${MAX_SWEEP_RUNS}, type fewer values`,
          values: undefined,
        };
  const itemFor = (text: string): ValuesItem => {
    if (text.trim() === '') return presetItem;
    try {
      const values = parseSweepValues(key, text, otherRuns);
      return { label: values.join(', '), description: runs(otherRuns * values.length), values, alwaysShow: true };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      return { label: `$(error) ${e.message}`, values: undefined, alwaysShow: true };
    }
  };

  const pick = vscode.window.createQuickPick<ValuesItem>();
  pick.title = `${TITLE}: ${SWEEP_LABELS[key].title.toLowerCase()}`;
  pick.placeholder = `Pick the preset, or type values separated by commas (whole numbers from ${spec.min} to ${formatCount(spec.max)})`;
  pick.ignoreFocusOut = true;
  pick.step = step.step;
  pick.totalSteps = step.totalSteps;
  pick.items = [presetItem];
  return new Promise((resolve) => {
    let result: number[] | undefined;
    pick.onDidChangeValue((text) => (pick.items = [itemFor(text)]));
    pick.onDidAccept(() => {
      const values = pick.selectedItems[0]?.values ?? pick.activeItems[0]?.values;
      if (!values) return;
      result = values;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}

interface BudgetItem extends vscode.QuickPickItem {
  seconds: number;
}

async function pickTimeBudget(runs: number, name: string, step: Step): Promise<number | undefined> {
  const items: BudgetItem[] = SWEEP_TIME_BUDGETS.map((seconds) => ({
    label: `${seconds} s per run`,
    description: `${runs} runs · about ${formatDuration(runs * seconds)} in all`,
    seconds,
  }));
  const pick = vscode.window.createQuickPick<BudgetItem>();
  pick.title = `${TITLE}: ${runs} runs on ${name}`;
  pick.placeholder = 'How long should each run train? (one after another; Cancel keeps the finished runs)';
  pick.ignoreFocusOut = true;
  pick.step = step.step;
  pick.totalSteps = step.totalSteps;
  pick.items = items;
  pick.activeItems = items.filter((i) => i.seconds === DEFAULT_SWEEP_TIME_BUDGET);
  return new Promise((resolve) => {
    let result: number | undefined;
    pick.onDidAccept(() => {
      result = pick.activeItems[0]?.seconds;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    pick.show();
  });
}
