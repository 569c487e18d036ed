/**
 * A training run in words, the same in the panel's summary, the end notification and the log:
 * what was read ("CSV file, column 'name'"), what the run did about case ("casing: Title Case,
 * restored"), and what bounded it ("stopped early at step 450: no improvement on dev for 300
 * steps", "train loss on a sample of 100,000 of 2.35M examples", the time cap).
 *
 * Pure (no DOM, no Node): the host and the webviews both use it.
 */
import type { CasingInfo } from '../core/casing';
import type { TrainingConfig } from '../core/config';
import { describeCase, honestyLines, type HonestyLine, type RunFacts } from '../core/honesty';
import type { ListReading } from '../core/listFormat';
import type { RunNotes } from '../core/progress';
import type { TrainFinishedEvent, TrainStartedEvent } from './events';
import { formatCompact, formatCount } from './format';

/** "CSV file, column 'name'", "JSON array of objects, field 'title'", "Markdown list"; null for plain lines. */
export function describeReading(reading: ListReading | undefined): string | null {
  if (!reading || reading.format === 'lines') return null;
  const column = reading.column;
  if (!column) return reading.formatLabel;
  const which =
    reading.format === 'json' ? `field '${column.name}'` : reading.header === false ? `column ${column.index}` : `column '${column.name}'`;
  return `${reading.formatLabel}, ${which}`;
}

/** Whether the casing is worth a word outside the summary (it was folded, or a pattern is restored). */
export function casingIsNotable(casing: CasingInfo | undefined): casing is CasingInfo {
  return casing !== undefined && (casing.restored || (casing.folded && casing.pattern !== 'lower'));
}

/**
 * What bounded the run, one sentence each, in the order they happened: early stopping, the dev
 * sample of the evaluations during training (`devExamples`: the whole dev split's size), the
 * train-loss sample. (The time cap is an automatic choice: core/honesty.ts says it, with the
 * setting that changes it.)
 */
export function describeNotes(notes: RunNotes, devExamples: number | undefined): string[] {
  const out: string[] = [];
  if (notes.earlyStop) out.push(notes.earlyStop.message);
  if (notes.devSampleExamples !== undefined && devExamples !== undefined && notes.devSampleExamples < devExamples) {
    out.push(
      `dev loss during training on a fixed sample of ${formatCount(notes.devSampleExamples)} of ${formatCompact(devExamples)} examples`,
    );
  }
  if (notes.trainLossSample) {
    out.push(
      `train loss on a sample of ${formatCount(notes.trainLossSample.examples)} of ${formatCompact(notes.trainLossSample.total)} examples`,
    );
  }
  return out;
}

/** A training setting as VS Code names it: "makemore.training.hiddenSize". */
export function trainingSetting(key: keyof TrainingConfig): string {
  return `makemore.training.${key}`;
}

type StartedFacts = Pick<TrainStartedEvent, 'words' | 'symbols' | 'casing' | 'auto'>;
type FinishedFacts = Pick<TrainFinishedEvent, 'losses' | 'bigram' | 'timeCapped' | 'sampleTags'>;

/** A run's facts for its honesty lines (core/honesty.ts), from its started and finished events. */
export function runFactsOf(started: StartedFacts, finished: FinishedFacts): RunFacts {
  return {
    words: started.words,
    losses: finished.losses,
    bigram: finished.bigram,
    // symbols[0] is the boundary.
    symbols: started.symbols.slice(1),
    ...(started.casing ? { casing: started.casing } : {}),
    ...(started.auto ? { auto: started.auto } : {}),
    vocabSize: started.symbols.length,
    ...(finished.timeCapped ? { timeCapped: finished.timeCapped } : {}),
    ...(finished.sampleTags ? { sampleTags: finished.sampleTags } : {}),
  };
}

/** The honesty lines of a finished training run, with VS Code's setting names. */
export function runHonesty(started: StartedFacts, finished: FinishedFacts): HonestyLine[] {
  return honestyLines(runFactsOf(started, finished), trainingSetting);
}

/** "casing: Title Case, restored", or "no letter case" for a script without it (the run's symbols tell). */
export function describeRunCasing(started: Pick<TrainStartedEvent, 'casing' | 'symbols'>): string | null {
  return started.casing ? describeCase(started.casing, started.symbols.slice(1)) : null;
}
