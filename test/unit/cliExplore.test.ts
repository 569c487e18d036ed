/**
 * `makemore score` and `makemore explore` (the built dist/cli.js, run as a user runs it), on
 * models trained by `makemore train` at test time: one line per item with its line, mean
 * surprisal, log-probability and percentile, in text, CSV and JSON; least typical first; standard
 * input; a CSV column; characters the model does not know reported per item, not fatal; a model
 * of another list; the next-character distribution as a table and as JSON.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dogNames } from '../../bench/listData';
import type { ScoredLine } from '../../src/cli/commands/scoreCommand';
import { namesList } from './helpers/data';

const CLI = path.resolve(__dirname, '../../dist/cli.js');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, ...(input !== undefined ? { input } : {}) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Row = ScoredLine;

describe('makemore score and explore', function () {
  this.timeout(300_000);
  let dir: string;
  let names: string;
  let dogs: string;
  const file = (name: string, content: string): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-cli-explore-'));
    const list = file(
      'names.txt',
      namesList()
        .filter((_, i) => i % 10 === 0)
        .join('\n') + '\n',
    );
    names = path.join(dir, 'names.makemore');
    let r = run(['train', list, '--steps', '300', '--seed', '3', '--out', names]);
    assert.equal(r.code, 0, r.stderr);
    // Another list's model: dog names, Title Case (folded, restored).
    const dogList = file('dogs.txt', dogNames().join('\n') + '\n');
    dogs = path.join(dir, 'dogs.makemore');
    r = run(['train', dogList, '--steps', '200', '--seed', '3', '--out', dogs]);
    assert.equal(r.code, 0, r.stderr);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const json = (stdout: string): Row[] => JSON.parse(stdout) as Row[];

  it('scores every item of a file: its line, mean surprisal per character, log-probability and percentile', () => {
    const list = file('some.txt', 'emma\n\nolivia\nxzqwv\n  ava  \n');
    const r = run(['score', names, list, '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = json(r.stdout);
    assert.deepEqual(
      rows.map((x) => [x.line, x.item]),
      [
        [1, 'emma'],
        [3, 'olivia'],
        [4, 'xzqwv'],
        [5, 'ava'],
      ],
    );
    for (const x of rows) {
      assert.deepEqual(Object.keys(x), ['line', 'item', 'surprisal', 'logProb', 'percentile', 'lengthPercentile']);
      assert.ok(Math.abs(x.surprisal! - -x.logProb! / ([...x.item].length + 1)) < 1e-3, JSON.stringify(x));
      assert.ok(x.percentile! >= 0 && x.percentile! <= 100);
    }
    const odd = rows.find((x) => x.item === 'xzqwv')!;
    assert.ok(
      rows.every((x) => x === odd || x.surprisal! < odd.surprisal!),
      'random letters are the least typical',
    );
    assert.ok(odd.percentile! < 5, `xzqwv is more typical than ${odd.percentile} % of the list`);

    // The text table: a header, then one aligned line per item with the same numbers.
    const text = run(['score', names, list]);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^line\s+surprisal\s+log-prob\s+percentile\s+by length\s+item$/);
    assert.equal(lines.length, 5);
    assert.match(
      lines[2]!,
      new RegExp(
        `^\\s*3\\s+${rows[1]!.surprisal!.toFixed(3)}\\s+${rows[1]!.logProb!.toFixed(2)}\\s+${rows[1]!.percentile!.toFixed(1)} %\\s+[\\d.]+ %\\s+olivia$`,
      ),
    );
    const csv = run(['score', names, list, '--format', 'csv']);
    assert.equal(csv.stdout.split('\n')[0], 'line,item,surprisal,logProb,percentile,lengthPercentile,unknown');
    assert.equal(csv.stdout.trimEnd().split('\n').length, 5);
  });

  it('--sort lists the least typical first, --top keeps the first N; standard input with -', () => {
    const items = [...namesList().slice(5000, 5030), 'qxzjv', 'zzzzzz', 'wkxq'];
    const r = run(['score', names, '-', '--sort', '--top', '3', '--json'], items.join('\n') + '\n');
    assert.equal(r.code, 0, r.stderr);
    const rows = json(r.stdout);
    assert.equal(rows.length, 3);
    assert.deepEqual(new Set(rows.map((x) => x.item)), new Set(['qxzjv', 'zzzzzz', 'wkxq']));
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1]!.lengthPercentile! <= rows[i]!.lengthPercentile!);
    const bySurprisal = json(run(['score', names, '-', '--sort', '--rank-by', 'surprisal', '--json'], items.join('\n')).stdout);
    for (let i = 1; i < bySurprisal.length; i++) assert.ok(bySurprisal[i - 1]!.surprisal! >= bySurprisal[i]!.surprisal!);
  });

  it('reads a file as train does (a CSV column), and reports characters the model does not know per item, not fatal', () => {
    const csv = file('people.csv', 'id,name,city\n1,Emma,Paris\n2,Zoë,Oslo\n3,Mary Ann,Rome\n4,Liam,Bern\n');
    const r = run(['score', names, csv, '--column', 'name', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = json(r.stdout);
    assert.deepEqual(
      rows.map((x) => [x.line, x.item]),
      [
        [2, 'Emma'],
        [3, 'Zoë'],
        [4, 'Mary Ann'],
        [5, 'Liam'],
      ],
    );
    assert.deepEqual(rows[1]!.unknown, ['ë']);
    assert.deepEqual(rows[2]!.unknown, [' ']);
    assert.equal(rows[1]!.surprisal, null);
    assert.equal(rows[1]!.percentile, null);
    assert.ok(rows[0]!.surprisal! > 0, 'Emma is scored as emma: the model is case-folded');
    assert.match(r.stderr, /2 of 4 items hold characters the model does not know and are not scored: line 3 \("ë"\); line 4 \(" "\)\./);
    const text = run(['score', names, csv, '--column', 'name']);
    assert.match(text.stdout, /\n\s*3\s+—\s+—\s+—\s+—\s+Zoë {2}\(unknown: ë\)\n/);
    // Sorted, the items the model cannot read come first.
    assert.deepEqual(
      json(run(['score', names, csv, '--column', 'name', '--json', '--sort']).stdout)
        .slice(0, 2)
        .map((x) => x.item),
      ['Zoë', 'Mary Ann'],
    );
  });

  it('a model of another list scores against its own list: dog names typical of dogs, the percentiles theirs', () => {
    const list = file('mixed.txt', `${dogNames().slice(0, 20).join('\n')}\n${namesList().slice(0, 20).join('\n')}\n`);
    const byDogs = json(run(['score', dogs, list, '--json']).stdout);
    assert.equal(byDogs.length, 40);
    assert.ok(
      byDogs.every((x) => x.surprisal !== null),
      'every name is in the dogs model’s alphabet (case folded)',
    );
    const mean = (rows: Row[]) => rows.reduce((s, x) => s + x.surprisal!, 0) / rows.length;
    assert.ok(mean(byDogs.slice(0, 20)) < mean(byDogs.slice(20)), 'the dogs model finds dog names more typical than people’s');
    const bad = run(['score', dogs, path.join(dir, 'nope.txt')]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /nope\.txt: no such file/);
  });

  it('explore: the next-character distribution as a table, and as JSON over every symbol, the end included', () => {
    const r = run(['explore', names, 'em', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { prefix: string; entropy: number; next: { symbol: string; p: number }[] };
    assert.deepEqual(Object.keys(out), ['prefix', 'entropy', 'next']);
    assert.equal(out.prefix, 'em');
    assert.equal(out.next.length, 27, '26 letters and the end of the name');
    assert.ok(
      out.next.some((n) => n.symbol === ''),
      'the end of the name is the symbol ""',
    );
    assert.ok(Math.abs(out.next.reduce((s, n) => s + n.p, 0) - 1) < 1e-6);
    for (let i = 1; i < out.next.length; i++) assert.ok(out.next[i - 1]!.p >= out.next[i]!.p);
    assert.ok(Math.abs(out.entropy + out.next.reduce((s, n) => s + n.p * Math.log(n.p), 0)) < 1e-5);

    const table = run(['explore', names, 'EM']);
    assert.equal(table.code, 0, table.stderr);
    const lines = table.stdout.trimEnd().split('\n');
    assert.match(
      lines[0]!,
      new RegExp(
        `^After "em" the model sees \\[[. ]*e m\\]: entropy ${out.entropy.toFixed(3)} nats, about [\\d.]+ equally likely choices\\.$`,
      ),
    );
    assert.equal(lines.length, 28);
    assert.match(lines[1]!, new RegExp(`^${out.next[0]!.symbol || '\\.'}\\s+${(100 * out.next[0]!.p).toFixed(2)} %$`));
    assert.ok(lines.some((l) => /^\. \(end\)\s+[\d.]+ %$/.test(l)));
    assert.equal(JSON.parse(run(['explore', names, '--json']).stdout).prefix, '', 'no prefix: the start of a name');

    const unknown = run(['explore', names, 'zö']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.stderr.trim(), 'makemore: The model does not know "ö": its word list has no such character.');
  });
});
