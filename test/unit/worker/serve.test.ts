/** The worker's job code as both runtimes serve it (worker/serve.ts): a job that runs out of memory. */
import * as assert from 'node:assert/strict';
import type { WorkerMessage } from '../../../src/shared/messages';
import { runJob } from '../../../src/worker/serve';

describe('serving jobs', () => {
  it('a job that runs out of memory fails with a message that says so and what to do', async () => {
    const messages: WorkerMessage[] = [];
    await runJob(
      { type: 'train', jobId: 4, text: 'emma\nolivia\nava\n', listName: 'names.txt', config: {} },
      (m) => messages.push(m),
      new AbortController().signal,
      {
        // What V8 throws when an allocation cannot be made (the data set, a tensor's memory).
        initBackend: async () => {
          const buffers = [new ArrayBuffer(2 ** 45)];
          throw new Error(`allocated ${buffers.length}`);
        },
      },
    );
    assert.equal(messages.length, 1);
    const [failed] = messages;
    assert.equal(failed!.type, 'failed');
    if (failed!.type !== 'failed') return;
    assert.equal(failed.message, 'The worker ran out of memory (try a smaller model, batch size or word list).');
    assert.equal(failed.cause, 'error');
    assert.match(failed.detail ?? '', /RangeError: Array buffer allocation failed/);
  });
});
