/** Number formatting shared by the panel and the sidebar (one format per kind of number). */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A cross-entropy loss in nats, as everywhere in Makemore (the CLI prints the same 4 decimals). */
export function formatLoss(loss: number | null | undefined): string {
  return loss === null || loss === undefined || !Number.isFinite(loss) ? '—' : loss.toFixed(4);
}

/** 12345 → "12,345". */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** 123456 → "123k", 1234567 → "1.23M": for rates and sizes where 3 digits are enough. */
export function formatCompact(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (abs >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (abs >= 1e3) return `${(n / 1e3).toPrecision(3)}k`;
  return integer.format(n);
}

/** An axis tick value, short and without trailing zeros: 250, 1k, 1.25k, 12.5k, 1.5M. */
export function formatTick(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e6) return `${Number((n / 1e6).toPrecision(3))}M`;
  if (abs >= 1e3) return `${Number((n / 1e3).toPrecision(3))}k`;
  return String(Number(n.toPrecision(3)));
}

/** Seconds as "42.0 s", "3 min 05 s" or "1 h 02 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A learning rate or weight decay: 0.005 → "0.005", 0.00012 → "1.2e-4". */
export function formatRate(x: number): string {
  if (x === 0) return '0';
  return Math.abs(x) >= 1e-3 ? String(Number(x.toPrecision(3))) : x.toExponential(1);
}

/** A difference of two losses, signed: 0.05234 → "+0.0523", −0.01 → "−0.0100". */
export function formatLossDelta(d: number | null | undefined): string {
  if (d === null || d === undefined || !Number.isFinite(d)) return '—';
  return `${d < 0 ? '−' : '+'}${formatLoss(Math.abs(d))}`;
}

/** A tick of a log axis: 1e-5, 2e-4, 0.001, 0.05, 1, 250, 2k. */
export function formatLogTick(x: number): string {
  if (x > 0 && x < 1e-3) {
    const exponent = Math.floor(Math.log10(x) + 1e-9);
    return `${Number((x / 10 ** exponent).toPrecision(2))}e${exponent}`;
  }
  return formatTick(x);
}
