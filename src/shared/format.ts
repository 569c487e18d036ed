/**
 * How Makemore writes numbers — one module for the extension host, the webviews and the CLI,
 * so a value reads the same wherever it appears. Each kind of number has one formatter, and
 * losses one precision per context:
 *
 *   formatLoss         4 decimals: tables and figures (panel, sidebar, CLI, bench)
 *   formatLossBrief    3 decimals: sentences (notifications, status bar, quick picks, model names)
 *
 * A generated name's typicality (mean log-probability per character) is the negative of a loss
 * on one name: formatTypicality, 2 decimals with a true minus sign.
 *
 * Pure functions, no DOM, no Node.
 */
import { SWEEP_KEYS, SWEEP_LABELS, type SweepKey, type SweepSetting } from '../core/sweepPlan';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function missing(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined || !Number.isFinite(x);
}

/** A cross-entropy loss in nats per character, in a table or a figure: 2.1235. */
export function formatLoss(loss: number | null | undefined): string {
  return missing(loss) ? '—' : loss.toFixed(4);
}

/** A loss in a sentence: 2.124. */
export function formatLossBrief(loss: number | null | undefined): string {
  return missing(loss) ? '—' : loss.toFixed(3);
}

/** A difference of two losses, signed: 0.05234 → "+0.0523", −0.01 → "−0.0100". */
export function formatLossDelta(d: number | null | undefined): string {
  return missing(d) ? '—' : `${d < 0 ? '−' : '+'}${formatLoss(Math.abs(d))}`;
}

/** A name's typicality (mean natural log-probability per character): −2.13. */
export function formatTypicality(logProbPerChar: number | null | undefined): string {
  if (missing(logProbPerChar)) return '—';
  const s = Math.abs(logProbPerChar).toFixed(2);
  return logProbPerChar < 0 && s !== '0.00' ? `−${s}` : s;
}

/** A count: 12345 → "12,345". */
export function formatCount(n: number): string {
  return integer.format(Math.round(n));
}

/** A size where 3 digits are enough: 123456 → "123k", 1234567 → "1.23M". */
export function formatCompact(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (abs >= 1e3) return `${(n / 1e3).toPrecision(3)}k`;
  return integer.format(n);
}

/** A size on disk: 512 → "512 bytes", 1536 → "1.5 KB", 43.8 MB (binary units: 1 KB = 1,024 bytes). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${formatCount(n)} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/** Training throughput, in examples per second: 49123 → "49.1k", 850 → "850". */
export function formatThroughput(examplesPerSecond: number): string {
  if (!Number.isFinite(examplesPerSecond)) return '—';
  return examplesPerSecond >= 1000 ? `${(examplesPerSecond / 1000).toFixed(1)}k` : examplesPerSecond.toFixed(0);
}

/**
 * A learning rate (or another optimiser coefficient: weight decay, drop factor), three
 * significant digits: 0.005 → "0.005", 0.0043 → "0.0043", 0.00012 → "1.2e-4".
 */
export function formatLearningRate(x: number | null | undefined): string {
  if (missing(x)) return '—';
  if (x === 0) return '0';
  return Math.abs(x) >= 1e-3 ? String(Number(x.toPrecision(3))) : x.toExponential(1);
}

/** A span of time in words, for sentences and ETAs: "45 s", "2 min", "1 min 30 s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (missing(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}

const runDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * When a run ended, in local time: "28 Nov 14:02", with the year when it is not this year's
 * ("28 Nov 2025 14:02"), and the seconds when asked ("28 Nov 14:02:11": two runs of the same
 * minute). The one way a run's date is written (run names, tables, lists).
 */
export function formatRunDate(iso: string, now: Date = new Date(), seconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = runDate.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  const year = date.getFullYear() === now.getFullYear() ? '' : ` ${part('year')}`;
  return `${part('day')} ${part('month')}${year} ${part('hour')}:${part('minute')}${seconds ? `:${part('second')}` : ''}`;
}

/** A running clock: "42.0 s", "3 min 05 s", "1 h 02 min". */
export function formatElapsed(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A job's clock and its estimate: "42.0 s, about 1 min 10 s left", "1 min 02 s, almost done", "3.1 s". */
export function formatTiming(timing: { elapsed: number; remaining: number | null }): string {
  const { elapsed, remaining } = timing;
  return `${formatElapsed(elapsed)}${remaining === null ? '' : `, ${formatRemaining(remaining)}`}`;
}

/** The time a job should still take: "about 1 min 10 s left", "almost done". */
export function formatRemaining(remaining: number): string {
  return remaining < 1 ? 'almost done' : `about ${formatDuration(remaining)} left`;
}

/** An axis tick value, short and without trailing zeros: 250, 1k, 1.25k, 12.5k, 1.5M. */
export function formatTick(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${Number((n / 1e6).toPrecision(3))}M`;
  if (abs >= 1e3) return `${Number((n / 1e3).toPrecision(3))}k`;
  return String(Number(n.toPrecision(3)));
}

/** A tick of a log axis: 1e-5, 2e-4, 0.001, 0.05, 1, 250, 2k. */
export function formatLogTick(x: number): string {
  if (x > 0 && x < 1e-3) {
    const exponent = Math.floor(Math.log10(x) + 1e-9);
    return `${Number((x / 10 ** exponent).toPrecision(2))}e${exponent}`;
  }
  return formatTick(x);
}

/**
 * The values of a sweep's setting, in the words of core/sweepPlan.ts SWEEP_LABELS: `label` for
 * sentences ("context 3, hidden 200"), `name` for headings ("context length 3, hidden units
 * 200"), `short` for chart points ("ctx 3 · hid 200"). `keys`: which to name, in this order
 * (default: every key the setting has, in SWEEP_KEYS order).
 */
export function formatSetting(
  setting: SweepSetting,
  style: 'label' | 'name' | 'short' = 'label',
  keys: readonly SweepKey[] = SWEEP_KEYS,
): string {
  return keys
    .filter((k) => setting[k] !== undefined)
    .map((k) => `${SWEEP_LABELS[k][style]} ${setting[k]}`)
    .join(style === 'short' ? ' · ' : ', ');
}
