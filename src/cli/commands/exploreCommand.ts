/**
 * `makemore explore MODEL [PREFIX]`: the model's distribution of the next character after PREFIX
 * (exactly the model's: core/predictions.ts), every symbol including the end of the name, most
 * probable first, with its entropy; or as JSON, `{ prefix, entropy, next: [{ symbol, p }] }`
 * where the end of the name is the symbol "".
 */
import { decodeCheckpoint } from '../../core/checkpoint';
import { equallyLikelyChoices } from '../../core/distribution';
import { explorerModelOf, ModelExplorer } from '../../core/explorer';
import { readModelFile } from '../io';

export interface ExploreFlags {
  format: 'table' | 'json';
  json?: boolean;
}

export function exploreCommand(modelFile: string, prefix: string | undefined, flags: ExploreFlags): void {
  const ck = decodeCheckpoint(readModelFile(modelFile));
  const explorer = new ModelExplorer(explorerModelOf(ck), 'plain');
  const answer = explorer.next(prefix ?? '');
  const next = answer.logp
    .map((lp, v) => ({ symbol: answer.table.symbols[v]!, label: answer.table.labels[v]!, p: Math.exp(lp) }))
    .sort((a, b) => b.p - a.p);
  if (flags.json || flags.format === 'json') {
    process.stdout.write(
      JSON.stringify({
        prefix: answer.prefix,
        entropy: Number(answer.entropy.toFixed(6)),
        next: next.map(({ symbol, p }) => ({ symbol, p })),
      }) + '\n',
    );
    return;
  }
  const lines = [
    `After ${JSON.stringify(answer.prefix)} the model sees [${answer.context.join(' ')}]: entropy ${answer.entropy.toFixed(3)} nats, about ${equallyLikelyChoices(answer.entropy).toFixed(1)} equally likely choices.`,
    ...next.map(({ symbol, label, p }) => `${(symbol === '' ? `${label} (end)` : label).padEnd(8)}${(100 * p).toFixed(2).padStart(7)} %`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
