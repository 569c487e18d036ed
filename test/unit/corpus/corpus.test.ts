/**
 * Runs the corpus of unusual and broken inputs (corpus.ts): every table, every case — the reading
 * in-process through the CLI's own path, then errors and some readings through the built CLI.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { listOptionsFromFlags, type ConfigFlags } from '../../../src/cli/options';
import { readTextFileWithEncoding } from '../../../src/cli/listFile';
import { errorMessage, InputError } from '../../../src/core/errors';
import { parseWordList } from '../../../src/core/wordlist';
import type { CorpusCase } from './corpus';
import { READER_CASES } from './readerCases';

/** Every table of the corpus, by the part of the product it tries. */
const TABLES: Record<string, CorpusCase[]> = { 'the list reader': READER_CASES };

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
/** A training as short as can be: the corpus checks the reading, not the model. */
const SHORT = ['--steps', '2', '--hidden', '4', '--embedding', '2', '--batch', '8', '--samples', '3', '--json'];

/** The list options of a case's flags, as the CLI parses them (--format, --column, --marked-only). */
function flagsOf(flags: readonly string[]): ConfigFlags {
  const out: ConfigFlags = {};
  for (let i = 0; i < flags.length; i++) {
    if (flags[i] === '--format') out.format = flags[++i] as ConfigFlags['format'];
    else if (flags[i] === '--column') out.column = flags[++i];
    else if (flags[i] === '--marked-only') out.markedOnly = true;
    else throw new Error(`unknown flag ${flags[i]}`);
  }
  return out;
}

function run(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `jobs` at most `n` at a time. */
async function pool<T>(jobs: (() => Promise<T>)[], n: number): Promise<T[]> {
  const out: T[] = new Array<T>(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const k = next++;
        out[k] = await jobs[k]!();
      }
    }),
  );
  return out;
}

describe('the corpus of unusual and broken inputs', function () {
  this.timeout(600_000);
  let root: string;
  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-corpus-'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Makes the case's folder and file; returns the CLI's arguments. */
  const prepare = (table: string, k: number, c: CorpusCase): { dir: string; file: string; args: string[] } => {
    const dir = path.join(root, `${table.replace(/\W+/gu, '-')}-${k}`);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, c.file.name);
    const content = typeof c.file.content === 'function' ? c.file.content() : c.file.content;
    fs.writeFileSync(file, content);
    c.setup?.(dir, file);
    const args = c.args ? c.args(dir, file) : ['train', file, ...(c.flags ?? [])];
    return { dir, file, args };
  };

  for (const [table, cases] of Object.entries(TABLES)) {
    describe(table, () => {
      it(`holds ${cases.length} cases, each with what must come of it`, () => {
        assert.ok(cases.length >= 100, `${cases.length} cases`);
        for (const c of cases) assert.ok(c.read || c.error, `${c.name}: a reading or an error`);
        assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'names are distinct');
      });

      cases.forEach((c, k) => {
        it(`reads ${c.name}`, () => {
          const { file, args } = prepare(table, k, c);
          const target = args[0] === 'train' ? args[1]! : file;
          const flags = args[0] === 'train' ? args.slice(2) : (c.flags ?? []);
          let read;
          try {
            const { text } = readTextFileWithEncoding(target);
            read = parseWordList(text, listOptionsFromFlags(flagsOf(flags), target));
          } catch (e) {
            if (!c.error) throw e;
            assert.ok(e instanceof InputError, `an InputError, not ${errorMessage(e)}`);
            assert.match(e.message, c.error.message);
            assert.doesNotMatch(e.message, /\n/u, 'one line');
            return;
          }
          assert.ok(!c.error, `expected ${c.error?.message}, read ${JSON.stringify(read.words.slice(0, 5))}`);
          const expected = c.read!;
          if (typeof expected.items === 'function') expected.items(read.words);
          else assert.deepEqual(read.words, expected.items);
          for (const w of read.words) assert.doesNotMatch(w, /[\p{Cc}\u2028\u2029]/u, 'no control character in an item');
          if (expected.description) assert.match(read.listReading.description, expected.description);
          if (expected.notes) {
            const notes = (read.listReading.notes ?? []).map((n) => n.message);
            assert.equal(notes.length, expected.notes.length, `notes: ${JSON.stringify(notes)}`);
            for (const n of expected.notes)
              assert.ok(
                notes.some((m) => n.test(m)),
                `a note matching ${n}: ${JSON.stringify(notes)}`,
              );
          }
          if (expected.warning === null) assert.equal(read.listReading.warning, undefined);
          else if (expected.warning) assert.match(read.listReading.warning?.message ?? '(no warning)', expected.warning);
        });
      });

      it('through the built CLI: errors are one line and exit 2; readings train, with what stderr must say', async () => {
        assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build`);
        const through = cases.map((c, k) => ({ c, k })).filter(({ c }) => c.error || c.cli);
        const failures: string[] = [];
        await pool(
          through.map(({ c, k }) => async () => {
            const { dir, args } = prepare(`${table}-cli`, k, c);
            const extra = c.error ? [] : [...SHORT, '--out', path.join(dir, 'model.makemore')];
            const r = await run([...args, ...extra]);
            const problem = (what: string): void =>
              void failures.push(`${c.name}: ${what}\n  exit ${r.code}\n  stderr: ${r.stderr.trim().slice(0, 600)}`);
            if (c.error) {
              const lines = r.stderr.trimEnd().split('\n');
              if (r.code !== c.error.exit) problem(`exit code ${r.code}, expected ${c.error.exit}`);
              else if (lines.length !== 1 || !lines[0]!.startsWith('makemore: ')) problem('not one "makemore: " line');
              else if (
                ![lines[0]!.slice('makemore: '.length), lines[0]!.replace(/^makemore: [^:]*: /u, '')].some((m) => c.error!.message.test(m))
              )
                problem(`message does not match ${c.error.message}`);
              else if (r.stdout !== '') problem('stdout is not empty');
              return;
            }
            if (r.code !== (c.cli?.exit ?? 0)) return problem(`exit code ${r.code}`);
            for (const p of c.cli?.stderr ?? []) if (!p.test(r.stderr)) problem(`stderr does not match ${p}`);
            const summary = JSON.parse(r.stdout.trimEnd().split('\n').at(-1)!) as { words: number };
            if (typeof c.read?.items !== 'function' && summary.words !== c.read!.items.length)
              problem(`${summary.words} words trained on, ${c.read!.items.length} expected`);
          }),
          3,
        );
        assert.deepEqual(failures, []);
      });
    });
  }
});
