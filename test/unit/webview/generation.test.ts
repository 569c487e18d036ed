/**
 * The Generate views' logic without the DOM (webview/lib/generation.ts): controls → a checked
 * request (or the field with the problem), the creativity slider in words, typicality bars,
 * the results folded from the host's messages (a superseded request's ignored), and the line
 * that says how a request ended — the shortfall honestly.
 */
import * as assert from 'node:assert/strict';
import { planRequest } from '../../../src/core/constraints';
import { formatTypicality } from '../../../src/shared/format';
import { DEFAULT_CONTROLS } from '../../../src/shared/generateControls';
import {
  applyGenerationMessage,
  creativityWords,
  emptyResults,
  initialGenerationState,
  isRequest,
  modelLineText,
  noModelText,
  requestOf,
  resultsLine,
  typicalityShare,
  visibleResults,
} from '../../../webview/lib/generation';

const facts = { characters: [...'abcdefghijklmnopqrstuvwxyz'], lengths: { min: 2, max: 15 } };

describe('Generate views: logic', () => {
  it('turns the controls into the request, blanks meaning “the list’s own”', () => {
    assert.deepEqual(requestOf(DEFAULT_CONTROLS, facts), { count: 100, temperature: 1, topK: 0, newOnly: true, minEdits: 0 });
    const request = requestOf(
      {
        ...DEFAULT_CONTROLS,
        count: ' 20 ',
        minLength: '5',
        maxLength: '7',
        startsWith: 'KA',
        endsWith: 'a',
        contains: 'i, ',
        excludes: 'q,zz',
        minEdits: 2,
        temperature: 0.8,
      },
      facts,
    );
    // Each field is one value (trimmed); the model's facts say what texts it stands for (core/constraints.ts constraintTexts).
    assert.deepEqual(request, {
      count: 20,
      temperature: 0.8,
      topK: 0,
      newOnly: true,
      minEdits: 2,
      minLength: 5,
      maxLength: 7,
      startsWith: 'KA',
      endsWith: 'a',
      contains: ['i,'],
      excludes: ['q,zz'],
    });
    assert.ok(isRequest(request));
    const plan = planRequest(request, facts);
    assert.deepEqual([plan.contains, plan.excludes], [['i'], ['q', 'zz']], 'a model without commas: the comma form means several texts');
    const withComma = { ...facts, characters: [',', ' ', ...facts.characters] };
    const whole = requestOf({ ...DEFAULT_CONTROLS, contains: ', ', excludes: 'q,zz' }, withComma);
    assert.ok(isRequest(whole));
    assert.deepEqual(
      [planRequest(whole, withComma).contains, planRequest(whole, withComma).excludes],
      [[','], ['q,zz']],
      'a model with commas: one text each',
    );
  });

  it('points at the field with the problem, as the user types', () => {
    const problem = (over: Partial<typeof DEFAULT_CONTROLS>) => {
      const r = requestOf({ ...DEFAULT_CONTROLS, ...over }, facts);
      assert.ok(!isRequest(r), JSON.stringify(over));
      return r;
    };
    assert.equal(problem({ count: 'ten' }).field, 'count');
    assert.equal(problem({ count: '' }).field, 'count');
    assert.equal(problem({ count: '5000' }).field, 'count');
    assert.equal(problem({ maxLength: '4.5' }).field, 'maxLength');
    assert.deepEqual(problem({ minLength: '8', maxLength: '5' }), {
      field: 'minLength',
      message: 'The minimum length (8) is above the maximum length (5).',
    });
    assert.deepEqual(problem({ startsWith: 'kä' }), {
      field: 'startsWith',
      message: 'The model does not know "ä" (in "starts with" "kä"): its word list has no such character.',
    });
    assert.equal(problem({ startsWith: 'abc', endsWith: 'xyz', maxLength: '5' }).field, 'endsWith');
    assert.equal(problem({ contains: 'ab', excludes: 'b' }).field, 'excludes');
    // Without the model's facts, only the form's own checks.
    assert.ok(isRequest(requestOf({ ...DEFAULT_CONTROLS, startsWith: 'kä' }, null)));
  });

  it('explains the creativity slider in words, and scales typicality on the model’s dev loss', () => {
    assert.match(creativityWords(0.3), /^safe/);
    assert.match(creativityWords(1), /^balanced/);
    assert.match(creativityWords(1.9), /^wild/);
    assert.equal(typicalityShare(-2, 2), 0.5, 'as probable as the dev average: half the bar');
    assert.equal(typicalityShare(0, 2), 1);
    assert.equal(typicalityShare(-9, 2), 0);
    assert.equal(formatTypicality(-2.134), '−2.13');
  });

  it('folds the host’s messages into the current request’s results, ignoring a superseded one', () => {
    const s = initialGenerationState();
    s.results = emptyResults(2, 0);
    const name = { name: 'kaia', tag: 'new' as const, logProbPerChar: -2 };
    applyGenerationMessage(s, { type: 'generatedNames', id: 1, names: [name], progress: { found: 1, requested: 5, tries: 3 } }, 10);
    assert.equal(s.results.names.length, 0, 'request 1 was superseded');
    applyGenerationMessage(s, { type: 'generatedNames', id: 2, names: [name], progress: { found: 1, requested: 5, tries: 3 } }, 10);
    assert.equal(s.results.firstNamesAt, 10);
    assert.equal(resultsLine(s.results), 'Generating… 1 of 5');
    applyGenerationMessage(
      s,
      { type: 'generateEnded', id: 1, summary: { requested: 5, tries: 9, ended: 'done', rejected: {}, seconds: 0.01 } },
      11,
    );
    assert.equal(s.results.running, true);
    applyGenerationMessage(
      s,
      {
        type: 'generateEnded',
        id: 2,
        summary: {
          requested: 5,
          tries: 200_000,
          ended: 'tries',
          rejected: { endsWith: 5 },
          shortfall: 'found 1 of 5 after 200,000 tries — most were rejected by "ends with"; loosen a constraint',
          seconds: 1.2,
        },
      },
      12,
    );
    assert.equal(resultsLine(s.results), 'Found 1 of 5 after 200,000 tries — most were rejected by "ends with"; loosen a constraint.');
    s.results.summary = { requested: 1, tries: 3, ended: 'done', rejected: {}, seconds: 0.0123 };
    assert.equal(resultsLine(s.results), '1 name in 12 ms (3 tries).');
    applyGenerationMessage(s, { type: 'favourites', key: 'ab', names: [name] }, 13);
    assert.deepEqual([s.favouritesKey, s.favourites], ['ab', [name]]);
  });

  it('keeps the previous names on screen, dimmed, until the next request has some', () => {
    const s = initialGenerationState();
    s.results = { ...emptyResults(1, 0), running: false, names: [{ name: 'a', tag: 'new', logProbPerChar: -1 }] };
    s.shown = s.results;
    const previous = s.results;
    s.results = emptyResults(2, 5);
    assert.deepEqual(visibleResults(s), { results: previous, stale: true });
    s.results.names.push({ name: 'b', tag: 'new', logProbPerChar: -1 });
    assert.deepEqual(visibleResults(s), { results: s.results, stale: false });
  });

  it('says the same of a missing model in the Generate and Explore tabs, and names the model the same way', () => {
    const target = { document: 'draft.txt', key: null, list: null, model: null };
    assert.equal(noModelText(null, 'explore it here'), 'Looking for a model…');
    assert.equal(noModelText(target, 'explore it here'), 'No model for draft.txt yet: train one on it, then explore it here.');
    assert.equal(
      noModelText({ ...target, document: null }, 'generate names here'),
      'Open a word list and train a model on it, then generate names here.',
    );
    const line = modelLineText({
      label: 'names.txt · 7 Dec 21:38',
      listName: 'names.txt',
      dev: 2.18712,
      createdAt: '2026-12-07T21:38:00.000Z',
    } as Parameters<typeof modelLineText>[0]);
    assert.match(line, /^Model: names\.txt · dev 2\.187 · trained \d{1,2} Dec \d\d:\d\d$/);
  });
});
