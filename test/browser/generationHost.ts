/**
 * Plays the host's part for the Generate views and the Explore tab, live, in the browser tests and the latency
 * benchmark: the extension's own GenerationViews (src/extension/generation/generationViews.ts,
 * which needs no VS Code API) in front of a real generation worker — dist/worker.js in a worker
 * thread, as the extension spawns it — with a target made of a real model's bytes and an
 * in-memory favourites store. Every message a page posts reaches it as the page posts it
 * (harness.ts `onPost`); its answers are delivered to the page at once. One host per page.
 */
import * as path from 'node:path';
import { readCheckpointHeader } from '../../src/core/checkpoint';
import { listFactsOf } from '../../src/core/constraints';
import { decodeCheckpoint } from '../../src/core/checkpoint';
import { FavouritesStore } from '../../src/extension/generation/favourites';
import type { GenerateControlsStore } from '../../src/extension/generation/generateControlsStore';
import {
  GenerationViews,
  isGenerationRequest,
  type GenerationClient,
  type ViewTarget,
} from '../../src/extension/generation/generationViews';
import { GenerationWorker } from '../../src/extension/generation/generationWorker';
import { ExploreClient } from '../../src/extension/explore/exploreClient';
import { spawnNodeWorker } from '../../src/extension/jobs/nodeWorker';
import { runLabel, type ActiveModelLabel } from '../../src/shared/runRecord';
import type { StorageDir } from '../../src/extension/runs/storage';
import type { FromWebview, ToWebview } from '../../src/shared/messages';
import type { WebviewPage } from './harness';

const DIST = path.resolve(__dirname, '../../dist');

/** A StorageDir in memory. */
export function memoryDir(): StorageDir & { files: Map<string, Uint8Array> } {
  const files = new Map<string, Uint8Array>();
  return {
    files,
    ensure: async () => undefined,
    list: async () => [...files.keys()],
    read: async (name) => {
      const f = files.get(name);
      if (!f) throw new Error(`${name}: no such file`);
      return f;
    },
    size: async (name) => {
      const f = files.get(name);
      if (!f) throw new Error(`${name}: no such file`);
      return f.length;
    },
    write: async (name, bytes) => void files.set(name, bytes),
    rename: async (from, to) => {
      files.set(to, files.get(from)!);
      files.delete(from);
    },
    delete: async (name) => void files.delete(name),
  };
}

/** The target of a model's bytes, as targets.ts makes it in the extension. */
export function targetOf(bytes: Uint8Array, document = 'names.txt', key = '0123456789abcdef'): ViewTarget {
  const header = readCheckpointHeader(bytes);
  const ck = decodeCheckpoint(bytes);
  const facts = listFactsOf(ck);
  return {
    model: { key: `model@${header.createdAt}`, bytes: async () => bytes, facts },
    info: {
      document,
      key,
      list: header.source.name,
      model: {
        label: runLabel({ fileName: header.source.name, createdAt: header.createdAt, losses: header.losses }),
        listName: header.source.name,
        createdAt: header.createdAt,
        dev: header.losses.dev,
        facts,
        own: true,
        note: null,
      },
    },
  };
}

export interface LiveHost {
  /** The page's `onPost`: what it posts goes to the host. */
  onPost(message: FromWebview): void;
  /** Attaches the page (after it opened: its `ready` is answered then). */
  attach(page: WebviewPage): void;
  /** Every message the page posted, generation's included. */
  posted: FromWebview[];
  favourites: FavouritesStore;
  worker: GenerationWorker;
  /** Tells the views the target changed (a new model, another document). */
  setTarget(target: ViewTarget): void;
  dispose(): void;
}

/** A live host for one page; `target` is what it generates from; `controls`: where each list's controls are remembered (none: not remembered). */
export function liveHost(initial: ViewTarget, controls?: GenerateControlsStore): LiveHost {
  let target = initial;
  const listeners = new Set<(t: ViewTarget) => void>();
  const worker = new GenerationWorker(spawnNodeWorker(path.join(DIST, 'worker.js')));
  const favourites = new FavouritesStore(memoryDir());
  const views = new GenerationViews({
    worker,
    targets: {
      current: async () => target,
      onDidChange: (listener) => {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    },
    favourites,
    ...(controls ? { controls } : {}),
    logError: (m) => console.error(m),
    showError: (m) => console.error(m),
  });
  let page: WebviewPage | undefined;
  let client: GenerationClient | undefined;
  let explorer: ExploreClient | undefined;
  const queue: FromWebview[] = [];
  const send = (m: ToWebview): void => void page?.post(m).catch(() => undefined);
  const handle = (m: FromWebview): void => {
    if (!client) return;
    if (m.type === 'ready') void client.sendTarget();
    else if (m.type === 'explore') void explorer?.receive(m.id, m.query);
    else if (isGenerationRequest(m)) client.receive(m);
  };
  const host: LiveHost = {
    posted: [],
    favourites,
    worker,
    onPost: (m) => {
      host.posted.push(m);
      if (client) handle(m);
      else queue.push(m);
    },
    attach: (p) => {
      page = p;
      client = views.client(send);
      explorer = new ExploreClient(views.deps, send);
      for (const m of queue.splice(0)) handle(m);
    },
    setTarget: (t) => {
      target = t;
      for (const l of listeners) l(t);
    },
    dispose: () => {
      explorer?.dispose();
      views.dispose();
      worker.dispose();
    },
  };
  return host;
}

/** An `activeModel` message's model named `label` (the Generate views' tests need only its name). */
export function namedModel(label: string): ActiveModelLabel {
  return {
    label,
    listKey: '0123456789abcdef',
    runId: '20260101-100000-abcd',
    listName: label.split(' · ')[0]!,
    createdAt: '2026-01-01T10:00:00.000Z',
    dev: null,
    origin: 'train',
    chosen: false,
    reason: 'ownList',
    forDocument: null,
  };
}
