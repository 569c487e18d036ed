/**
 * What a run can and cannot be trusted for, in a few lines — the same lines in the extension's
 * end-of-run message, the panel's Training tab and the CLI's result (and its `--json` fields):
 *
 * - a run whose dev (or test) loss is not below the bigram baseline's is worse than counting
 *   letter pairs (`belowBaseline`; such a run never replaces an existing active model:
 *   src/extension/runs/runStore.ts `verdictFor`);
 * - a small list (under SMALL_LIST names) gets its split sizes — the dev loss rests on a handful
 *   of names — the share of samples that copy the list, and what to do;
 * - a script without letter case is said to have none (`describeCase`), not "lower case";
 * - an automatic choice far from the usual is explained with the setting that changes it: a run
 *   sized down because of a large vocabulary (`autoChoices`, from what `defaultsFor` returns for
 *   this vocabulary against the reference one), a schedule that followed time;
 * - every run: the share of 1,000 samples that are new names, names of the train split, or of
 *   the held-out splits (`tagShares`: the Generate view's tags), measured once per run.
 *
 * Pure: no TensorFlow.js, no DOM, no Node. The facts come from the run (its started and
 * finished events, its record, the CLI's result); the caller names the settings
 * (`makemore.training.hiddenSize` in VS Code, `--hidden` in the CLI).
 */
import { describeCasing, type CasingInfo } from './casing';
import { defaultsFor, REFERENCE_VOCAB, type TrainingConfig } from './config';
import { splitSizes } from './dataset';
import type { NameTag } from './listIndex';
import type { SampleTags } from './progress';
import type { SplitLosses, SplitName } from './splits';

/** Lists with fewer names than this get the small-list line. */
export const SMALL_LIST = 500;
/** How many samples the share of new names is measured on (once per run, in the worker). */
export const TAG_SAMPLES = 1000;
/** An automatic value at least this many times above or below the usual one is explained. */
export const FAR_FROM_USUAL = 1.5;

/** A setting the engine chose far from what it chooses for the same list size on 27 symbols, because of the vocabulary. */
export interface AutoChoice {
  key: keyof TrainingConfig;
  value: TrainingConfig[keyof TrainingConfig];
  /** What it is for a list of this size over the reference vocabulary (names.txt's 27 symbols). */
  usual: TrainingConfig[keyof TrainingConfig];
}

/** The facts of a run the lines are made from; each is optional where a front end may lack it. */
export interface RunFacts {
  /** Items in the list (repeats included: what was split 80/10/10). */
  words: number;
  losses: SplitLosses;
  bigram: SplitLosses;
  /** The vocabulary's symbols (boundary excluded or not: it has no case). */
  symbols?: readonly string[];
  casing?: CasingInfo;
  /** Automatic choices that the vocabulary moved far from the usual (`autoChoices`). */
  auto?: readonly AutoChoice[];
  vocabSize?: number;
  /** The schedule followed time (core/progress.ts RunNotes.timeCapped). */
  timeCapped?: { seconds: number; reason: string };
  sampleTags?: SampleTags;
}

export type HonestyKind = 'baseline' | 'smallList' | 'auto' | 'timeCap' | 'samples';

export interface HonestyLine {
  kind: HonestyKind;
  /** 'warning': the numbers mislead without it; 'note': worth knowing. */
  tone: 'warning' | 'note';
  /** One sentence (or two), ending with a full stop. */
  text: string;
}

/** How a front end names a setting: "makemore.training.hiddenSize", "--hidden". */
export type SettingName = (key: keyof TrainingConfig) => string;

const count = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const fmt = (n: number): string => count.format(n);
const loss = (x: number): string => x.toFixed(3);

/** "24 %", "<1 %", "0 %": a share of `total`. */
export function formatShare(part: number, total: number): string {
  if (total <= 0) return '—';
  const p = (100 * part) / total;
  if (p > 0 && p < 0.5) return '<1 %';
  if (p < 100 && p > 99.5) return '>99 %';
  return `${Math.round(p)} %`;
}

/** The splits on which the model is not below the bigram baseline (empty: it beats counting letter pairs). */
export function belowBaseline(losses: SplitLosses, bigram: SplitLosses): SplitName[] {
  return (['dev', 'test'] as const).filter((s) => {
    const a = losses[s];
    const b = bigram[s];
    return a !== null && b !== null && Number.isFinite(b) && !(a < b);
  });
}

/** The list's casing in words — "no letter case" when no symbol of its vocabulary has case (Japanese, Arabic). */
export function describeCase(casing: CasingInfo, symbols?: readonly string[]): string {
  if (symbols && symbols.length > 0 && !symbols.some((c) => c.toLowerCase() !== c.toUpperCase())) return 'no letter case';
  return describeCasing(casing);
}

/**
 * The settings the engine set far from the usual because of the vocabulary: those the user left
 * automatic (`given` lacks them) whose value is what `defaultsFor` gives for this vocabulary and
 * at least FAR_FROM_USUAL times off what it gives for the same list on REFERENCE_VOCAB symbols
 * (or, not a number, different). Patience follows the steps and is not listed.
 */
export function autoChoices(
  given: Partial<TrainingConfig>,
  config: TrainingConfig,
  trainExamples: number,
  vocabSize: number,
): AutoChoice[] {
  if (vocabSize <= REFERENCE_VOCAB) return [];
  const here = defaultsFor(trainExamples, vocabSize);
  const usual = defaultsFor(trainExamples, REFERENCE_VOCAB);
  const out: AutoChoice[] = [];
  for (const key of Object.keys(here) as (keyof TrainingConfig)[]) {
    if (key === 'patience' || given[key] !== undefined) continue;
    const [value, before] = [here[key], usual[key]];
    if (JSON.stringify(config[key]) !== JSON.stringify(value) || JSON.stringify(value) === JSON.stringify(before)) continue;
    const far =
      typeof value === 'number' && typeof before === 'number'
        ? Math.max(value, before) / Math.max(1e-12, Math.min(value, before)) >= FAR_FROM_USUAL
        : true;
    if (far) out.push({ key, value, usual: before });
  }
  return out;
}

/** Counts samples by tag ('list', a model without splits, counts as train: the list's words it learnt from). */
export function tagShares(names: readonly string[], tagOf: (name: string) => NameTag): SampleTags {
  const tags: SampleTags = { samples: names.length, new: 0, train: 0, heldout: 0 };
  for (const name of names) {
    const tag = tagOf(name);
    if (tag === 'new') tags.new++;
    else if (tag === 'heldout') tags.heldout++;
    else tags.train++;
  }
  return tags;
}

const CHOICE_WORDS: Partial<Record<keyof TrainingConfig, (v: number) => string>> = {
  hiddenSize: (v) => `a hidden layer of ${fmt(v)} units`,
  steps: (v) => `${fmt(v)} steps`,
  embeddingSize: (v) => `${fmt(v)}-d embeddings`,
  blockSize: (v) => `${fmt(v)} characters of context`,
  batchSize: (v) => `batches of ${fmt(v)}`,
};

function describeChoice(c: AutoChoice): string {
  const words = typeof c.value === 'number' && typeof c.usual === 'number' ? CHOICE_WORDS[c.key] : undefined;
  if (words) return `${words(c.value as number)} (usually ${fmt(c.usual as number)})`;
  return `${c.key} ${String(c.value)} (usually ${String(c.usual)})`;
}

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
const capital = (s: string): string => s.replace(/^./u, (c) => c.toUpperCase());

/** The lines for a run, in the order they matter: see the top of this file. */
export function honestyLines(facts: RunFacts, setting: SettingName): HonestyLine[] {
  const lines: HonestyLine[] = [];
  const below = belowBaseline(facts.losses, facts.bigram);
  if (below.length > 0) {
    const which = below.map((s) => `${s} ${loss(facts.losses[s]!)} against ${loss(facts.bigram[s]!)}`).join(', ');
    lines.push({
      kind: 'baseline',
      tone: 'warning',
      text: `Worse than counting letter pairs (${which} for the bigram baseline): the list is too small or too varied for this model.`,
    });
  }
  const tags = facts.sampleTags;
  if (facts.words < SMALL_LIST) {
    const sizes = splitSizes(facts.words);
    const copies =
      tags && tags.samples > 0
        ? `; ${formatShare(tags.train + tags.heldout, tags.samples)} of the model's samples are copies of the list`
        : '';
    lines.push({
      kind: 'smallList',
      tone: 'warning',
      text:
        `A small list: ${fmt(facts.words)} names, split ${fmt(sizes.train)} / ${fmt(sizes.dev)} / ${fmt(sizes.test)} — the dev loss rests on ${fmt(sizes.dev)} name${sizes.dev === 1 ? '' : 's'}${copies}. ` +
        `Add names (a few thousand give a loss to rely on and more new names), and keep the samples tagged new.`,
    });
  }
  if (facts.auto && facts.auto.length > 0) {
    const symbols = facts.vocabSize ?? facts.symbols?.length;
    lines.push({
      kind: 'auto',
      tone: 'note',
      text:
        `${symbols ? `${fmt(symbols)} symbols make` : 'A large vocabulary makes'} each step costly, so the run was sized down: ${list(facts.auto.map(describeChoice))}; ` +
        `${list(facts.auto.map((c) => setting(c.key)))} ${facts.auto.length === 1 ? 'changes it' : 'change them'}.`,
    });
  }
  if (facts.timeCapped) {
    lines.push({
      kind: 'timeCap',
      tone: 'note',
      text: `${capital(facts.timeCapped.reason)}; ${setting('steps')} or ${setting('timeBudget')} sets the length.`,
    });
  }
  if (tags && tags.samples > 0) {
    lines.push({
      kind: 'samples',
      tone: 'note',
      text: `Of ${fmt(tags.samples)} samples, ${formatShare(tags.new, tags.samples)} are new names, ${formatShare(tags.train, tags.samples)} are in the train split and ${formatShare(tags.heldout, tags.samples)} in the held-out splits.`,
    });
  }
  return lines;
}

/** The lines as the CLI's `--json` fields: `{ belowBaseline, smallList, autoChoices, sampleTags, honesty }`. */
export function honestyJson(facts: RunFacts, setting: SettingName): Record<string, unknown> {
  return {
    belowBaseline: belowBaseline(facts.losses, facts.bigram),
    smallList: facts.words < SMALL_LIST ? splitSizes(facts.words) : null,
    autoChoices: facts.auto ?? [],
    sampleTags: facts.sampleTags ?? null,
    honesty: honestyLines(facts, setting).map(({ kind, tone, text }) => ({ kind, tone, text })),
  };
}
