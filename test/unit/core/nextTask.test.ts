/** Yielding to the event loop the same way in Node and in a Web Worker (core/nextTask.ts). */
import * as assert from 'node:assert/strict';
import { nextTask } from '../../../src/core/nextTask';

describe('nextTask', () => {
  it('lets a message that is already waiting (a stop request) be handled first', async () => {
    const { port1, port2 } = new MessageChannel();
    const seen: string[] = [];
    port1.addEventListener('message', () => seen.push('stop request'));
    port1.start();
    port2.postMessage('stop');
    // Let the port's message reach the queue (Node delivers it from the event loop).
    await new Promise((resolve) => setTimeout(resolve, 10));
    port2.postMessage('stop again');
    await nextTask();
    seen.push('after yielding');
    port1.close();
    assert.deepEqual(seen, ['stop request', 'stop request', 'after yielding']);
  });
});
