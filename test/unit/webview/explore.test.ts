/**
 * The Explore tab's logic without the DOM (webview/lib/exploration.ts): the worker's distribution as
 * bars with the Generate view's creativity and top-k applied, the entropy and the sampling in
 * words, the latest answer of each kind kept (a late one dropped); and the protocol's check of
 * the explorer's questions (shared/messages.ts).
 */
import * as assert from 'node:assert/strict';
import type { NextAnswer } from '../../../src/core/explored';
import { isFromWebview, MAX_SCORE_ITEMS } from '../../../src/shared/messages';
import { barLabel, barsOf, entropyText, parseTopK, Questions, samplingText } from '../../../webview/lib/exploration';

const answer: NextAnswer = {
  kind: 'next',
  prefix: 'em',
  context: ['.', 'e', 'm'],
  padding: [true, false, false],
  table: { symbols: ['', 'a', 'b', 'm'], labels: ['.', 'a', 'b', 'm'] },
  logp: [0.1, 0.5, 0.15, 0.25].map(Math.log),
  entropy: -[0.1, 0.5, 0.15, 0.25].reduce((s, p) => s + p * Math.log(p), 0),
};

describe('Explore tab: logic', () => {
  it('bars: every symbol, most probable first, the end of the name among them', () => {
    const bars = barsOf(answer, { temperature: 1, topK: 0 });
    assert.deepEqual(
      bars.map((b) => b.label),
      ['a', 'm', 'b', '.'],
    );
    assert.deepEqual(
      bars.map((b) => b.end),
      [false, false, false, true],
    );
    bars.forEach((b) => assert.ok(Math.abs(b.p - b.sampled) < 1e-12));
    assert.equal(barLabel(bars[0]!, true), '“a”: 50.0 %. Append a.');
    assert.equal(barLabel(bars[3]!, true), 'end of the name: 10.0 %. End the name here.');
  });

  it('creativity and top-k on top of the exact distribution, said in the bars and the lines', () => {
    const bars = barsOf(answer, { temperature: 0.5, topK: 2 });
    assert.deepEqual(
      bars.map((b) => +b.sampled.toFixed(6)),
      [+(0.25 / (0.25 + 0.0625)).toFixed(6), +(0.0625 / (0.25 + 0.0625)).toFixed(6), 0, 0],
    );
    assert.deepEqual(
      bars.map((b) => b.p),
      [0.5, 0.25, 0.15, 0.1].map((p) => Math.exp(Math.log(p))),
    );
    assert.equal(barLabel(bars[0]!, false), '“a”: 80.0 % as sampled, 50.0 % by the model. Append a.');
    assert.match(samplingText({ temperature: 0.5, topK: 2 }), /creativity 0\.5 and top-k 2 applied/);
    assert.match(samplingText({ temperature: 1, topK: 0 }), /^The bars are the model's probabilities, exactly/);
    assert.match(
      entropyText(bars, { temperature: 0.5, topK: 2 }, answer.entropy),
      /^Entropy 0\.50 nats: about 1\.6 equally likely choices as sampled \(the model's own: 1\.21 nats, about 3\.3\)\.$/,
    );
    assert.equal(
      entropyText(barsOf(answer, { temperature: 1, topK: 0 }), { temperature: 1, topK: 0 }, answer.entropy),
      'Entropy 1.21 nats: about 3.3 equally likely choices.',
    );
    assert.deepEqual(['', ' 5 ', 'x', '-2', '2.5'].map(parseTopK), [0, 5, 0, 0, 0]);
  });

  it('keeps the latest answer of each kind, drops a late one, and holds a problem until the next answer', () => {
    const q = new Questions();
    const first = q.ask({ kind: 'next', prefix: 'e' });
    const second = q.ask({ kind: 'next', prefix: 'em' });
    const search = q.ask({ kind: 'search', prefix: 'em', count: 10 });
    assert.equal(q.waiting('next'), true);
    assert.equal(q.take(first, { ...answer, prefix: 'e' }, undefined), false, 'a superseded answer is dropped');
    assert.equal(q.answers.next, null);
    assert.equal(q.take(second, answer, undefined), true);
    assert.equal(q.answers.next, answer);
    assert.equal(q.waiting('next'), false);
    assert.equal(q.waiting('search'), true);
    assert.equal(q.take(search, undefined, 'The model does not know "ö": its word list has no such character.'), true);
    assert.match(q.answers.errors.search!, /does not know/);
    const again = q.ask({ kind: 'search', prefix: 'e', count: 10 });
    q.take(again, { kind: 'search', prefix: 'e', names: [], exact: 0, expansions: 1, bounded: null }, undefined);
    assert.equal(q.answers.errors.search, undefined);
  });

  it('the protocol checks a webview’s questions before the host acts on them', () => {
    assert.equal(isFromWebview({ type: 'explore', id: 3, query: { kind: 'next', prefix: 'em' } }), true);
    assert.equal(isFromWebview({ type: 'explore', id: 3, query: { kind: 'read', text: 'emma' } }), true);
    assert.equal(isFromWebview({ type: 'explore', id: 3, query: { kind: 'search', prefix: '', count: 10 } }), true);
    assert.equal(isFromWebview({ type: 'explore', id: 3, query: { kind: 'search', prefix: '', count: 1000 } }), false);
    assert.equal(isFromWebview({ type: 'explore', id: 3, query: { kind: 'score', items: Array(MAX_SCORE_ITEMS + 1).fill('a') } }), false);
    assert.equal(isFromWebview({ type: 'explore', id: 3, query: { kind: 'next', prefix: 'x'.repeat(1000) } }), false);
    assert.equal(isFromWebview({ type: 'explore', id: 3, query: { kind: 'guess' } }), false);
    assert.equal(isFromWebview({ type: 'explore', id: 1.5, query: { kind: 'next', prefix: '' } }), false);
    assert.equal(isFromWebview({ type: 'showExplorer', text: 'emma', mode: 'read' }), true);
    assert.equal(isFromWebview({ type: 'showExplorer', text: 'emma', mode: 'write' }), false);
  });
});
