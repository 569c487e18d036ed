/**
 * The one parser of a generate request (src/shared/generateRequest.ts): every field, its bounds,
 * and the same message for the same mistake whoever asks — the Generate views, Generate Names…
 * (its questions and its argument), Insert Sampled Name (the controls), the CLI and the engine.
 */
import * as assert from 'node:assert/strict';
import { checkRequest, COUNT_LIMIT, planRequest, type ListFacts } from '../../src/core/constraints';
import { InputError } from '../../src/core/errors';
import { CLI_MAX_COUNT, requestFromFlags, type SampleFlags } from '../../src/cli/requestFlags';
import { argumentOptions, parseCount } from '../../src/extension/generation/generateOptions';
import { DEFAULT_CONTROLS, type GenerateControls } from '../../src/shared/generateControls';
import { parseGenerateRequest, requestOfControls, type RequestInput } from '../../src/shared/generateRequest';
import { requestOf as viewRequestOf } from '../../webview/lib/generation';

const facts: ListFacts = { characters: [...'abcdefghijklmnopqrstuvwxyz'], lengths: { min: 2, max: 12 } };

/** The messages of an input's mistakes, field by field. */
function problems(input: RequestInput, maxCount?: number): Record<string, string> {
  const parsed = parseGenerateRequest(input, maxCount ? { maxCount } : {});
  assert.ok(!parsed.ok, `${JSON.stringify(input)} has a mistake`);
  return Object.fromEntries(parsed.problems.map((p) => [p.field, p.message]));
}

function request(input: RequestInput) {
  const parsed = parseGenerateRequest(input);
  assert.ok(parsed.ok, JSON.stringify(parsed));
  return parsed.request;
}

const cliFlags = (over: Partial<SampleFlags>): SampleFlags => ({
  count: '10',
  temperature: '1',
  topK: '0',
  format: 'txt',
  backend: 'cpu',
  ...over,
});

/** The message each caller gives for the same mistake. */
function messagesEverywhere(controls: Partial<GenerateControls>, argument: Record<string, unknown>, flags: Partial<SampleFlags>): string[] {
  const view = viewRequestOf({ ...DEFAULT_CONTROLS, ...controls }, facts);
  assert.ok('message' in view, 'the view finds it');
  const insert = requestOfControls({ ...DEFAULT_CONTROLS, ...controls });
  assert.ok(!insert.ok, 'Insert Sampled Name finds it');
  const fromArgument = (() => {
    try {
      argumentOptions(argument);
    } catch (e) {
      if (e instanceof InputError) return e.message.replace(/^makemore\.generateNames: /, '');
    }
    return 'no error';
  })();
  const cli = (() => {
    try {
      requestFromFlags(cliFlags(flags));
    } catch (e) {
      if (e instanceof InputError) return e.message;
    }
    return 'no error';
  })();
  return [view.message, insert.problems[0]!.message, fromArgument, cli];
}

describe('generate request: the one parser', () => {
  it('reads every field as typed: numbers from text, texts trimmed, empty ones left out', () => {
    assert.deepEqual(
      request({
        count: ' 1,000 ',
        temperature: '0.75',
        topK: '5',
        maxTries: '50_000',
        minLength: '4',
        maxLength: ' 9',
        minEdits: 2,
        startsWith: ' ka ',
        endsWith: 'a',
        contains: ' i, e ',
        excludes: ['q', ' ', 'zz '],
        newOnly: false,
      }),
      {
        count: 1000,
        temperature: 0.75,
        topK: 5,
        maxTries: 50000,
        minLength: 4,
        maxLength: 9,
        minEdits: 2,
        startsWith: 'ka',
        endsWith: 'a',
        // One value is one text: constraintTexts splits commas only for a model without one.
        contains: ['i, e'],
        excludes: ['q', 'zz'],
        newOnly: false,
      },
    );
    assert.deepEqual(request({ count: 3, topK: '', minLength: ' ', startsWith: '  ', contains: '', excludes: [] }), { count: 3 });
    assert.deepEqual(request({ count: '1 000' }), { count: 1000 });
  });

  it('says what is wrong with each number, one message per mistake', () => {
    assert.deepEqual(problems({ count: '' }), {
      count: `The number of names is missing: a whole number from 1 to ${COUNT_LIMIT.toLocaleString('en-US')}.`,
    });
    assert.deepEqual(problems({}), problems({ count: '  ' }), 'no count and an empty one: the same');
    assert.equal(problems({ count: 'ten' }).count, 'The number of names must be a whole number from 1 to 1,000 (got “ten”).');
    assert.equal(problems({ count: '2.5' }).count, 'The number of names must be a whole number (got 2.5).');
    assert.equal(problems({ count: '0' }).count, 'The number of names must be at least 1 (got 0).');
    assert.equal(problems({ count: '1001' }).count, 'The number of names must be at most 1,000 (got 1,001).');
    assert.equal(problems({ count: '200000' }, CLI_MAX_COUNT).count, 'The number of names must be at most 100,000 (got 200,000).');
    assert.equal(problems({ count: 1, temperature: '0' }).temperature, 'The temperature must be above 0 (got 0).');
    assert.equal(problems({ count: 1, temperature: '101' }).temperature, 'The temperature must be at most 100 (got 101).');
    assert.equal(
      problems({ count: 1, temperature: '1,5' }).temperature,
      'The temperature must be a number above 0 and at most 100 (got “1,5”).',
    );
    assert.equal(problems({ count: 1, topK: '-1' }).topK, 'Top-k must be at least 0 (got -1); 0 means all characters.');
    assert.equal(problems({ count: 1, maxTries: '0' }).maxTries, 'The number of tries must be at least 1 (got 0).');
    assert.equal(problems({ count: 1, minLength: '0' }).minLength, 'The minimum length must be at least 1 (got 0).');
    assert.equal(problems({ count: 1, maxLength: '200' }).maxLength, 'The maximum length must be at most 128 (got 200).');
    assert.equal(
      problems({ count: 1, minEdits: 4 }).minEdits,
      '"At least N edits from every name in the list" must be at most 3 (got 4); N is the number of edits.',
    );
    // Several mistakes: one message each.
    assert.deepEqual(Object.keys(problems({ count: '0', topK: 'x', maxLength: '0' })), ['count', 'topK', 'maxLength']);
  });

  it('says what is wrong with texts, lists and "new only" of the wrong kind', () => {
    assert.deepEqual(problems({ count: 1, startsWith: 3, contains: [1], excludes: {}, newOnly: 'yes' }), {
      startsWith: '"Starts with" must be text (got 3).',
      contains: '"Contains" must be text or a list of texts (got [1]).',
      excludes: '"Excludes" must be text or a list of texts (got {}).',
      newOnly: '"New names only" must be true or false (got “yes”).',
    });
    assert.equal(problems({ count: true }).count, 'The number of names must be a whole number from 1 to 1,000 (got true).');
  });

  it('gives the engine the same message for the same number', () => {
    for (const [input, field] of [
      [{ count: '0' }, 'count'],
      [{ count: 5, topK: '-2' }, 'topK'],
      [{ count: 5, maxLength: '500' }, 'maxLength'],
      [{ count: 5, temperature: '0' }, 'temperature'],
    ] as const) {
      const numbers = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, Number(v)]));
      const engine = checkRequest({ count: 5, ...numbers }, facts);
      assert.equal(engine?.message, problems(input)[field], JSON.stringify(input));
      assert.throws(
        () => planRequest({ count: 5, ...numbers }, facts),
        (e: Error) => e.message === engine?.message,
      );
    }
  });

  it('is the Generate view, Insert Sampled Name, Generate Names… and the CLI: the same message for count 0', () => {
    const messages = messagesEverywhere({ count: '0' }, { count: 0 }, { count: '0' });
    assert.deepEqual(messages, Array(4).fill('The number of names must be at least 1 (got 0).'));
    assert.equal(parseCount('0'), messages[0], 'Generate Names… asking');
  });

  it('is the same everywhere for a bad top-k, a bad length and "new only" of the CLI', () => {
    assert.deepEqual(
      new Set(messagesEverywhere({ topK: '-1' }, { topK: -1 }, { topK: '-1' })),
      new Set(['Top-k must be at least 0 (got -1); 0 means all characters.']),
    );
    assert.deepEqual(
      new Set(messagesEverywhere({ maxLength: '200' }, { maxLength: 200 }, { maxLength: '200' })),
      new Set(['The maximum length must be at most 128 (got 200).']),
    );
    // The CLI's --novel is the old name of --new-only: both mean newOnly.
    assert.equal(requestFromFlags(cliFlags({ novel: true })).newOnly, true);
    assert.equal(requestFromFlags(cliFlags({ newOnly: true })).newOnly, true);
    assert.equal(requestFromFlags(cliFlags({})).newOnly, undefined);
    assert.equal(requestFromFlags(cliFlags({ prefix: 'ka' })).startsWith, 'ka');
    assert.equal(requestFromFlags(cliFlags({ count: '5000' })).count, 5000, 'the CLI makes more names than the editor');
  });
});
