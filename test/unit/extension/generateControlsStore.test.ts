/**
 * The Generate controls belong to a list: what is typed for one list's alphabet and lengths stays
 * with it; how many and how bold follow the user; the controls of an earlier version (per view)
 * go to the list whose model was used last.
 */
import * as assert from 'node:assert/strict';
import {
  GenerateControlsStore,
  MAX_LISTS,
  controlsKey,
  legacyControlsKey,
  readMovedSettingsOnce,
} from '../../../src/extension/generation/generateControlsStore';
import type { SettingsInspector } from '../../../src/extension/settings';
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

  it("gives Insert Sampled Name and Generate Names the list's controls of the view changed last", async () => {
    const store = new GenerateControlsStore(memento(), () => undefined);
    assert.equal(store.latest(A), undefined, 'none saved: the callers take the defaults');
    await store.save('panel', A, { ...DEFAULT_CONTROLS, startsWith: 'Sh', temperature: 0.6 });
    assert.deepEqual([store.latest(A)!.startsWith, store.latest(A)!.temperature], ['Sh', 0.6]);
    assert.equal(store.latest(B)!.startsWith, '', "another list: not A's constraints");
    await store.save('sidebar', A, { ...DEFAULT_CONTROLS, startsWith: 'Ma', temperature: 1.4 });
    assert.deepEqual([store.latest(A)!.startsWith, store.latest(A)!.temperature], ['Ma', 1.4], 'the sidebar changed last');
    await store.save('panel', A, { ...DEFAULT_CONTROLS, startsWith: 'Sh', temperature: 0.6 });
    assert.equal(store.latest(A)!.startsWith, 'Sh', 'the panel again');
  });
});

describe('the sampling settings of earlier versions, read once into the Generate controls', () => {
  const settings = (user: Record<string, unknown>): SettingsInspector => ({
    inspect: <T>(key: string) => ({ globalValue: user[key] as T | undefined }),
  });

  it('seeds every view with them (the list part for the list used last), says so once, and never again', async () => {
    const memory = memento();
    const store = new GenerateControlsStore(memory, () => A);
    const said: string[] = [];
    const user = settings({ temperature: 0.7, startsWith: 'ka', novelOnly: false });
    assert.equal(await readMovedSettingsOnce(store, user, (l) => said.push(l)), true);
    for (const view of ['panel', 'sidebar'] as const) {
      const c = store.get(view, A)!;
      assert.deepEqual([c.temperature, c.startsWith, c.newOnly], [0.7, 'ka', false], view);
      assert.equal(store.get(view, B)!.startsWith, '', `${view}: list controls for the list used last only`);
      assert.equal(store.get(view, B)!.temperature, 0.7);
    }
    assert.equal(said.length, 1);
    assert.match(
      said[0]!,
      /makemore\.sampling\.temperature = 0\.7, makemore\.sampling\.novelOnly = false, makemore\.sampling\.startsWith = "ka"/,
    );
    assert.match(said[0]!, /settings stay in settings\.json/);
    // The next activation: controls exist, the settings are not read again (a change in the view stays).
    await store.save('panel', A, { ...store.get('panel', A)!, temperature: 1.2 });
    assert.equal(await readMovedSettingsOnce(store, user, (l) => said.push(l)), false);
    assert.equal(store.get('panel', A)!.temperature, 1.2);
    assert.equal(said.length, 1);
  });

  it('does nothing when the user set none of them, or when a view already has controls', async () => {
    const store = new GenerateControlsStore(memento(), () => A);
    const said: string[] = [];
    assert.equal(await readMovedSettingsOnce(store, settings({}), (l) => said.push(l)), false);
    assert.equal(store.latest(A), undefined);
    await store.save('sidebar', A, { ...DEFAULT_CONTROLS, topK: '3' });
    assert.equal(await readMovedSettingsOnce(store, settings({ topK: 9 }), (l) => said.push(l)), false);
    assert.equal(store.latest(A)!.topK, '3');
    assert.deepEqual(said, []);
  });
});
