/** The host's native text hash gives the run's own hash (core/checkpoint.ts sha256Hex) of any text. */
import * as assert from 'node:assert/strict';
import { sha256Hex } from '../../../src/core/checkpoint';
import { textSha256 } from '../../../src/extension/runs/textHash';

describe('text hash in the extension host', () => {
  it('Web Crypto and the pure-JavaScript hash agree, on every script and on an empty text', async () => {
    assert.ok(globalThis.crypto?.subtle, 'Node 20 has Web Crypto: the native branch is the one tested');
    for (const text of ['', 'emma\nolivia\n', 'Zoë\r\nŁukasz\n', '三上葵\nاروي\n😀 emoji\n', 'x'.repeat(100_001)]) {
      assert.equal(await textSha256(text), sha256Hex(text), JSON.stringify(text.slice(0, 20)));
    }
  });
});
