/**
 * The worker names every stage that is not training steps: a large list's reading and building
 * before its started event, the final evaluation and saving after its steps; a small list starts
 * with no stages; a bad input after a stage was shown fails the job (the views heard of it) rather
 * than rejecting it. The started event says what was read; the finished event carries the notes.
 */
import * as assert from 'node:assert/strict';
import type { PhaseEvent, RunEvent, TrainFinishedEvent, TrainStartedEvent } from '../../../src/shared/events';
import { runEventOf, type WorkerMessage } from '../../../src/shared/messages';
import { applyRunEvent, initialRunState } from '../../../src/shared/runState';
import { LARGE_TEXT } from '../../../src/worker/jobPhases';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { runJob } from '../../../src/worker/serve';
import { namesList } from '../helpers/data';

async function run(text: string, config: Record<string, unknown>, listName = 'names.txt', list = {}): Promise<WorkerMessage[]> {
  const messages: WorkerMessage[] = [];
  await runJob({ type: 'train', jobId: 3, text, listName, config, list }, (m) => messages.push(m), new AbortController().signal, {
    initBackend: () => initNodeBackend(),
  });
  return messages;
}

const phasesOf = (messages: WorkerMessage[]): PhaseEvent[] =>
  messages.filter((m): m is PhaseEvent & { jobId: number } => m.type === 'phase');

describe('job phases in the worker', function () {
  this.timeout(300_000);

  it('a large list: reading and building are named before trainStarted, the final evaluation and saving after the steps', async () => {
    const names = namesList();
    // names.txt six times over: over LARGE_TEXT characters.
    const text = Array.from({ length: 6 }, () => names.join('\n')).join('\n');
    assert.ok(text.length >= LARGE_TEXT);
    const messages = await run(text, { steps: 30, hiddenSize: 32, batchSize: 64 });
    const types = messages.map((m) => m.type);
    const started = types.indexOf('trainStarted');
    const before = phasesOf(messages.slice(0, started));
    assert.deepEqual(
      before.map((p) => p.label),
      [
        `reading ${(names.length * 6).toLocaleString('en-US')} lines`,
        `building examples from ${(names.length * 6).toLocaleString('en-US')} items`,
      ],
    );
    assert.ok(before.every((p) => p.job === 'train' && p.jobSeconds >= 0));
    const after = phasesOf(messages.slice(types.lastIndexOf('trainProgress')));
    assert.deepEqual(
      after.map((p) => p.phase),
      ['final-evaluation', 'final-evaluation', 'final-evaluation', 'baseline', 'sampling', 'saving'],
      after.map((p) => p.label).join(' | '),
    );
    assert.match(after[0]!.label, /^final evaluation on the whole dev split \([\d,]+ examples\)$/);
    const s = messages[started] as TrainStartedEvent;
    assert.ok(s.preparedSeconds! >= before.at(-1)!.jobSeconds);

    // Folded as the views fold them: a job under way from its first stage, no stage once it ended.
    const state = initialRunState();
    const seen: RunEvent[] = messages.flatMap((m) => runEventOf(m) ?? []);
    applyRunEvent(state, seen[0]!);
    assert.equal(state.status, 'running');
    assert.equal(state.phase?.label, before[0]!.label);
    for (const e of seen.slice(1)) applyRunEvent(state, e);
    assert.equal(state.status, 'finished');
    assert.equal(state.phase, null);
    assert.ok(state.jobSeconds >= s.preparedSeconds!);
  });

  it('a small list starts at once: no stage before trainStarted; what was read and the notes are in its events', async () => {
    const csv =
      'name,count\n' +
      namesList()
        .slice(0, 1500)
        .map((n, i) => `${n[0]!.toUpperCase()}${n.slice(1)},${i}`)
        .join('\n');
    const messages = await run(csv, { steps: 40, hiddenSize: 32, batchSize: 64, patience: 0 }, 'dogs.csv');
    // A small list's stages are shown only once preparing has taken 300 ms (gatedPhases): on a
    // loaded machine that can happen, so the rule is checked, not the machine's speed.
    const startedAt = messages.findIndex((m) => m.type === 'trainStarted');
    const early = phasesOf(messages.slice(0, startedAt));
    assert.equal(early.length, startedAt, 'only stages before trainStarted');
    assert.ok(
      early.every((p) => p.jobSeconds >= 0.3),
      `a stage shown before 300 ms: ${early.map((p) => `${p.label} at ${p.jobSeconds} s`).join(', ')}`,
    );
    const started = messages[startedAt] as TrainStartedEvent;
    assert.equal(started.listReading?.format, 'csv');
    assert.equal(started.listReading?.column?.name, 'name');
    assert.match(
      started.listReading?.description ?? '',
      /^Reading column 'name' \(also: count\) of a CSV file: 1,500 items, e\.g\. Emma, Olivia, Ava/,
    );
    assert.deepEqual({ pattern: started.casing?.pattern, restored: started.casing?.restored }, { pattern: 'title', restored: true });
    const finished = messages.find((m): m is TrainFinishedEvent & { jobId: number } => m.type === 'trainFinished')!;
    assert.equal(finished.devSampleExamples, started.examples.dev, 'a small dev split is evaluated whole');
    assert.equal(finished.earlyStop, undefined);
    const samples = messages.find((m) => m.type === 'samples') as { words: string[] };
    assert.ok(
      samples.words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w)),
      `Title Case samples: ${samples.words.join(', ')}`,
    );
  });

  it('reads the column the user chose', async () => {
    const csv =
      'id,name,city\n' +
      namesList()
        .slice(0, 600)
        .map((n, i) => `${i},${n},${n.split('').reverse().join('')}`)
        .join('\n');
    const messages = await run(csv, { steps: 10, hiddenSize: 16 }, 'people.csv', { column: 'city' });
    const started = messages[0] as TrainStartedEvent;
    assert.equal(started.listReading?.column?.name, 'city');
    assert.deepEqual(
      started.listReading?.columns.map((c) => c.name),
      ['id', 'name', 'city'],
    );
  });

  it('a bad input after a stage was shown fails the job; before any, it is rejected', async () => {
    const long = 'x'.repeat(200);
    const text = Array.from({ length: 60_000 }, (_, i) => (i === 59_999 ? long : `name${i % 100}`)).join('\n');
    assert.ok(text.length < LARGE_TEXT);
    const small = await run(text, { steps: 5 });
    assert.deepEqual(
      small.map((m) => m.type),
      ['rejected'],
    );
    const big = await run(`${'a\n'.repeat(LARGE_TEXT / 2)}${long}\n`, { steps: 5 });
    assert.deepEqual(
      big.map((m) => m.type),
      ['phase', 'failed'],
    );
    assert.equal((big[1] as { cause: string }).cause, 'input');
    assert.match((big[1] as { message: string }).message, /Line \d+ is \d+ characters long/);
  });
});
