import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import {
  checkRequest,
  ConstraintError,
  COUNT_LIMIT,
  lengthRange,
  nameViolation,
  planRequest,
  shortestWith,
  shortfallMessage,
  splitList,
  type GenerateRequest,
  type ListFacts,
} from '../../../src/core/constraints';
import { InputError } from '../../../src/core/errors';
import { formatNames } from '../../../src/core/nameExport';

const lower = [...'abcdefghijklmnopqrstuvwxyz'];
const names: ListFacts = { characters: lower, lengths: { min: 2, max: 15 } };
/** A list with both cases of some letters (Title Case names) and a space. */
const mixed: ListFacts = { characters: [' ', 'A', 'K', 'M', ...lower], lengths: { min: 3, max: 20 } };

const problem = (request: Partial<GenerateRequest>, facts = names) => checkRequest({ count: 10, ...request }, facts);

describe('constraints (pure)', () => {
  it('defaults the length range to the list, moved only as far as a bound the user set', () => {
    const plan = planRequest({ count: 5 }, names);
    assert.deepEqual([plan.minLength, plan.maxLength], [2, 15]);
    assert.deepEqual([planRequest({ count: 5, maxLength: 1 }, names).minLength, planRequest({ count: 5, maxLength: 1 }, names).maxLength], [1, 1]);
    assert.deepEqual([planRequest({ count: 5, minLength: 20 }, names).minLength, planRequest({ count: 5, minLength: 20 }, names).maxLength], [20, 20]);
    assert.deepEqual([planRequest({ count: 5, minLength: 5, maxLength: 7 }, names).minLength, planRequest({ count: 5, minLength: 5, maxLength: 7 }, names).maxLength], [5, 7]);
    assert.equal(plan.maxTries, 200_000);
    assert.equal(planRequest({ count: 50_000 }, names, { maxCount: 100_000 }).maxTries, 1_000_000);
    assert.equal(plan.temperature, 1);
    assert.equal(plan.topK, 0);
    assert.equal(plan.newOnly, false);
    assert.equal(planRequest({ count: 5, minEdits: 2 }, names).newOnly, true, 'at least 2 edits away implies not in the list');
  });

  it('rejects contradictions before any sampling, with one message naming the field', () => {
    const cases: [Partial<GenerateRequest>, string, RegExp][] = [
      [{ minLength: 8, maxLength: 5 }, 'minLength', /The minimum length \(8\) is above the maximum length \(5\)\./],
      [{ startsWith: 'christopher', maxLength: 7 }, 'startsWith', /"starts with" "christopher" has 11 characters, more than the maximum length 7\.$/],
      [{ startsWith: 'abcdefghijklmnop' }, 'startsWith', /more than the maximum length 15 \(the longest name in the list; set a maximum length to allow longer names\)/],
      [{ endsWith: 'abcdef', maxLength: 5 }, 'endsWith', /"ends with" "abcdef" has 6 characters/],
      [{ contains: ['abcdef'], maxLength: 5 }, 'contains', /"contains" "abcdef" has 6 characters/],
      [{ startsWith: 'kat', endsWith: 'ina', maxLength: 5 }, 'endsWith', /need at least 6 characters together, more than the maximum length 5/],
      [{ startsWith: 'ka', excludes: ['A'] }, 'excludes', /"A" is excluded, but "starts with" "ka" contains it\./],
      [{ contains: ['ann'], excludes: ['nn'] }, 'excludes', /"nn" is excluded, but "contains" "ann" contains it/],
      [{ count: 0 }, 'count', /from 1 to 1,000 \(got 0\)/],
      [{ count: COUNT_LIMIT + 1 }, 'count', /from 1 to 1,000/],
      [{ count: 2.5 }, 'count', /whole number/],
      [{ temperature: 0 }, 'temperature', /above 0/],
      [{ topK: -1 }, 'topK', /top-k/],
      [{ minEdits: 4 }, 'minEdits', /from 0 to 3 \(got 4\)/],
      [{ maxLength: 129 }, 'maxLength', /from 1 to 128/],
      [{ minLength: 0 }, 'minLength', /from 1 to 128/],
      [{ maxTries: 0 }, 'maxTries', /tries/],
    ];
    for (const [request, field, message] of cases) {
      const p = problem(request);
      assert.ok(p, `${JSON.stringify(request)} is rejected`);
      assert.equal(p.field, field, JSON.stringify(request));
      assert.match(p.message, message);
      assert.doesNotMatch(p.message, /\n/);
      assert.throws(() => planRequest({ count: 10, ...request }, names), (e: unknown) => e instanceof ConstraintError && e instanceof InputError && e.field === field);
    }
    // Overlapping starts and ends fit: "kat…" + "…ta" needs only 4 characters ("kata").
    assert.equal(problem({ startsWith: 'kat', endsWith: 'ta', maxLength: 4 }), undefined);
    assert.equal(problem({ startsWith: 'kat', endsWith: 'ta', maxLength: 3 })?.field, 'endsWith');
    assert.equal(problem({ count: 5000 })?.field, 'count');
    assert.equal(checkRequest({ count: 5000 }, names, { maxCount: 10_000 }), undefined, 'the CLI allows more');
  });

  it('names the characters the model does not know', () => {
    const p = problem({ endsWith: 'qé', contains: ['ß'] });
    assert.equal(p?.field, 'endsWith');
    assert.equal(p?.message, 'The model does not know "é" (in "ends with" "qé"): its word list has no such character.');
    assert.match(problem({ startsWith: 'Zoë-7' })!.message, /The model does not know "ë", "-" and "7" \(in "starts with" "Zoë-7"\): its word list has no such characters\./);
    assert.match(problem({ contains: ['a', 'ß'] })!.message, /"ß" \(in "contains" "ß"\)/);
    // Excluding an unknown character is harmless: no name can have it.
    assert.equal(problem({ excludes: ['ß', '7'] }), undefined);
  });

  it('ignores case: a typed letter stands for each case the vocabulary has', () => {
    // Only lower case in the vocabulary: the prefix is fed in lower case.
    assert.deepEqual(planRequest({ count: 1, startsWith: 'KaT' }, names).prefix, [['k'], ['a'], ['t']]);
    // Both cases: the model chooses among them (with its own odds) at each position.
    assert.deepEqual(planRequest({ count: 1, startsWith: 'ka m' }, mixed).prefix, [['K', 'k'], ['A', 'a'], [' '], ['M', 'm']]);
    const plan = planRequest({ count: 1, startsWith: 'KA', endsWith: 'NA', contains: ['Ri'], excludes: ['X'] }, mixed);
    assert.deepEqual([plan.startsWith, plan.endsWith, plan.contains, plan.excludes], ['ka', 'na', ['ri'], ['x']]);
    assert.equal(nameViolation(plan, 'Karina'), undefined);
    assert.equal(nameViolation(plan, 'KARINA'), undefined);
    assert.equal(nameViolation(plan, 'Karinax'), 'endsWith');
  });

  it('nameViolation checks every constraint but novelty, on the name as shown', () => {
    const plan = planRequest({ count: 1, minLength: 4, maxLength: 6, startsWith: 'ma', endsWith: 'a', contains: ['r'], excludes: ['y', 'ii'] }, names);
    assert.equal(nameViolation(plan, 'maria'), undefined);
    assert.equal(nameViolation(plan, ''), 'empty');
    assert.equal(nameViolation(plan, 'mra'), 'tooShort');
    assert.equal(nameViolation(plan, 'marisela'), 'tooLong');
    assert.equal(nameViolation(plan, 'karla'), 'startsWith');
    assert.equal(nameViolation(plan, 'marie'), 'endsWith');
    assert.equal(nameViolation(plan, 'malia'), 'contains');
    assert.equal(nameViolation(plan, 'maryra'), 'excludes');
    assert.equal(nameViolation(plan, 'mariia'), 'excludes');
    // Lengths count characters (code points), not UTF-16 units.
    const emoji = planRequest({ count: 1, maxLength: 2 }, { characters: ['🦊', 'a'], lengths: { min: 1, max: 2 } });
    assert.equal(nameViolation(emoji, '🦊🦊'), undefined);
  });

  it('shortestWith: the shortest text with a given start and end', () => {
    assert.equal(shortestWith('kat', 'ta'), 4);
    assert.equal(shortestWith('kat', 'ina'), 6);
    assert.equal(shortestWith('ana', 'ana'), 3);
    assert.equal(shortestWith('abc', 'b'), 4);
    assert.equal(shortestWith('abc', 'c'), 3);
    assert.equal(shortestWith('a', 'aaa'), 3);
    assert.equal(shortestWith('', 'xy'), 2);
  });

  it('helpers: list parsing, the list length range, the shortfall message', () => {
    assert.deepEqual(splitList(' q, x ,,zz '), ['q', 'x', 'zz']);
    assert.deepEqual(lengthRange(['emma', 'al', 'christopher', '🦊🦊🦊']), { min: 2, max: 11 });
    assert.equal(shortfallMessage(37, 100, 200_000), 'found 37 of 100 after 200,000 tries — loosen a constraint');
    assert.equal(
      shortfallMessage(0, 5, 1000, { mostly: 'endsWith' }),
      'found 0 of 5 after 1,000 tries — most were rejected by "ends with"; loosen a constraint',
    );
    assert.equal(shortfallMessage(3, 5, 1, { ended: 'stopped', mostly: 'tooLong' }), 'stopped: found 3 of 5 after 1 try');
    assert.equal(shortfallMessage(3, 5, 40, { ended: 'time' }), 'found 3 of 5 after 40 tries (the time limit) — loosen a constraint');
  });

  it('formats names as text, CSV (quoted where needed) and JSON', () => {
    const list = [
      { name: 'kara', tag: 'new' as const, logProbPerChar: -1.23456 },
      { name: 'van, der "b"', tag: 'heldout' as const, logProbPerChar: -2 },
    ];
    assert.equal(formatNames(list, 'txt'), 'kara\nvan, der "b"\n');
    assert.equal(formatNames(list, 'csv'), 'name,tag,typicality\nkara,new,-1.2346\n"van, der ""b""",heldout,-2\n');
    assert.deepEqual(JSON.parse(formatNames(list, 'json')), [
      { name: 'kara', tag: 'new', logProbPerChar: -1.2346 },
      { name: 'van, der "b"', tag: 'heldout', logProbPerChar: -2 },
    ]);
    assert.equal(formatNames([], 'txt'), '');
  });

  it('constraints, the list index and the formats bundle for a browser: no TensorFlow.js, no Node built-ins', async () => {
    const root = path.resolve(__dirname, '../../..');
    const result = await esbuild.build({
      entryPoints: ['src/core/constraints.ts', 'src/core/listIndex.ts', 'src/core/nameExport.ts'].map((f) => path.join(root, f)),
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'esm',
      outdir: path.join(root, 'out', 'pure-check'),
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.deepEqual(inputs.filter((i) => /tensorflow|node:/.test(i)), []);
    assert.ok(inputs.some((i) => i.includes('leven')) && inputs.some((i) => i.includes('papaparse')));
  });
});
