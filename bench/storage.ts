/**
 * `npm run bench:storage`: what the run store takes on disk for 20 runs of one list (issue 18,
 * item 9) — names.txt and a ~30 MB list generated at bench time (bench/listData.ts `bigList`) —
 * with the list's text kept once and shared (this version), against every run holding it whole
 * (0.2). The runs are stored through the extension's RunStore on a real directory, as the
 * extension stores them: each a model of the list's default configuration (its weights are not
 * trained: their size is what matters here), with the list's words and their splits.
 *
 * Two cases per list: 20 runs with the default seed (retraining as users do: the same split,
 * so one copy of the splits too), and 20 runs with 20 seeds (20 splits, the worst case).
 * Also timed: a save (it checks the model, writes it and reads it back) and a load.
 *
 *   npx tsx bench/storage.ts [--data names.txt] [--big-mb 30] [--runs 20] [--out bench/results/storage.json]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { encodeCheckpoint, type Checkpoint } from '../src/core/checkpoint';
import { initParams } from '../src/core/model';
import { listWithSplits, prepareConfigured } from '../src/core/pipeline';
import { Rng } from '../src/core/rng';
import { splitWords } from '../src/core/dataset';
import { modelShape } from '../src/core/train';
import { RunStore, fileKeyOf } from '../src/extension/runs/runStore';
import { formatBytes } from '../src/shared/format';
import { diskDir, memento } from '../test/unit/extension/helpers';
import { bigList, namesText } from './listData';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(__dirname, '../../shared/data/names.txt') },
    'big-mb': { type: 'string', default: '30' },
    runs: { type: 'string', default: '20' },
    out: { type: 'string' },
  },
});
const RUNS = Number(values.runs);

interface Measure {
  list: string;
  listBytes: number;
  distinctWords: number;
  seeds: 'one' | 'each';
  runs: number;
  /** Bytes on disk: this version's store, and every run whole (0.2: model + record each). */
  storeBytes: number;
  wholeBytes: number;
  sharedBytes: number;
  perRunBytes: number;
  saveSeconds: number;
  loadSeconds: number;
}

function dirBytes(dir: string): number {
  return fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

async function measure(name: string, text: string, seeds: 'one' | 'each'): Promise<Measure> {
  const { data, config } = prepareConfigured(text, {}, { fileName: name });
  const shape = modelShape(data.dataset, config);
  const words = data.wordList.words;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-bench-storage-'));
  try {
    const store = new RunStore(diskDir(dir), memento(), { runsPerFile: () => RUNS });
    const document = `file:///bench/${name}`;
    let wholeBytes = 0;
    let saveSeconds = 0;
    let last;
    for (let r = 0; r < RUNS; r++) {
      const seed = seeds === 'one' ? config.seed : config.seed + r;
      const split = seeds === 'one' ? data.dataset.splitWords : splitWords(words, seed);
      const ck: Checkpoint = {
        createdAt: new Date(Date.UTC(2026, 0, 1, 10, r)).toISOString(),
        shape,
        vocabulary: data.dataset.vocabulary,
        config: { ...config, seed },
        params: initParams(shape, new Rng(seed)),
        run: { steps: config.steps, keptStep: config.steps, seconds: 60, examplesPerSecond: 50_000, stopped: false, backend: 'wasm' },
        losses: { train: 2.1, dev: 2.2 + r / 1000, test: 2.2 },
        bigram: { train: 2.4, dev: 2.45, test: 2.45 },
        source: { name, sha256: data.sourceSha256, words: words.length },
        ...listWithSplits(words, split),
        casing: data.casing,
      };
      const bytes = encodeCheckpoint(ck);
      const started = performance.now();
      last = await store.save({
        fileKey: fileKeyOf(document),
        document,
        fileName: name,
        bytes,
        origin: 'train',
        curve: { trainStep: [], train: [], devStep: [], dev: [] },
        samples: [],
      });
      saveSeconds += (performance.now() - started) / 1000;
      // 0.2 stored the whole model and the same record.
      wholeBytes += bytes.length + fs.statSync(path.join(dir, `${last.run.fileKey}.${last.run.id}.run.json`)).size;
    }
    const started = performance.now();
    await store.loadModel(last!.run);
    const loadSeconds = (performance.now() - started) / 1000;
    const { group } = await store.file(fileKeyOf(document));
    const storage = await store.storage(group);
    return {
      list: name,
      listBytes: Buffer.byteLength(text),
      distinctWords: new Set(words).size,
      seeds,
      runs: group.runs.length,
      storeBytes: dirBytes(dir),
      wholeBytes,
      sharedBytes: storage.shared,
      perRunBytes: Math.round((storage.total - storage.shared) / group.runs.length),
      saveSeconds: saveSeconds / RUNS,
      loadSeconds,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const lists: [string, string][] = [
    [path.basename(values.data!), namesText(values.data!)],
    [`generated-${values['big-mb']}mb.txt`, await bigList(Number(values['big-mb']) * 1024 * 1024, 7)],
  ];
  const results: Measure[] = [];
  for (const [name, text] of lists) {
    for (const seeds of ['one', 'each'] as const) {
      const m = await measure(name, text, seeds);
      results.push(m);
      console.log(
        `${m.list} (${formatBytes(m.listBytes)}, ${m.distinctWords.toLocaleString('en-US')} distinct items), ${m.runs} runs, ${m.seeds === 'one' ? 'one seed' : 'a seed each'}: ` +
          `${formatBytes(m.storeBytes)} on disk (the list's text and splits ${formatBytes(m.sharedBytes)} once, ${formatBytes(m.perRunBytes)} per run) — ` +
          `every run whole: ${formatBytes(m.wholeBytes)}; a save ${m.saveSeconds.toFixed(2)} s, a load ${m.loadSeconds.toFixed(2)} s`,
      );
    }
  }
  if (values.out) {
    fs.mkdirSync(path.dirname(values.out), { recursive: true });
    fs.writeFileSync(values.out, JSON.stringify({ measuredAt: new Date().toISOString(), runs: RUNS, results }, null, 2) + '\n');
  }
}

void main();
