/**
 * Section 8 of the benchmark (bench/webStep.ts, bench:web) end to end on a small list with few
 * steps: the Node worker and the Chromium web worker take turns, both on the wasm backend, and
 * the results file and table hold what they measured. Nothing here asserts a timing.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { WebStepLine } from '../../bench/messages';
import { msPerStep } from '../../bench/webStep';
import { REPO_ROOT } from '../../bench/children';
import { namesList } from '../unit/helpers/data';

describe("benchmark: the web build's training step (bench:web)", function () {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-bench-web-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('times the step from progress events after the warm-up', () => {
    const progress = (step: number, seconds: number) => ({ type: 'trainProgress', step, seconds }) as never;
    assert.equal(msPerStep([progress(10, 0.1), progress(30, 0.5), progress(50, 0.7), progress(130, 1.5)], 30), 10);
    assert.throws(() => msPerStep([progress(10, 0.1), progress(35, 0.5)], 30), /Too few steps/);
  });

  it('runs both workers in turns and reports their ms per step and the ratio', () => {
    const data = path.join(dir, 'names.txt');
    const out = path.join(dir, 'web.json');
    fs.writeFileSync(data, namesList().slice(0, 3000).join('\n') + '\n');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'bench/runWeb.ts'), '--data', data, '--rounds', '2', '--steps', '80', '--out', out],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 280_000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const { webStep } = JSON.parse(fs.readFileSync(out, 'utf8')) as { webStep: Omit<WebStepLine, 'event'> };
    assert.deepEqual(webStep.backends, { node: 'wasm', web: 'wasm' });
    assert.equal(webStep.config.batchSize, 512);
    for (const s of [webStep.nodeMs, webStep.webMs, webStep.ratio]) {
      assert.equal(s.runs.length, 2);
      assert.ok(s.runs.every((x) => x > 0));
    }
    webStep.ratio.runs.forEach((ratio, i) => assert.ok(Math.abs(ratio - webStep.webMs.runs[i]! / webStep.nodeMs.runs[i]!) < 1e-9));
    assert.match(r.stdout, /8\. The web build's training step/);
    assert.match(r.stdout, /training step, web worker \(Chromium\) \/ Node worker\s+≤ 1\.2×\s+[\d.]+×\s+(met|MISSED)/);
  });
});
