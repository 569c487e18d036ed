import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import Papa from 'papaparse';
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
  constraintTexts,
  STALL_TRIES,
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
    assert.deepEqual(
      [planRequest({ count: 5, maxLength: 1 }, names).minLength, planRequest({ count: 5, maxLength: 1 }, names).maxLength],
      [1, 1],
    );
    assert.deepEqual(
      [planRequest({ count: 5, minLength: 20 }, names).minLength, planRequest({ count: 5, minLength: 20 }, names).maxLength],
      [20, 20],
    );
    assert.deepEqual(
      [
        planRequest({ count: 5, minLength: 5, maxLength: 7 }, names).minLength,
        planRequest({ count: 5, minLength: 5, maxLength: 7 }, names).maxLength,
      ],
      [5, 7],
    );
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
      [
        { startsWith: 'christopher', maxLength: 7 },
        'startsWith',
        /"starts with" "christopher" has 11 characters, more than the maximum length 7\.$/,
      ],
      [
        { startsWith: 'abcdefghijklmnop' },
        'startsWith',
        /more than the maximum length 15 \(the longest name in the list; set a maximum length to allow longer names\)/,
      ],
      [{ endsWith: 'abcdef', maxLength: 5 }, 'endsWith', /"ends with" "abcdef" has 6 characters/],
      [{ contains: ['abcdef'], maxLength: 5 }, 'contains', /"contains" "abcdef" has 6 characters/],
      [
        { startsWith: 'kat', endsWith: 'ina', maxLength: 5 },
        'endsWith',
        /need at least 6 characters together, more than the maximum length 5/,
      ],
      [{ startsWith: 'ka', excludes: ['A'] }, 'excludes', /"A" is excluded, but "starts with" "ka" contains it\./],
      [{ contains: ['ann'], excludes: ['nn'] }, 'excludes', /"nn" is excluded, but "contains" "ann" contains it/],
      [{ count: 0 }, 'count', /^The number of names must be at least 1 \(got 0\)\.$/],
      [{ count: COUNT_LIMIT + 1 }, 'count', /must be at most 1,000 \(got 1,001\)/],
      [{ count: 2.5 }, 'count', /whole number/],
      [{ temperature: 0 }, 'temperature', /above 0/],
      [{ topK: -1 }, 'topK', /^Top-k must be at least 0 \(got -1\); 0 means all characters\.$/],
      [{ minEdits: 4 }, 'minEdits', /must be at most 3 \(got 4\)/],
      [{ maxLength: 129 }, 'maxLength', /The maximum length must be at most 128/],
      [{ minLength: 0 }, 'minLength', /The minimum length must be at least 1/],
      [{ maxTries: 0 }, 'maxTries', /tries/],
    ];
    for (const [request, field, message] of cases) {
      const p = problem(request);
      assert.ok(p, `${JSON.stringify(request)} is rejected`);
      assert.equal(p.field, field, JSON.stringify(request));
      assert.match(p.message, message);
      assert.doesNotMatch(p.message, /\n/);
      assert.throws(
        () => planRequest({ count: 10, ...request }, names),
        (e: unknown) => e instanceof ConstraintError && e instanceof InputError && e.field === field,
      );
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
    assert.match(
      problem({ startsWith: 'Zoë-7' })!.message,
      /The model does not know "ë", "-" and "7" \(in "starts with" "Zoë-7"\): its word list has no such characters\./,
    );
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
    const plan = planRequest(
      { count: 1, minLength: 4, maxLength: 6, startsWith: 'ma', endsWith: 'a', contains: ['r'], excludes: ['y', 'ii'] },
      names,
    );
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

  it('takes a value whole; a comma separates texts only for a model that cannot spell one (issue 18, item 7)', () => {
    const withComma: ListFacts = { characters: [' ', ',', ...lower], lengths: { min: 2, max: 30 } };
    // A model whose list has commas and spaces: ", " is one text, comma and space kept.
    assert.deepEqual(constraintTexts(', ', withComma.characters), [', ']);
    assert.deepEqual(constraintTexts('q,x', withComma.characters), ['q,x']);
    assert.deepEqual(planRequest({ count: 1, contains: [', '] }, withComma).contains, [', ']);
    assert.deepEqual(planRequest({ count: 1, excludes: [',', ' '] }, withComma).excludes, [',', ' ']);
    // A model without commas: the comma form of earlier versions still means several texts…
    assert.deepEqual(constraintTexts(' q, x ,,zz ', lower), ['q', 'x', 'zz']);
    assert.deepEqual(planRequest({ count: 1, excludes: ['q,x', 'zz'] }, names).excludes, ['q', 'x', 'zz']);
    // …and a value with nothing but commas stays whole, so it is named, not dropped.
    assert.deepEqual(constraintTexts(',', lower), [',']);
    assert.match(problem({ contains: [','] })!.message, /The model does not know "," \(in "contains" ","\)/);
    assert.match(problem({ contains: [', '] })!.message, /The model does not know "," and " "/);
    assert.deepEqual(constraintTexts('', lower), []);
  });

  it('gives up after STALL_TRIES tries in a row without a new name, unless the request set its budget', () => {
    assert.equal(planRequest({ count: 5 }, names).stallTries, STALL_TRIES);
    assert.equal(planRequest({ count: 5, maxTries: 500_000 }, names).stallTries, 500_000);
    assert.equal(planRequest({ count: 5, maxTries: 100 }, names).stallTries, 100);
    assert.equal(
      shortfallMessage(0, 10, 10_240, { mostly: 'contains', stalled: 10_000 }),
      'found 0 of 10 after 10,240 tries: no name meets these constraints — most were rejected by "contains"; loosen a constraint',
    );
    assert.equal(
      shortfallMessage(4, 10, 31_000, { mostly: 'repeat', stalled: 10_000 }),
      'found 4 of 10 after 31,000 tries: none of the last 10,000 gave a new name — most were rejected by repeats of names already found; loosen a constraint',
    );
  });

  it('helpers: the list length range, the shortfall message', () => {
    assert.deepEqual(lengthRange(['emma', 'al', 'christopher', '🦊🦊🦊']), { min: 2, max: 11 });
    assert.equal(shortfallMessage(37, 100, 200_000), 'found 37 of 100 after 200,000 tries — loosen a constraint');
    assert.equal(
      shortfallMessage(0, 5, 1000, { mostly: 'endsWith' }),
      'found 0 of 5 after 1,000 tries — most were rejected by "ends with"; loosen a constraint',
    );
    assert.equal(shortfallMessage(3, 5, 1, { ended: 'stopped', mostly: 'tooLong' }), 'stopped: found 3 of 5 after 1 try');
    assert.equal(shortfallMessage(3, 5, 40, { ended: 'time' }), 'found 3 of 5 after 40 tries (the time limit) — loosen a constraint');
  });

  it('CSV exports are safe to open: cells a spreadsheet reads as formulas are escaped (OWASP CSV injection)', () => {
    const risky = ['=HYPERLINK("x")', '+1', '-ann', '@SUM(A1)', '\tann', '\rann'];
    const csv = formatNames(
      [...risky, 'ann-marie', 'o=k'].map((name) => ({ name, tag: 'new' as const, logProbPerChar: -1.5 })),
      'csv',
    );
    const rows = Papa.parse<string[]>(csv.trimEnd(), { newline: '\n' }).data.slice(1);
    // Each risky name is written as text: a leading apostrophe, in quotes; the others as they are.
    assert.deepEqual(
      rows.map((r) => r[0]),
      [...risky.map((n) => `'${n}`), 'ann-marie', 'o=k'],
    );
    assert.match(csv, /^"'=HYPERLINK\(""x""\)",new,-1\.5$/m);
    // Numbers stay numbers: a negative typicality is not text.
    assert.deepEqual(
      rows.map((r) => r[2]),
      Array(8).fill('-1.5'),
    );
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
    assert.deepEqual(
      inputs.filter((i) => /tensorflow|node:/.test(i)),
      [],
    );
    assert.ok(inputs.some((i) => i.includes('leven')) && inputs.some((i) => i.includes('papaparse')));
  });
});
