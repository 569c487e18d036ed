/**
 * A name read letter by letter (core/explored.ts `Reading`) in words: for the editor's hover
 * (Markdown), the Rank Lines by Typicality picker and the explorer's labels — one wording
 * everywhere. The percentiles are "more typical than N % of the list", and a line far down the
 * ranking is "least like the rest of the list", never an error.
 *
 * Pure: no VS Code API, no DOM.
 */
import { RANK_BUCKET_LABELS } from '../core/distribution';
import type { Reading, ReadLetter } from '../core/explored';
import type { NameTag } from '../core/listIndex';

/** A probability as a percentage, with as many digits as it needs: 34.1 %, 0.42 %, 0.0013 %. */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  const pct = 100 * p;
  if (pct >= 10) return `${pct.toFixed(1)} %`;
  if (pct >= 0.1) return `${pct.toFixed(2)} %`;
  if (pct === 0) return '0 %';
  return `${Number(pct.toPrecision(2))} %`;
}

/** A percentile (0–100) in words: "more typical than 62 % of the list". */
export function percentileWords(percentile: number | null, list = 'the list'): string | null {
  if (percentile === null || !Number.isFinite(percentile)) return null;
  return `more typical than ${Math.round(percentile)} % of ${list}`;
}

/** Mean surprisal per character: "2.41 nats per character". */
export function formatSurprisal(nats: number): string {
  return Number.isFinite(nats) ? `${nats.toFixed(2)} nats per character` : '—';
}

export const TAG_WORDS: Record<NameTag, string> = {
  new: 'not in the list',
  train: 'in the list (trained on)',
  heldout: 'in the list (held out)',
  list: 'in the list',
};

/** How a letter is named: itself, or "the end of the name". */
export function letterName(l: Pick<ReadLetter, 'char' | 'label'>): string {
  return l.char === '' ? 'the end of the name' : `“${l.label}”`;
}

/** One sentence for a letter, as a screen reader and a tooltip say it. */
export function letterSentence(l: ReadLetter): string {
  const guesses = l.top.map((t) => `${t.char === '' ? 'end' : t.label} ${formatProbability(t.p)}`).join(', ');
  return `${letterName(l)}: probability ${formatProbability(l.p)}, surprisal ${l.surprisal.toFixed(2)} nats, rank ${l.rank} (${RANK_BUCKET_LABELS[l.bucket].label}); the model's top guesses: ${guesses}`;
}

/** The summary of a reading: "2.41 nats per character · more typical than 62 % of names.txt (40 % of names of its length) · in the list". */
export function readingSummary(r: Reading, list = 'the list'): string {
  if (r.unknown.length > 0)
    return `The model does not know ${r.unknown.map((c) => `“${c}”`).join(', ')}: not scored (its word list has no such character).`;
  const overall = percentileWords(r.percentile, list);
  const byLength = r.lengthPercentile === null ? null : `${Math.round(r.lengthPercentile)} % of items of its length`;
  return [formatSurprisal(r.surprisal), overall && (byLength ? `${overall} (${byLength})` : overall), TAG_WORDS[r.tag]]
    .filter(Boolean)
    .join(' · ');
}

/** Escapes what Markdown would read as markup within a line (emphasis, code, links, HTML, table cells). */
const md = (s: string): string => s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);

/** The reading as Markdown: the summary, then one table row per letter (sign of its rank bucket, probability, surprisal, rank, the top 5 guesses), and the legend. */
export function readingMarkdown(r: Reading, list = 'the list'): string {
  const head = `**${md(r.text)}** — ${md(readingSummary(r, list))}`;
  if (r.unknown.length > 0) return head;
  const rows = r.letters.map((l) => {
    const sign = RANK_BUCKET_LABELS[l.bucket].sign;
    const letter = l.char === '' ? 'end' : `\`${l.label}\``;
    const guesses = l.top.map((t) => `${t.char === '' ? 'end' : md(t.label)} ${formatProbability(t.p)}`).join(' · ');
    return `| ${sign} ${letter} | ${formatProbability(l.p)} | ${l.surprisal.toFixed(2)} | ${l.rank} | ${guesses} |`;
  });
  const legend = Object.values(RANK_BUCKET_LABELS)
    .map((b) => `${b.sign} ${b.label}`)
    .join(' · ');
  return [
    head,
    '',
    '| letter | p | surprisal (nats) | rank | the model’s top 5 guesses |',
    '|---|--:|--:|--:|---|',
    ...rows,
    '',
    legend,
  ].join('\n');
}
