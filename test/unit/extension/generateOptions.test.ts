/**
 * Generate Names' choices (src/extension/generation/generateOptions.ts) and how names meet
 * cursors (src/extension/names/cursors.ts), as plain functions.
 */
import * as assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import {
  DEFAULT_CHOICES,
  argumentOptions,
  parseCount,
  parseLength,
  rememberedChoices,
  requestOf,
} from '../../../src/extension/generation/generateOptions';
import { blocksForCursors, namesInText, splitAmongCursors } from '../../../src/extension/names/cursors';

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
    for (const bad of ['', '0', '1001', '2.5', 'ten']) assert.match(String(parseCount(bad)), /from 1 to 1,000/, bad);
  });

  it('makes the request of the choices, and remembers them (anything unreadable falls back)', () => {
    assert.deepEqual(requestOf({ ...DEFAULT_CHOICES, startsWith: ' ka', endsWith: 'a ', length: '5-7', novelty: 'edits2', count: 20 }), {
      count: 20,
      newOnly: true,
      minEdits: 2,
      startsWith: 'ka',
      endsWith: 'a',
      minLength: 5,
      maxLength: 7,
    });
    assert.deepEqual(requestOf({ ...DEFAULT_CHOICES, novelty: 'any' }), { count: 100, newOnly: false, minEdits: 0 });
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
      request: { count: 20, startsWith: 'ka', contains: ['i, e'], minLength: 5, newOnly: true },
      to: 'cursors',
    });
    assert.deepEqual(argumentOptions({ newOnly: false, excludes: ['q'] }), {
      request: { count: 100, excludes: ['q'], newOnly: false },
      to: 'document',
    });
    assert.throws(() => argumentOptions('ka'), inputError(/must be an object/));
    assert.throws(() => argumentOptions({ count: '20' }), inputError(/"count" must be a number \(got "20"\)/));
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
