/**
 * The small-list study (bench/README.md, "Short lists"; docs/architecture.md, "Defaults that follow the data"): on lists under ~5,000 items,
 * the default run against a small sweep over hidden size (every other setting the default), in
 * one process, one after another. Prints one JSON line per run and a table. Times are CPU
 * seconds (user + system) from reading the list to the trained model: on this shared machine
 * wall time follows other people's work.
 *
 *   npx tsx bench/smallLists.ts [--data names.txt] [--hidden 32,64,128,256] [--out FILE]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/core/backend';
import type { TrainingConfig } from '../src/core/config';
import { prepareConfigured } from '../src/core/pipeline';
import { train } from '../src/core/train';
import { REPO_ROOT } from './children';
import { citiesSubset, dogNames, namesSubset, pokemonNames } from './listData';

export interface SmallRun {
  list: string;
  items: number;
  symbols: number;
  run: 'default' | 'sweep';
  hiddenSize: number;
  steps: number;
  keptStep: number;
  earlyStop: string | null;
  dev: number;
  /** Wall time, reading to trained model. */
  seconds: number;
  /** CPU time of the same (user + system): the work done, whatever the machine's load. */
  cpuSeconds: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'names.txt') },
      hidden: { type: 'string', default: '32,64,128,256' },
      out: { type: 'string' },
    },
  });
  await initBackend();
  const lists: [string, string][] = [
    ['dog-names (200)', dogNames().join('\n')],
    ['pokemon (1,025)', pokemonNames().join('\n')],
    ['names.txt 1,000', namesSubset(values.data, 1000, 7)],
    ['names.txt 4,000', namesSubset(values.data, 4000, 7)],
    ['cities 3,000', citiesSubset(3000, 7)],
  ];
  const runs: SmallRun[] = [];
  const one = async (list: string, text: string, given: Partial<TrainingConfig>, run: SmallRun['run']): Promise<SmallRun> => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const { data, config } = prepareConfigured(text, given);
    const r = await train(data.dataset, config);
    const out: SmallRun = {
      list,
      items: data.wordList.words.length,
      symbols: data.dataset.vocabulary.size,
      run,
      hiddenSize: config.hiddenSize,
      steps: r.steps,
      keptStep: r.keptStep,
      earlyStop: r.earlyStop?.message ?? null,
      dev: r.losses.dev!,
      seconds: (performance.now() - start) / 1000,
      cpuSeconds: ((u) => (u.user + u.system) / 1e6)(process.cpuUsage(cpu)),
    };
    process.stdout.write(JSON.stringify(out) + '\n');
    runs.push(out);
    return out;
  };
  for (const [list, text] of lists) {
    await one(list, text, {}, 'default');
    for (const h of values.hidden.split(',').map(Number)) await one(list, text, { hiddenSize: h }, 'sweep');
  }
  process.stderr.write(
    '\nlist              default: hidden  steps  dev    CPU time | best of the sweep: hidden  dev    | default − best\n',
  );
  for (const [list] of lists) {
    const d = runs.find((r) => r.list === list && r.run === 'default')!;
    const best = runs.filter((r) => r.list === list && r.run === 'sweep').reduce((a, b) => (b.dev < a.dev ? b : a));
    process.stderr.write(
      `${list.padEnd(18)} ${String(d.hiddenSize).padStart(6)} ${String(d.steps).padStart(6)}  ${d.dev.toFixed(3)}  ${d.cpuSeconds.toFixed(1).padStart(4)} s | ${String(best.hiddenSize).padStart(6)}  ${best.dev.toFixed(3)} | ${(d.dev - best.dev).toFixed(3)}\n`,
    );
  }
  if (values.out) fs.writeFileSync(values.out, JSON.stringify({ date: new Date().toISOString(), runs }, null, 2) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
