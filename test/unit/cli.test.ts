/**
 * The built CLI (dist/cli.js, from `npm run build`), run as a user runs it.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodeCheckpoint } from '../../src/core/checkpoint';
import { BASE_DEFAULTS } from '../../src/core/config';
import { initParams } from '../../src/core/model';
import { Rng } from '../../src/core/rng';
import { Vocabulary } from '../../src/core/vocabulary';
import { namesList } from './helpers/data';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function run(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('makemore CLI', function () {
  this.timeout(180_000);
  let dir: string;
  /** An untrained model of names.txt's alphabet: enough to check what `sample` accepts. */
  let model: string;
  const file = (name: string, content: string | Uint8Array): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-cli-'));
    const words = namesList().slice(0, 200);
    const vocabulary = Vocabulary.fromWords(words);
    const shape = { vocabSize: vocabulary.size, blockSize: 3, embeddingSize: 4, hiddenSize: 8 };
    model = file(
      'random.makemore',
      encodeCheckpoint({
        createdAt: new Date(0).toISOString(),
        shape,
        vocabulary,
        config: { ...BASE_DEFAULTS, blockSize: 3, embeddingSize: 4, hiddenSize: 8 },
        params: initParams(shape, new Rng(1)),
        run: { steps: 0, keptStep: 0, seconds: 0, examplesPerSecond: 0, stopped: false, backend: 'wasm' },
        losses: { train: null, dev: null, test: null },
        bigram: { train: null, dev: null, test: null },
        source: { name: 'names.txt', sha256: '0'.repeat(64), words: words.length },
        trainingWords: words,
      }),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const badInputs: [string, () => string[], RegExp][] = [
    ['a missing file', () => ['train', path.join(dir, 'nope.txt')], /nope\.txt: no such file/],
    ['a directory', () => ['train', dir], /is a directory/],
    ['an empty file', () => ['train', file('empty.txt', '')], /empty/],
    ['only blank lines', () => ['train', file('blank.txt', '\n  \n\r\n')], /only blank lines/],
    ['NUL bytes', () => ['train', file('nul.bin', new Uint8Array([0x61, 0x0a, 0x00, 0x62, 0x0a]))], /binary: it contains a NUL byte/],
    [
      'invalid UTF-8 (a Windows-1252 file)',
      () => ['train', file('latin1.txt', new Uint8Array([0x61, 0x6e, 0x61, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a, 0x62, 0x0a]))],
      /latin1\.txt: Line 2 is not valid UTF-8 \(byte 0xE9 at offset 7\): the file looks saved as Windows-1252 \(Latin-1\).*Save it as UTF-8/,
    ],
    [
      'UTF-16 without a byte-order mark',
      () => ['train', file('u16.txt', new Uint8Array([...'emma\nolivia\nava\n'].flatMap((c) => [c.charCodeAt(0), 0])))],
      /UTF-16 text without a byte-order mark.*Save it as UTF-8/,
    ],
    [
      'a JSON file that is not a list',
      () => ['train', file('obj.json', '{"names": ["Bella", "Lucy"]}')],
      /holds an object, not a list: expected an array of strings.*'names' is an array/,
    ],
    ['a JSON array of numbers', () => ['train', file('nums.json', '[1, 2, 3]')], /neither strings nor objects/],
    ['invalid JSON', () => ['train', file('bad.json', '["Bella", "Lucy"')], /not valid JSON/],
    [
      'an unknown CSV column',
      () => ['train', file('dogs.csv', 'name,count\nBella,3\nLucy,5\n'), '--column', 'breed'],
      /There is no column 'breed': the columns are 1 'name', 2 'count'/,
    ],
    [
      'a column of a plain list',
      () => ['train', file('plain.txt', 'emma\nolivia\n'), '--column', '2'],
      /reads as one item per line, which has no columns/,
    ],
    ['--format xml', () => ['train', '--format', 'xml'], /xml.*Allowed choices are auto, lines, csv, tsv, markdown, json/],
    ['one usable line', () => ['train', file('one.txt', 'emma\n\n')], /1 usable line; at least 2/],
    [
      'a line over the cap',
      () => ['train', file('long.txt', `emma\n${'a'.repeat(200)}\n`)],
      /Line 2 is 200 characters long; the limit is 128/,
    ],
    ['--steps 0', () => ['train', '--steps', '0'], /--steps must be at least 1 \(got 0\)/],
    ['--steps -5', () => ['train', '--steps', '-5'], /--steps must be at least 1/],
    ['--steps abc', () => ['train', '--steps', 'abc'], /--steps must be a number/],
    ['--batch 1.5', () => ['train', '--batch', '1.5'], /--batch must be a whole number/],
    ['--block-size 99', () => ['train', '--block-size', '99'], /--block-size must be at most 16 \(got 99\)/],
    ['--lr 0', () => ['train', '--lr', '0'], /--lr must be above 0/],
    ['--optimizer rmsprop', () => ['train', '--optimizer', 'rmsprop'], /rmsprop.*Allowed choices are adam, sgd/],
    ['an unknown flag', () => ['train', '--colour'], /unknown option '--colour'/],
    ['a missing model', () => ['sample', path.join(dir, 'x.makemore')], /no such model file/],
    ['a corrupt model', () => ['sample', file('bad.makemore', 'MAKEMORE\x01\x00\x00\x00\xff\x00\x00\x00{')], /truncated|corrupt/],
    // The values of a generate request: the editor's messages (shared/generateRequest.ts), before the model is read.
    ['--temperature 0', () => ['sample', 'm', '--temperature', '0'], /^makemore: The temperature must be above 0 \(got 0\)\.\n$/],
    [
      '--top-k x',
      () => ['sample', 'm', '--top-k', 'x'],
      /^makemore: Top-k must be a whole number from 0 to 100,000 \(got “x”\); 0 means all characters\.\n$/,
    ],
    [
      '--min-length above --max-length',
      () => ['sample', model, '--min-length', '8', '--max-length', '5'],
      /The minimum length \(8\) is above the maximum length \(5\)\./,
    ],
    [
      '--starts-with longer than --max-length',
      () => ['sample', model, '--starts-with', 'christopher', '--max-length', '6'],
      /"starts with" "christopher" has 11 characters, more than the maximum length 6/,
    ],
    [
      '--starts-with and --ends-with that cannot fit',
      () => ['sample', model, '--starts-with', 'ann', '--ends-with', 'bel', '--max-length', '5'],
      /need at least 6 characters together/,
    ],
    [
      'a character the model does not know',
      () => ['sample', model, '--ends-with', 'qé', '--contains', 'a'],
      /The model does not know "é" \(in "ends with" "qé"\)/,
    ],
    [
      'an excluded text that is required',
      () => ['sample', model, '--starts-with', 'ka', '--exclude', 'x,a'],
      /"a" is excluded, but "starts with" "ka" contains it/,
    ],
    ['--prefix with --starts-with', () => ['sample', model, '--prefix', 'a', '--starts-with', 'b'], /cannot be used with/],
    [
      '--min-edits 4',
      () => ['sample', model, '--min-edits', '4'],
      /"At least N edits from every name in the list" must be at most 3 \(got 4\)/,
    ],
    ['--max-length 200', () => ['sample', model, '--max-length', '200'], /The maximum length must be at most 128 \(got 200\)/],
    ['--count 0', () => ['sample', model, '--count', '0'], /^makemore: The number of names must be at least 1 \(got 0\)\.\n$/],
    ['--count 200000', () => ['sample', model, '--count', '200000'], /The number of names must be at most 100,000 \(got 200,000\)/],
    ['--format xml', () => ['sample', model, '--format', 'xml'], /'xml' is invalid\. Allowed choices are txt, csv, json/],
    [
      'a sweep without --vary',
      () => ['sweep', file('sweep.txt', 'ann\nbob\n')],
      /^makemore: Say what to vary, e\.g\. --vary hidden=50,100,200,400\.$/m,
    ],
    [
      'a sweep of more than 48 runs',
      () => ['sweep', '--vary', 'hidden=8,16,32,64,128,256,512', '--vary', 'block-size=1,2,3,4,5,6,7'],
      /^makemore: --vary gives 49 runs \(7 block-size × 7 hidden\); a sweep may have at most 48: give fewer values\.$/m,
    ],
    [
      '--vary with an unknown name',
      () => ['sweep', '--vary', 'depth=2,3'],
      /--vary takes NAME=VALUES with NAME one of block-size, embedding, hidden \(got depth=2,3\)\./,
    ],
  ];
  for (const [what, args, message] of badInputs) {
    it(`rejects ${what}: one line on stderr, exit code 2`, () => {
      const r = run(args());
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
      const lines = r.stderr.trimEnd().split('\n');
      assert.equal(lines.length, 1, `one line:\n${r.stderr}`);
      assert.match(lines[0]!, /^makemore: /);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(r.stdout, '');
    });
  }

  it('trains, saves and samples: JSON summary on the last line of stdout', () => {
    const words = file('names.txt', namesList().slice(0, 2000).join('\n'));
    const model = path.join(dir, 'm.makemore');
    const r = run(['train', words, '--steps', '60', '--batch', '64', '--hidden', '32', '--out', model, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
    for (const key of ['train', 'dev', 'test', 'bigramDev', 'steps', 'seconds', 'examplesPerSecond', 'vocabSize', 'params']) {
      assert.ok(key in summary, `summary has ${key}`);
    }
    assert.equal(summary.steps, 60);
    assert.equal(summary.vocabSize, 27);
    // Every flag reaches the configuration.
    assert.equal(summary.config.hiddenSize, 32);
    assert.equal(summary.config.batchSize, 64);
    assert.equal(
      summary.params,
      summary.config.blockSize * summary.config.embeddingSize * 32 + 32 + 32 * 27 + 27 + 27 * summary.config.embeddingSize,
    );
    assert.ok(summary.dev > 1 && summary.dev < 3.5);
    assert.ok(fs.existsSync(model));

    const s = run(['sample', model, '--count', '7', '--seed', '3', '--prefix', 'ka']);
    assert.equal(s.code, 0, s.stderr);
    const names = s.stdout.trimEnd().split('\n');
    assert.equal(names.length, 7);
    for (const n of names) assert.match(n, /^ka[a-z]*$/);
    assert.deepEqual(run(['sample', model, '--count', '7', '--seed', '3', '--prefix', 'ka']).stdout, s.stdout);

    const info = JSON.parse(run(['info', model]).stdout);
    assert.equal(info.format, 'makemore-checkpoint');
    assert.equal(info.source.name, 'names.txt');
  });

  it('sample: constraints, formats (txt, csv, json), tags, and an honest shortfall', () => {
    const list = namesList().slice(0, 3000);
    const words = file('gen.txt', list.join('\n'));
    const m = path.join(dir, 'gen.makemore');
    assert.equal(run(['train', words, '--steps', '150', '--hidden', '48', '--out', m]).code, 0);

    const csv = run([
      'sample',
      m,
      '--count',
      '15',
      '--seed',
      '1',
      '--starts-with',
      'KA',
      '--ends-with',
      'a',
      '--min-length',
      '4',
      '--max-length',
      '7',
      '--novel',
      '--format',
      'csv',
    ]);
    assert.equal(csv.code, 0, csv.stderr);
    const [header, ...rows] = csv.stdout.trimEnd().split('\n');
    assert.equal(header, 'name,tag,typicality');
    assert.equal(rows.length, 15);
    for (const row of rows) {
      const [name, tag, typicality] = row.split(',');
      assert.match(name!, /^ka[a-z]{1,4}a$/, row);
      assert.ok(!list.includes(name!), `${name} is new`);
      assert.equal(tag, 'new');
      assert.ok(Number(typicality) < 0, row);
    }

    const json = run(['sample', m, '--count', '200', '--seed', '2', '--temperature', '0.6', '--format', 'json']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal(
      run(['sample', m, '--count', '200', '--seed', '2', '--temperature', '0.6', '--json']).stdout,
      json.stdout,
      '--json is --format json',
    );
    const names = JSON.parse(json.stdout) as { name: string; tag: string; logProbPerChar: number }[];
    assert.equal(names.length, 200);
    for (const n of names) {
      assert.deepEqual(Object.keys(n), ['name', 'tag', 'logProbPerChar']);
      assert.equal(n.tag === 'new', !list.includes(n.name), `${n.name}: ${n.tag}`);
      assert.ok(['new', 'train', 'heldout'].includes(n.tag));
      assert.ok(n.logProbPerChar < 0);
    }
    assert.ok(names.some((n) => n.tag === 'train') && names.some((n) => n.tag === 'new'));
    const txt = run(['sample', m, '--count', '200', '--seed', '2', '--temperature', '0.6']);
    assert.deepEqual(
      txt.stdout.trimEnd().split('\n'),
      names.map((n) => n.name),
      'txt: the same names, one per line',
    );

    // Fewer found than asked: the names found on stdout, the shortfall on stderr, exit 0.
    const some = run(['sample', m, '--count', '50', '--seed', '3', '--novel', '--min-length', '6', '--max-tries', '30']);
    assert.equal(some.code, 0, some.stderr);
    const found = some.stdout.trimEnd().split('\n').length;
    assert.ok(found > 0 && found < 30);
    assert.match(
      some.stderr,
      new RegExp(`^makemore: found ${found} of 50 after 30 tries — most were rejected by .*; loosen a constraint\\.\n$`),
    );
    // None found: exit 1.
    const none = run(['sample', m, '--ends-with', 'qx', '--max-tries', '200']);
    assert.equal(none.code, 1);
    assert.equal(none.stdout, '');
    assert.equal(none.stderr, 'makemore: found 0 of 10 after 200 tries — most were rejected by "ends with"; loosen a constraint.\n');
  });

  it('passes every hyperparameter flag to the configuration', () => {
    const words = file('few.txt', namesList().slice(0, 300).join('\n'));
    const r = run([
      'train',
      words,
      '--block-size',
      '4',
      '--embedding',
      '6',
      '--hidden',
      '20',
      '--steps',
      '7',
      '--batch',
      '16',
      '--lr',
      '0.02',
      '--lr-drop-factor',
      '0.5',
      '--lr-drops',
      '0.3,0.6',
      '--weight-decay',
      '0.1',
      '--seed',
      '9',
      '--time',
      '100',
      '--eval-every',
      '3',
      '--optimizer',
      'sgd',
      '--init',
      'randn',
      '--fold-case',
      '--patience',
      '50',
      '--output-layer',
      'factored',
      '--out',
      path.join(dir, 'f.makemore'),
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const { config } = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
    assert.deepEqual(config, {
      blockSize: 4,
      embeddingSize: 6,
      hiddenSize: 20,
      steps: 7,
      batchSize: 16,
      learningRate: 0.02,
      optimizer: 'sgd',
      lrDrops: [0.3, 0.6],
      lrDropFactor: 0.5,
      weightDecay: 0.1,
      seed: 9,
      foldCase: 'on',
      timeBudget: 100,
      evalEvery: 3,
      init: 'randn',
      patience: 50,
      outputLayer: 'factored',
    });
  });

  it('sweeps a hyperparameter and finds a learning rate (JSON)', () => {
    const words = file('sweep.txt', namesList().slice(0, 1500).join('\n'));
    const s = run([
      'sweep',
      words,
      '--vary',
      'hidden=8,32',
      '--steps',
      '40',
      '--time',
      '0',
      '--batch',
      '64',
      '--json',
      '--out',
      path.join(dir, 'best'),
    ]);
    assert.equal(s.code, 0, s.stderr);
    const sweep = JSON.parse(s.stdout.trimEnd().split('\n').at(-1)!);
    assert.deepEqual(
      sweep.runs.map((r: { setting: unknown }) => r.setting),
      [{ hiddenSize: 8 }, { hiddenSize: 32 }],
    );
    assert.equal(sweep.diagnosis.length, 2);
    assert.ok(fs.existsSync(path.join(dir, 'best.makemore')));

    const l = run(['lr-find', words, '--lr-steps', '100', '--batch', '64', '--json']);
    assert.equal(l.code, 0, l.stderr);
    const lr = JSON.parse(l.stdout.trimEnd().split('\n').at(-1)!);
    assert.ok(lr.suggestion > 0 && lr.learningRates.length > 10);
    assert.equal(run(['sweep', words, '--vary', 'width=3']).code, 2);
  });

  it('reads a CSV column and says so on stderr, trains case-folded and samples in Title Case', () => {
    const names = namesList()
      .slice(0, 600)
      .map((n) => n[0]!.toUpperCase() + n.slice(1));
    const csv = file('names.csv', `id,name,count\n${names.map((n, i) => `${i + 1},${n},${1000 - i}`).join('\n')}\n`);
    const model = path.join(dir, 'csv.makemore');
    const r = run(['train', csv, '--steps', '80', '--hidden', '32', '--out', model, '--json', '--samples', '30']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^Reading column 'name' \(also: id, count\) of a CSV file: 600 items, e\.g\. Emma, Olivia, Ava$/m);
    assert.match(r.stderr, /casing: Title Case, restored/);
    const summary = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
    assert.equal(summary.source.format, 'csv');
    assert.equal(summary.source.column, 'name');
    assert.equal(summary.vocabSize, 27);
    assert.equal(summary.config.foldCase, 'on');
    for (const w of summary.samples) assert.match(w, /^[A-Z][a-z]*$/);
    const info = JSON.parse(run(['info', model]).stdout);
    assert.equal(info.source.format, 'csv');
    assert.equal(info.casing.pattern, 'title');
    const s = run(['sample', model, '--count', '20', '--seed', '2', '--prefix', 'MA']);
    for (const w of s.stdout.trimEnd().split('\n')) assert.match(w, /^Ma[a-z]*$/);
    // The file was only read.
    assert.ok(fs.readFileSync(csv, 'utf8').startsWith('id,name,count\n1,Emma,1000\n'));
  });

  it('reads UTF-16 LE and BE files with a byte-order mark, and a UTF-8 BOM', () => {
    const words = namesList().slice(0, 300).join('\n') + '\n';
    const units = [...words].map((c) => c.charCodeAt(0));
    const inputs: [string, Uint8Array, RegExp][] = [
      ['le.txt', new Uint8Array([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]), /UTF-16LE/],
      ['be.txt', new Uint8Array([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]), /UTF-16BE/],
      ['bom.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(words)]), /^(?![\s\S]*UTF-16)/],
    ];
    for (const [name, bytes, note] of inputs) {
      const r = run(['train', file(name, bytes), '--steps', '5', '--hidden', '8', '--out', path.join(dir, `${name}.makemore`), '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, note);
      const summary = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
      assert.equal(summary.words, 300, name);
      assert.equal(summary.vocabSize, 27, name);
    }
  });

  it('warns about a plain list with stray structure, naming the choice', () => {
    const list = namesList()
      .slice(0, 200)
      .map((n, i) => (i % 4 === 0 ? `${n}, jr` : n))
      .join('\n');
    const r = run(['train', file('stray.txt', list), '--steps', '5', '--hidden', '8', '--out', path.join(dir, 'stray.makemore')]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^Warning: 25% of the lines hold a comma.*--format csv reads it as CSV; --format lines keeps the lines/m);
    const quiet = run([
      'train',
      path.join(dir, 'stray.txt'),
      '--format',
      'lines',
      '--steps',
      '5',
      '--hidden',
      '8',
      '--out',
      path.join(dir, 'stray.makemore'),
    ]);
    assert.doesNotMatch(quiet.stderr, /Warning/);
  });

  it('trains on the embedded sample list without a file', () => {
    const model = path.join(dir, 'sample.makemore');
    const r = run(['train', '--steps', '20', '--hidden', '16', '--out', model, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const summary = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
    assert.ok(summary.words > 3000, `${summary.words} sample names`);
    assert.match(r.stderr, /sample: English first names/);
  });

  it('stands alone: copied with its .wasm away from node_modules, it trains (what the VSIX ships is bundled whole)', () => {
    const alone = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-cli-alone-'));
    try {
      for (const f of ['cli.js', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'])
        fs.copyFileSync(path.join(path.dirname(CLI), f), path.join(alone, f));
      const r = spawnSync(
        process.execPath,
        [path.join(alone, 'cli.js'), 'train', '--steps', '20', '--hidden', '16', '--out', path.join(alone, 'm.makemore'), '--json'],
        { cwd: alone, encoding: 'utf8', timeout: 120_000 },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!).backend, 'wasm');
      assert.doesNotMatch(r.stderr, /falling back|cpu backend/i);
    } finally {
      fs.rmSync(alone, { recursive: true, force: true });
    }
  });
});
