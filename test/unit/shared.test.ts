import * as assert from 'node:assert/strict';
import { DEFAULT_CONTROLS } from '../../src/shared/generateControls';
import { isFromWebview, isToWebview, isToWorker, isWorkerMessage, runEventOf, type WorkerMessage } from '../../src/shared/messages';
import { addLosses, applyRunEvent, emptyHistory, initialRunState } from '../../src/shared/runState';
import { makeNonce, webviewHtml } from '../../src/shared/webviewHtml';
import { BASE_DEFAULTS } from '../../src/core/config';

describe('loss history', () => {
  it('keeps every step until full, then merges buckets preserving count, mean, min and max', () => {
    const h = emptyHistory(8);
    const losses = Array.from({ length: 100 }, (_, i) => 3 - i / 100 + (i % 2 ? 0.5 : 0));
    addLosses(h, losses.slice(0, 8), 8);
    assert.equal(h.width, 1);
    assert.deepEqual(h.step, [1, 2, 3, 4, 5, 6, 7, 8]);
    addLosses(h, losses.slice(8), 100);
    assert.ok(h.count.length <= 8);
    assert.equal(
      h.count.reduce((a, b) => a + b, 0),
      100,
    );
    assert.equal(h.step.at(-1), 100);
    assert.equal(Math.min(...h.min), Math.min(...losses));
    assert.equal(Math.max(...h.max), Math.max(...losses));
    const mean = h.mean.reduce((s, m, i) => s + m * h.count[i]!, 0) / 100;
    assert.ok(Math.abs(mean - losses.reduce((a, b) => a + b) / 100) < 1e-9);
  });

  it('folds run events into the state', () => {
    const s = initialRunState();
    applyRunEvent(s, {
      type: 'trainStarted',
      jobId: 1,
      listName: 'a.txt',
      words: 10,
      symbols: ['.', 'a'],
      examples: { train: 8, dev: 1, test: 1 },
      config: BASE_DEFAULTS,
      paramCount: 100,
      backend: 'wasm',
    });
    assert.equal(s.status, 'running');
    applyRunEvent(s, {
      type: 'trainProgress',
      step: 3,
      totalSteps: 10,
      progress: 0.3,
      seconds: 1,
      learningRate: 0.01,
      losses: [3, 2.5, 2],
      smoothLoss: 2.9,
      examplesPerSecond: 5,
      embedding: [1, 2],
    });
    applyRunEvent(s, { type: 'trainEval', step: 3, seconds: 1, dev: 2.2, trainSmooth: 2.9, samples: ['ab'] });
    assert.deepEqual(s.history.step, [1, 2, 3]);
    assert.deepEqual(s.samples, ['ab']);
    applyRunEvent(s, { type: 'stopping' });
    assert.equal(s.status, 'stopping');
    applyRunEvent(s, {
      type: 'trainFinished',
      losses: { train: 1, dev: 2, test: 3 },
      bigram: { train: 2, dev: 3, test: 4 },
      steps: 3,
      keptStep: 3,
      seconds: 1,
      examplesPerSecond: 5,
      stopped: true,
    });
    assert.equal(s.status, 'finished');
    // JSON round trip (what postMessage and setState do) keeps the state intact.
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
  });
});

describe('protocol guards and webview HTML', () => {
  it('a worker takes only well-formed requests from the host', () => {
    assert.ok(isToWorker({ type: 'train', jobId: 1, text: 'ava\nmia', listName: 'n.txt', config: {} }));
    assert.ok(isToWorker({ type: 'sweep', jobId: 2, text: 'ava', listName: 'n.txt', config: {}, settings: [] }));
    assert.ok(isToWorker({ type: 'generate', jobId: 3, model: { key: 'k', bytes: new Uint8Array(2) }, request: { count: 5 } }));
    assert.ok(isToWorker({ type: 'explore', jobId: 4, model: { key: 'k' }, query: { kind: 'next', prefix: '' } }));
    assert.ok(isToWorker({ type: 'stop' }));
    assert.ok(isToWorker({ type: 'stop', jobId: 3 }));
    assert.ok(!isToWorker({ type: 'train', jobId: 1, text: 42, listName: 'n.txt', config: {} }), 'the text is a string');
    assert.ok(!isToWorker({ type: 'train', text: 'ava', listName: 'n.txt', config: {} }), 'a job has an id');
    assert.ok(!isToWorker({ type: 'sweep', jobId: 2, text: 'ava', listName: 'n.txt', config: {} }), 'a sweep has its settings');
    assert.ok(!isToWorker({ type: 'generate', jobId: 3, model: { key: 'k', bytes: [1, 2] }, request: {} }), 'model bytes are bytes');
    assert.ok(!isToWorker({ type: 'stop', jobId: '3' }));
    assert.ok(!isToWorker({ type: 'format', jobId: 1 }), 'no such request');
    assert.ok(!isToWorker('train'));
    assert.ok(!isToWorker(null));
  });

  it('accepts only well-formed webview messages', () => {
    assert.ok(isFromWebview({ type: 'ready' }));
    assert.ok(isFromWebview({ type: 'command', command: 'stop' }));
    assert.ok(isFromWebview({ type: 'insert', text: 'emma' }));
    assert.ok(!isFromWebview({ type: 'command', command: 'rm -rf' }));
    assert.ok(!isFromWebview({ type: 'insert', text: '' }));
    assert.ok(!isFromWebview({ type: 'insert', text: 42 }));
    assert.ok(!isFromWebview(null));
    assert.ok(isWorkerMessage({ type: 'model', jobId: 1, bytes: new Uint8Array(1) }));
    assert.ok(isWorkerMessage({ type: 'trainFinished', jobId: 1 }));
    assert.ok(!isWorkerMessage({ type: 'trainFinished' }), 'a worker message names its job');
    assert.ok(!isWorkerMessage({ type: 'snapshot', jobId: 1 }));
    assert.ok(isToWebview({ type: 'snapshot' }));
    assert.ok(!isToWebview({ type: 'model' }));
  });

  it('checks the Generate views’ messages, and keeps generation out of the run events', () => {
    const name = { name: 'kaia', tag: 'new', logProbPerChar: -2.1 };
    assert.ok(isFromWebview({ type: 'generate', id: 3, request: { count: 10 } }));
    assert.ok(!isFromWebview({ type: 'generate', id: 1.5, request: { count: 10 } }));
    assert.ok(!isFromWebview({ type: 'generate', id: 3 }));
    assert.ok(isFromWebview({ type: 'favourite', key: 'ab12', action: 'add', names: [name] }));
    assert.ok(!isFromWebview({ type: 'favourite', key: 'ab12', action: 'star', names: [name] }));
    assert.ok(!isFromWebview({ type: 'favourite', key: 'ab12', action: 'add', names: [{ ...name, tag: 'old' }] }));
    assert.ok(!isFromWebview({ type: 'favourite', key: 'ab12', action: 'add', names: [{ ...name, logProbPerChar: Number.NaN }] }));
    assert.ok(!isFromWebview({ type: 'favourite', key: 'ab12', action: 'add', names: [] }));
    assert.ok(isFromWebview({ type: 'export', from: 'favourites', names: [name] }));
    assert.ok(!isFromWebview({ type: 'export', from: 'everything', names: [name] }));
    assert.ok(isFromWebview({ type: 'insertNames', names: ['a', 'b'] }));
    assert.ok(!isFromWebview({ type: 'insertNames', names: ['a', ''] }));
    assert.ok(isFromWebview({ type: 'copy', text: 'kaia\nbren' }));
    assert.ok(isFromWebview({ type: 'stopGenerating' }));
    assert.ok(isFromWebview({ type: 'command', command: 'showGenerate' }));
    // The controls the host remembers: every field, of its type, in range (a half-typed count is kept as typed).
    const controls = { ...DEFAULT_CONTROLS, count: '1x', startsWith: 'Ka', temperature: 0.2, minEdits: 3 };
    assert.ok(isFromWebview({ type: 'saveGenerateControls', key: '0123456789abcdef', controls }));
    assert.ok(isFromWebview({ type: 'saveGenerateControls', key: null, controls }));
    assert.ok(!isFromWebview({ type: 'saveGenerateControls', key: '../names', controls }), 'a list key is 16 hex digits');
    for (const bad of [
      { ...controls, temperature: 2.5 },
      { ...controls, minEdits: 4 },
      { ...controls, newOnly: 'yes' },
      { ...controls, endsWith: 'a'.repeat(201) },
      { count: '10' },
    ]) {
      assert.ok(!isFromWebview({ type: 'saveGenerateControls', key: null, controls: bad }), JSON.stringify(bad).slice(0, 80));
    }
    assert.ok(isFromWebview({ type: 'showList', key: '0123456789abcdef' }));
    assert.ok(!isFromWebview({ type: 'showList', key: 'names.txt' }));
    for (const type of ['names', 'generated', 'generateFailed', 'checkpoint']) {
      const message = { type, jobId: 2 } as unknown as WorkerMessage;
      assert.ok(isWorkerMessage(message), type);
      assert.equal(runEventOf(message), undefined, `${type} is not a run event`);
    }
    assert.ok(isToWebview({ type: 'generatedNames', id: 1, names: [], progress: { found: 0, requested: 1, tries: 0 } }));
    assert.ok(isToWebview({ type: 'showTab', tab: 'generate' }));
  });

  it('builds a shell with a strict nonce CSP', () => {
    const nonce = makeNonce();
    assert.match(nonce, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(makeNonce(), nonce);
    const html = webviewHtml({
      kind: 'panel',
      cspSource: 'vscode-resource:',
      nonce,
      scriptUri: 'x/panel.js',
      styleUris: ['a.css'],
      title: 'T',
    });
    assert.match(html, new RegExp(`script-src 'nonce-${nonce}'`));
    assert.match(html, /default-src 'none'/);
    assert.doesNotMatch(html, /unsafe-(inline|eval)/);
    assert.match(html, new RegExp(`<script nonce="${nonce}" src="x/panel.js">`));
  });
});
