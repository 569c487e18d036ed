/**
 * The Generate controls belong to a list: what is typed for one list's alphabet and lengths stays
 * with it; how many and how bold follow the user; the controls of an earlier version (per view)
 * go to the list whose model was used last.
 */
import * as assert from 'node:assert/strict';
import { GenerateControlsStore, MAX_LISTS, controlsKey, legacyControlsKey } from '../../../src/extension/generation/generateControlsStore';
import { DEFAULT_CONTROLS } from '../../../src/shared/generateControls';
import { memento } from './helpers';

const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';

describe('Generate controls per list', () => {
  it("keeps each list's constraints, and the counts across lists", async () => {
    const store = new GenerateControlsStore(memento(), () => undefined);
    assert.equal(store.get('panel', A), undefined, 'nothing saved: the view keeps its defaults');
    await store.save('panel', A, { ...DEFAULT_CONTROLS, startsWith: 'Sh', maxLength: '7', count: '20', temperature: 0.8 });
    const forB = store.get('panel', B)!;
    assert.equal(forB.startsWith, '', "A's “starts with” is not B's");
    assert.equal(forB.maxLength, '');
    assert.deepEqual([forB.count, forB.temperature], ['20', 0.8], 'how many and how bold follow the user');
    await store.save('panel', B, { ...forB, startsWith: 'さ', count: '30' });
    assert.deepEqual([store.get('panel', A)!.startsWith, store.get('panel', A)!.count], ['Sh', '30']);
    assert.equal(store.get('panel', B)!.startsWith, 'さ');
    assert.equal(store.get('sidebar', A), undefined, 'each view its own');
  });

  it('moves the controls of an earlier version to the list used last, and keeps at most MAX_LISTS lists', async () => {
    const memory = memento();
    await memory.update(legacyControlsKey('sidebar'), { ...DEFAULT_CONTROLS, startsWith: 'Ka', count: '10' });
    const store = new GenerateControlsStore(memory, () => A);
    assert.equal(store.get('sidebar', A)!.startsWith, 'Ka');
    assert.equal(store.get('sidebar', B)!.startsWith, '');
    assert.equal(store.get('sidebar', B)!.count, '10');
    await new Promise((resolve) => setTimeout(resolve, 0));
    assert.equal(memory.get(legacyControlsKey('sidebar')), undefined, 'moved, not copied');
    for (let i = 0; i < MAX_LISTS + 5; i++)
      await store.save('sidebar', i.toString(16).padStart(16, '0'), { ...DEFAULT_CONTROLS, startsWith: `x${i}` });
    const saved = memory.get<{ lists: Record<string, unknown> }>(controlsKey('sidebar'))!;
    assert.equal(Object.keys(saved.lists).length, MAX_LISTS);
    assert.equal(store.get('sidebar', A)!.startsWith, '', 'the least recently changed list went first');
  });
});
