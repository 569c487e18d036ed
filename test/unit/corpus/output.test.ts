/**
 * Issue 18's corpus, the output side (items 1, 2, 7 and 8): unusual and broken requests to the
 * built CLI (dist/cli.js, from `npm run build`), each with its expected exit code and message and
 * what must (not) have happened on disk. Everything is made here, in a temporary folder: lists,
 * models, read-only and full file systems.
 *
 * - Item 1, never overwrite what the user made: an output that is the input or not a model, a
 *   folder, `--out ""`, a path under a file, `/dev/null`, a read-only folder, a full disk before
 *   training and a disk that fills up during training — refused before training with exit 2 and
 *   one line, or the model kept at a fallback path the message names; no temporary file left.
 * - Item 2 (the writer's half): the model saved is read back; the fallback model decodes.
 * - Item 7: constraint flags taken whole, repeated for several; a set that cannot be met said
 *   after STALL_TRIES tries, naming the constraint that rejects most.
 * - Item 8: CSV output escapes formula-like cells.
 *
 * Read-only and full file systems are tiny tmpfs mounts (the tests run as root, where chmod does
 * not stop writes); where mounting is not allowed those cases are skipped, and the same failures
 * are simulated through the CLI's test hook (MAKEMORE_TEST_WRITE_ERROR, cli/output.ts).
 *
 * `i18-reader` builds the reader's corpus (items 2–6) in this folder too; the two tables are
 * meant to be one runner's.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import { decodeCheckpoint } from '../../../src/core/checkpoint';
import { STALL_TRIES } from '../../../src/core/constraints';
import { namesList } from '../helpers/data';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function run(args: readonly string[], env: Record<string, string> = {}, cwd?: string): Result {
  const start = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 240_000, env: { ...process.env, ...env }, cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (performance.now() - start) / 1000 };
}

/** stderr holds exactly one line, a makemore message without a stack trace or "internal error". */
function oneLine(r: Result): string {
  const lines = r.stderr
    .trimEnd()
    .split('\n')
    .filter((l) => !/^(step |… |Training on |Model: |Reading |\s*$)/.test(l));
  assert.equal(lines.length, 1, `one message line:\n${r.stderr}`);
  assert.match(lines[0]!, /^makemore: /);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
  return lines[0]!;
}

/** Mounts a tmpfs of `size` (e.g. "64k") at `dir`, read-only if asked; false where mounting is not allowed. */
function mountTmpfs(dir: string, size: string, readOnly = false): boolean {
  fs.mkdirSync(dir, { recursive: true });
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${readOnly ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'ignore' }).status === 0;
}

function unmount(dir: string): void {
  spawnSync('umount', [dir], { stdio: 'ignore' });
}

/** The files of a folder, hidden ones too (a probe or temporary file left behind would show). */
const filesIn = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []);

describe('corpus: the output side (issue 18: items 1, 2, 7, 8)', function () {
  this.timeout(300_000);
  let dir: string;
  /** Where fallback models go (the child's TMPDIR). */
  let fallbackDir: string;
  let list: string;
  let listText: string;
  const mounts: string[] = [];
  const file = (name: string, content: string | Uint8Array): string => {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    return p;
  };
  /** A short training of the list, saving to `out` (flags after it). */
  const train = (out: readonly string[], env: Record<string, string> = {}, more: readonly string[] = []): Result =>
    run(['train', list, '--steps', '20', '--batch', '32', '--hidden', '16', ...out, ...more], { TMPDIR: fallbackDir, ...env }, dir);

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-corpus-out-'));
    fallbackDir = path.join(dir, 'fallback');
    fs.mkdirSync(fallbackDir);
    listText = namesList().slice(0, 400).join('\n') + '\n';
    list = file('l.txt', listText);
  });
  after(() => {
    for (const m of mounts) unmount(m);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const mount = (name: string, size: string, readOnly = false): string | undefined => {
    const at = path.join(dir, name);
    if (!mountTmpfs(at, size, readOnly)) return undefined;
    mounts.push(at);
    return at;
  };

  describe('item 1: refused before training, exit 2, one line, nothing touched', () => {
    const notAModel = 'my notes\n';
    const cases: [string, () => string[], RegExp, () => void][] = [
      [
        'the input as --out',
        () => ['--out', 'l.txt'],
        /^makemore: l\.txt is the word list being trained on: it is left as it is; choose another name for the model, e\.g\. --out l\.makemore\.$/,
        () => assert.equal(fs.readFileSync(list, 'utf8'), listText),
      ],
      [
        'the input by another path',
        () => ['--out', `./sub/../l.txt`],
        /is the word list being trained on/,
        () => assert.equal(fs.readFileSync(list, 'utf8'), listText),
      ],
      [
        'the input through a symbolic link',
        () => (
          fs.rmSync(path.join(dir, 'link.txt'), { force: true }),
          fs.symlinkSync(list, path.join(dir, 'link.txt')),
          ['--out', 'link.txt']
        ),
        /link\.txt is the word list being trained on/,
        () => assert.equal(fs.readFileSync(list, 'utf8'), listText),
      ],
      [
        'the input through a hard link',
        () => (
          fs.rmSync(path.join(dir, 'hard.txt'), { force: true }),
          fs.linkSync(list, path.join(dir, 'hard.txt')),
          ['--out', 'hard.txt']
        ),
        /hard\.txt is the word list being trained on/,
        () => assert.equal(fs.readFileSync(list, 'utf8'), listText),
      ],
      [
        'an existing file that is not a model',
        () => (file('notes.txt', notAModel), ['--out', 'notes.txt']),
        /^makemore: notes\.txt exists and is not a Makemore model: it is left as it is; choose another name, or remove it first\.$/,
        () => assert.equal(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8'), notAModel),
      ],
      [
        'an empty existing file',
        () => (file('empty.makemore', ''), ['--out', 'empty.makemore']),
        /empty\.makemore exists and is not a Makemore model/,
        () => assert.equal(fs.statSync(path.join(dir, 'empty.makemore')).size, 0),
      ],
      [
        'an existing folder',
        () => (fs.mkdirSync(path.join(dir, 'models'), { recursive: true }), ['--out', 'models']),
        /^makemore: models is a folder: give a file name in it, e\.g\. --out models\/names\.makemore\.$/,
        () => assert.deepEqual(filesIn(path.join(dir, 'models')), []),
      ],
      [
        'a name ending with a slash',
        () => ['--out', 'new-folder/'],
        /new-folder\/ names a folder/,
        () => assert.ok(!fs.existsSync(path.join(dir, 'new-folder'))),
      ],
      [
        '--out ""',
        () => ['--out', ''],
        /^makemore: --out is empty: give the model's file name, e\.g\. --out names\.makemore\.$/,
        () => undefined,
      ],
      ['--out of spaces', () => ['--out', '   '], /--out is empty/, () => undefined],
      [
        'a path under a file',
        () => (file('notes.txt', notAModel), ['--out', 'notes.txt/m.makemore']),
        /notes\.txt is a file, not a folder; choose another place for the model\.$/,
        () => assert.equal(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8'), notAModel),
      ],
      [
        'a path under a file, deeper',
        () => (file('notes.txt', notAModel), ['--out', 'notes.txt/a/b/m.makemore']),
        /notes\.txt is a file, not a folder/,
        () => undefined,
      ],
      [
        '/dev/null',
        () => ['--out', '/dev/null'],
        /^makemore: \/dev\/null is not a regular file: it is left as it is/,
        () => assert.ok(fs.statSync('/dev/null').isCharacterDevice()),
      ],
      [
        'a folder that cannot be written (simulated: EACCES)',
        () => ['--out', 'sim/m.makemore', '#EACCES:probe'],
        /cannot write in .*sim: permission denied \(EACCES\); choose another place for the model\.$/,
        () => assert.deepEqual(filesIn(path.join(dir, 'sim')), []),
      ],
      [
        'a read-only file system (simulated: EROFS)',
        () => ['--out', 'sim/m.makemore', '#EROFS:probe'],
        /the file system is read-only \(EROFS\)/,
        () => assert.deepEqual(filesIn(path.join(dir, 'sim')), []),
      ],
      [
        'a full disk (simulated: ENOSPC)',
        () => ['--out', 'sim/m.makemore', '#ENOSPC:probe'],
        /no space left on the disk \(ENOSPC\)/,
        () => assert.deepEqual(filesIn(path.join(dir, 'sim')), []),
      ],
    ];
    for (const [what, args, message, unchanged] of cases) {
      it(`${what}`, () => {
        fs.mkdirSync(path.join(dir, 'sim'), { recursive: true });
        const all = args();
        const hook = all.find((a) => a.startsWith('#'));
        const r = train(
          all.filter((a) => a !== hook),
          hook ? { MAKEMORE_TEST_WRITE_ERROR: hook.slice(1) } : {},
        );
        assert.equal(r.code, 2, r.stderr);
        assert.match(oneLine(r), message);
        assert.doesNotMatch(r.stderr, /^Training on|step \d/m, 'refused before training');
        assert.equal(r.stdout, '');
        unchanged();
        assert.deepEqual(filesIn(fallbackDir), [], 'no fallback model: nothing was trained');
      });
    }

    it('a read-only file system (a read-only tmpfs)', function () {
      const ro = mount('ro', '64k', true);
      if (!ro) this.skip();
      for (const out of ['ro/m.makemore', 'ro/sub/m.makemore']) {
        const r = train(['--out', out]);
        assert.equal(r.code, 2, r.stderr);
        assert.match(oneLine(r), /cannot write in .*\/ro: the file system is read-only \(EROFS\); choose another place for the model\.$/);
        assert.doesNotMatch(r.stderr, /^Training on/m);
      }
    });

    it('a full disk before training (an 8 KB tmpfs): not enough space, said before training', function () {
      const tiny = mount('tiny', '8k');
      if (!tiny) this.skip();
      const r = train(['--out', 'tiny/m.makemore']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(
        oneLine(r),
        /^makemore: tiny\/m\.makemore: not enough space in .*tiny \([\d.]+ KB free; the model needs about [\d.]+ KB\): free some space or choose another place\.$/,
      );
      assert.deepEqual(filesIn(tiny), [], 'no probe or temporary file left');
    });

    it('sweep --out is checked the same way, before the sweep', () => {
      fs.mkdirSync(path.join(dir, 'models'), { recursive: true });
      file('best.makemore', 'not a model');
      for (const [out, message] of [
        ['models', /models is a folder/],
        ['models/', /models\/ names a folder/],
        ['best', /best\.makemore exists and is not a Makemore model/],
        ['', /--out is empty/],
      ] as const) {
        const r = run(['sweep', list, '--vary', 'hidden=8,16', '--time', '1', '--out', out], { TMPDIR: fallbackDir }, dir);
        assert.equal(r.code, 2, r.stderr);
        assert.match(oneLine(r), message);
        assert.doesNotMatch(r.stderr, /^Sweeping/m);
      }
      assert.equal(fs.readFileSync(list, 'utf8'), listText);
    });
  });

  describe('item 1: saving fails at the end, the model is kept at a fallback path', () => {
    /** The fallback model the message names: it exists, it decodes, it is the list's. */
    const keptAt = (r: Result): string => {
      const m = /the model was saved to (.+\.makemore) instead\.$/m.exec(r.stderr);
      assert.ok(m, r.stderr);
      const at = m[1]!;
      assert.equal(path.dirname(at), fallbackDir);
      const ck = decodeCheckpoint(fs.readFileSync(at));
      assert.equal(ck.source.name, 'l.txt');
      fs.rmSync(at);
      return at;
    };

    it('a disk that is full when saving (simulated ENOSPC on the save): exit 2, the model at the fallback path, no temporary file', () => {
      fs.mkdirSync(path.join(dir, 'sim'), { recursive: true });
      const r = train(['--out', 'sim/m.makemore'], { MAKEMORE_TEST_WRITE_ERROR: 'ENOSPC:save' }, ['--json']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(
        oneLine(r),
        /^makemore: could not save sim\/m\.makemore: no space left on the disk \(ENOSPC\); the model was saved to .+ instead\.$/,
      );
      const at = keptAt(r);
      const summary = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!);
      assert.equal(summary.model, at, 'the JSON summary names where the model is');
      assert.match(summary.modelProblem, /ENOSPC/);
      assert.deepEqual(filesIn(path.join(dir, 'sim')), [], 'no temporary file left');
    });

    it('a disk that fills up during training (a tmpfs filled meanwhile): the model at the fallback path', async function () {
      const full = mount('full', '512k');
      if (!full) this.skip();
      // Long enough to fill the disk once training has begun (after every check).
      const child = spawn(
        process.execPath,
        [CLI, 'train', list, '--steps', '3000', '--batch', '32', '--hidden', '16', '--out', 'full/m.makemore'],
        {
          cwd: dir,
          env: { ...process.env, TMPDIR: fallbackDir },
        },
      );
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const training = new Promise<void>((resolve) =>
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (/^Training on /m.test(stderr)) resolve();
        }),
      );
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      await training;
      // Fill the file system: what is left of it in one file.
      try {
        fs.writeFileSync(path.join(full, 'filler'), Buffer.alloc(600 * 1024));
      } catch (e) {
        assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
      }
      const code = await exited;
      const r = { code, stdout, stderr, seconds: 0 };
      assert.equal(code, 2, stderr);
      assert.match(
        oneLine(r),
        /^makemore: could not save full\/m\.makemore: no space left on the disk \(ENOSPC\); the model was saved to .+ instead\.$/,
      );
      keptAt(r);
      assert.match(stdout, /^Saved .+\.makemore$/m, 'the result names the fallback');
      assert.deepEqual(filesIn(full), ['filler'], 'no temporary file left on the full disk');
    });

    it('an existing model at --out is replaced (that is what --out asks), read back and checked', () => {
      const r1 = train(['--out', 'twice.makemore']);
      assert.equal(r1.code, 0, r1.stderr);
      const first = fs.readFileSync(path.join(dir, 'twice.makemore'));
      const r2 = train(['--out', 'twice.makemore'], {}, ['--seed', '7']);
      assert.equal(r2.code, 0, r2.stderr);
      const second = fs.readFileSync(path.join(dir, 'twice.makemore'));
      assert.notDeepEqual(second, first);
      assert.equal(decodeCheckpoint(second).config.seed, 7);
      assert.deepEqual(
        filesIn(dir).filter((f) => f.endsWith('.tmp') || f.includes('probe')),
        [],
      );
    });
  });

  describe('items 7 and 8: sampling constraints and CSV exports', () => {
    let names: string;
    let commas: string;
    let formulas: string;
    before(() => {
      // A model of names (no comma), one of "Last, First" entries (commas and spaces), one of
      // names a spreadsheet would read as formulas.
      const model = (name: string, words: string[], steps = '300'): string => {
        const out = path.join(dir, `${name}.makemore`);
        const r = run([
          'train',
          file(`${name}.txt`, words.join('\n')),
          '--steps',
          steps,
          '--batch',
          '64',
          '--out',
          out,
          '--seed',
          '3',
          '--format',
          'lines',
        ]);
        assert.equal(r.code, 0, r.stderr);
        return out;
      };
      const all = namesList();
      names = model('names', all.slice(0, 3000));
      commas = model(
        'commas',
        all.slice(0, 1500).map((n, i) => `${all[(i * 7) % all.length]}, ${n}`),
        '600',
      );
      formulas = model(
        'formulas',
        all.slice(0, 800).map((n, i) => `${'=+-@'[i % 4]}${n}`),
        '600',
      );
    });

    const sample = (model: () => string, args: string[]) => run(['sample', model(), '--seed', '5', ...args]);
    const lines = (r: Result) => r.stdout.trimEnd().split('\n').filter(Boolean);

    it('--contains ", " keeps its comma and space', () => {
      const r = sample(() => commas, ['--count', '20', '--contains', ', ']);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(lines(r).length, 20);
      for (const n of lines(r)) assert.ok(n.includes(', '), n);
    });

    it('--exclude "," on a model with commas excludes the comma', () => {
      const r = sample(() => commas, ['--count', '5', '--exclude', ',', '--max-tries', '20000']);
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      for (const n of lines(r)) assert.ok(!n.includes(','), n);
    });

    it('a repeated flag gives several texts: every one is required', () => {
      const r = sample(() => names, ['--count', '10', '--contains', 'a', '--contains', 'e']);
      assert.equal(r.code, 0, r.stderr);
      for (const n of lines(r)) assert.ok(n.includes('a') && n.includes('e'), n);
    });

    it('the comma form of earlier versions still works where it cannot be misread (a model without commas)', () => {
      const r = sample(() => names, ['--count', '30', '--exclude', 'a,e', '--exclude', 'i']);
      assert.equal(r.code, 0, r.stderr);
      for (const n of lines(r)) assert.ok(!/[aei]/.test(n), n);
    });

    it('--contains "," on a model without commas: named, not dropped (exit 2)', () => {
      for (const value of [',', ', ']) {
        const r = sample(() => names, ['--contains', value]);
        assert.equal(r.code, 2);
        assert.match(oneLine(r), /^makemore: The model does not know ","/);
      }
    });

    it(`an impossible set of constraints is said after ${STALL_TRIES.toLocaleString('en-US')} fruitless tries, naming the constraint that rejects most`, () => {
      const cases: [string[], string][] = [
        [['--contains', 'qqq'], '"contains"'],
        [['--ends-with', 'qx'], '"ends with"'],
        [['--starts-with', 'zz', '--ends-with', 'qu', '--min-length', '4'], '"ends with"'],
      ];
      for (const [args, rejects] of cases) {
        const r = sample(() => names, args);
        assert.equal(r.code, 1, r.stderr);
        assert.equal(r.stdout, '');
        assert.match(
          oneLine(r),
          new RegExp(
            `^makemore: found 0 of 10 after [\\d,]+ tries: no name meets these constraints — most were rejected by ${rejects}; loosen a constraint\\.$`,
          ),
        );
        const tries = Number(/after ([\d,]+) tries/.exec(r.stderr)![1]!.replaceAll(',', ''));
        assert.ok(tries >= STALL_TRIES && tries < STALL_TRIES + 1100, `${tries} tries`);
        // A measure, not a goal checked here (a shared machine): the issue asks for under 2 s.
        console.log(`      ${args.join(' ')}: ${r.seconds.toFixed(2)} s (process start included)`);
      }
      // --max-tries asks for a longer search: it is done.
      const longer = sample(() => names, ['--contains', 'qqq', '--max-tries', String(STALL_TRIES * 2)]);
      assert.match(
        longer.stderr,
        new RegExp(`after ${(STALL_TRIES * 2).toLocaleString('en-US')} tries — most were rejected by "contains"`),
      );
    });

    it('CSV output escapes cells a spreadsheet would run as formulas', () => {
      const r = sample(() => formulas, ['--count', '40', '--format', 'csv']);
      assert.equal(r.code, 0, r.stderr);
      const rows = Papa.parse<string[]>(r.stdout.trimEnd(), { newline: '\n' }).data;
      assert.deepEqual(rows[0], ['name', 'tag', 'typicality']);
      let escaped = 0;
      for (const [name] of rows.slice(1)) {
        // No cell starts with a formula character; escaped ones start with an apostrophe.
        assert.doesNotMatch(name!, /^[=+\-@\t\r]/, name);
        if (/^'[=+\-@]/.test(name!)) escaped++;
      }
      assert.ok(escaped > 30, `${escaped} of 40 names escaped`);
      // txt and json are not spreadsheets: the names as they are.
      const txt = lines(sample(() => formulas, ['--count', '40']));
      assert.ok(txt.filter((n) => /^[=+\-@]/.test(n)).length > 30);
    });
  });
});
