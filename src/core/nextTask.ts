/**
 * Yielding to the event loop from a long computation, so that messages waiting for the thread
 * (a stop request, a host's call) are handled: the same in Node, a Web Worker and a browser.
 *
 * A MessageChannel message is a task of its own, delivered after those already queued, with no
 * minimum delay — `setTimeout(0)` is clamped to 4 ms once nested, which would cost a loop that
 * yields every 40 ms a tenth of its time; `setImmediate` exists only in Node. The channel is
 * closed once used, so it never keeps a Node process alive.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.addEventListener('message', () => {
      port1.close();
      resolve();
    });
    port1.start();
    port2.postMessage(null);
  });
}
