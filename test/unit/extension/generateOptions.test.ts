/**
 * Generate Names' choices (src/extension/generation/generateOptions.ts) and how names meet
 * cursors (src/extension/names/cursors.ts), as plain functions.
 */
import * as assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import {
  DEFAULT_CHOICES,
  argumentOptions,
  choicesOf,
  lengthText,
  noveltyOf,
  parseCount,
  parseLength,
  rememberedChoices,
  requestOf,
} from '../../../src/extension/generation/generateOptions';
import { blocksForCursors, namesInText, splitAmongCursors } from '../../../src/extension/names/cursors';
import { DEFAULT_CONTROLS } from '../../../src/shared/generateControls';

const inputError = (pattern: RegExp) => (e: unknown) => e instanceof InputError && pattern.test(e.message);

describe('Generate Names: choices', () => {
  it('reads a length range as people type one', () => {
    assert.deepEqual(parseLength(''), {});
    assert.deepEqual(parseLength('5-7'), { minLength: 5, maxLength: 7 });
    assert.deepEqual(parseLength(' 5 – 7 '), { minLength: 5, maxLength: 7 });
    assert.deepEqual(parseLength('5 to 7'), { minLength: 5, maxLength: 7 });
    assert.deepEqual(parseLength('6'), { minLength: 6, maxLength: 6 });
    assert.deepEqual(parseLength('5-'), { minLength: 5 });
    assert.deepEqual(parseLength('-7'), { maxLength: 7 });
    for (const bad of ['five', '5-7-9', '-', 'a-b', '5..x']) assert.equal(typeof parseLength(bad), 'string', bad);
  });

  it('reads a count from 1 to 1,000', () => {
    assert.equal(parseCount('250'), 250);
    assert.equal(parseCount('1,000'), 1000);
    assert.equal(parseCount('0'), 'The number of names must be at least 1 (got 0).');
    assert.equal(parseCount('1001'), 'The number of names must be at most 1,000 (got 1,001).');
    assert.equal(parseCount('2.5'), 'The number of names must be a whole number (got 2.5).');
    for (const bad of ['', 'ten']) assert.match(String(parseCount(bad)), /a whole number from 1 to 1,000/, bad);
  });

  it('makes the request of the choices and the controls it does not ask, and remembers where the names went', () => {
    const defaults = { temperature: 1, topK: 0 };
    assert.deepEqual(requestOf({ ...DEFAULT_CHOICES, startsWith: ' ka', endsWith: 'a ', length: '5-7', novelty: 'edits2', count: 20 }), {
      ok: true,
      request: { ...defaults, count: 20, newOnly: true, minEdits: 2, startsWith: 'ka', endsWith: 'a', minLength: 5, maxLength: 7 },
    });
    assert.deepEqual(requestOf({ ...DEFAULT_CHOICES, novelty: 'any' }), {
      ok: true,
      request: { ...defaults, count: 100, newOnly: false, minEdits: 0 },
    });
    // What Generate Names does not ask is the Generate controls'; what it asks replaces theirs.
    const controls = { ...DEFAULT_CONTROLS, temperature: 0.6, topK: '4', contains: 'e', startsWith: 'Z', maxLength: '9' };
    assert.deepEqual(requestOf({ ...DEFAULT_CHOICES, startsWith: 'ka' }, controls), {
      ok: true,
      request: { count: 100, temperature: 0.6, topK: 4, contains: ['e'], startsWith: 'ka', newOnly: true, minEdits: 0 },
    });
    assert.deepEqual(requestOf({ ...DEFAULT_CHOICES, length: 'five' }).ok, false);
    // The questions start from the controls.
    assert.deepEqual(choicesOf({ ...controls, count: '40', minLength: '5', newOnly: false }, 'cursors'), {
      count: 40,
      startsWith: 'Z',
      endsWith: '',
      length: '5-9',
      novelty: 'any',
      to: 'cursors',
    });
    assert.equal(choicesOf({ ...DEFAULT_CONTROLS, count: 'x', minLength: '6', maxLength: '6', minEdits: 3 }, 'document').length, '6');
    assert.equal(choicesOf({ ...DEFAULT_CONTROLS, count: 'x' }, 'document').count, 100);
    assert.deepEqual(
      [noveltyOf(true, 0), noveltyOf(false, 0), noveltyOf(false, 1), noveltyOf(true, 2), noveltyOf(true, 3)],
      ['new', 'any', 'new', 'edits2', 'edits3'],
    );
    assert.deepEqual([lengthText('', ''), lengthText('5', ''), lengthText('', '7'), lengthText(' 5', '7 ')], ['', '5-', '-7', '5-7']);
    assert.deepEqual(rememberedChoices(undefined), DEFAULT_CHOICES);
    assert.deepEqual(rememberedChoices({ count: 5000, novelty: 'nope', to: 'cursors', startsWith: 'b', length: 3 }), {
      ...DEFAULT_CHOICES,
      to: 'cursors',
      startsWith: 'b',
    });
  });

  it('takes an argument object instead of asking, and names what is wrong with one', () => {
    assert.deepEqual(argumentOptions({ count: 20, startsWith: 'ka', contains: 'i, e', minLength: 5, to: 'cursors' }), {
      // A text is one value (core/constraints.ts constraintTexts reads the comma form against the model).
      // The fields not given: the default controls.
      request: { count: 20, temperature: 1, topK: 0, minEdits: 0, startsWith: 'ka', contains: ['i, e'], minLength: 5, newOnly: true },
      to: 'cursors',
    });
    assert.deepEqual(argumentOptions({ newOnly: false, excludes: ['q'], count: '1,000' }), {
      request: { count: 1000, temperature: 1, topK: 0, minEdits: 0, excludes: ['q'], newOnly: false },
      to: 'document',
    });
    assert.throws(() => argumentOptions('ka'), inputError(/must be an object/));
    assert.throws(
      () => argumentOptions({ count: 'twenty', newOnly: 'yes' }),
      inputError(
        /^makemore\.generateNames: The number of names must be a whole number from 1 to 1,000 \(got “twenty”\)\. "New names only" must be true or false \(got “yes”\)\.$/,
      ),
    );
    assert.throws(() => argumentOptions({ prefix: 'ka' }), inputError(/does not know "prefix"/));
    assert.throws(() => argumentOptions({ to: 'clipboard' }), inputError(/"to" must be "document" or "cursors"/));
  });
});

describe('names at cursors', () => {
  it('shares names among cursors, every name once', () => {
    const n = ['a', 'b', 'c', 'd', 'e'];
    assert.deepEqual(splitAmongCursors(n, 1), ['a\nb\nc\nd\ne']);
    assert.deepEqual(splitAmongCursors(n, 2, '\r\n'), ['a\r\nc\r\ne', 'b\r\nd']);
    assert.deepEqual(splitAmongCursors(n.slice(0, 2), 3), ['a', 'b', undefined]);
    assert.deepEqual(blocksForCursors(n, 2, 2), ['a\nb', 'c\nd']);
    assert.deepEqual(blocksForCursors(n.slice(0, 3), 2, 2), ['a\nb', 'c']);
  });

  it('finds the names a document holds: its lines and their words', () => {
    assert.deepEqual(namesInText('kaia\n  Anna Lee \n\nbren, zola\r\n'), ['kaia', 'Anna Lee', 'Anna', 'Lee', 'bren, zola', 'bren', 'zola']);
  });
});
