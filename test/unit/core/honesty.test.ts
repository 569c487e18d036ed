/**
 * The honesty lines (core/honesty.ts): worse than the bigram baseline, a small list, no letter
 * case, automatic choices explained with their settings, the share of new samples — each from
 * the facts of a run, and the real facts of runs where they matter (the pipeline's automatic
 * choices on a large alphabet, the samples of a trained model).
 */
import * as assert from 'node:assert/strict';
import { decideCasing } from '../../../src/core/casing';
import { REFERENCE_VOCAB, defaultsFor, type TrainingConfig } from '../../../src/core/config';
import {
  FAR_FROM_USUAL,
  SMALL_LIST,
  autoChoices,
  belowBaseline,
  describeCase,
  formatShare,
  honestyJson,
  honestyLines,
  tagShares,
  type RunFacts,
} from '../../../src/core/honesty';
import { ListIndex } from '../../../src/core/listIndex';
import { prepareConfigured } from '../../../src/core/pipeline';
import { namesList } from '../helpers/data';

const setting = (key: keyof TrainingConfig): string => `makemore.training.${key}`;
const NAMES = {
  words: 32_033,
  losses: { train: 1.95, dev: 1.99, test: 1.99 },
  bigram: { train: 2.45, dev: 2.45, test: 2.46 },
} satisfies RunFacts;
const kinds = (facts: RunFacts): string[] => honestyLines(facts, setting).map((l) => l.kind);

describe('honesty lines', () => {
  it('a good run on a large list has nothing to warn about', () => {
    assert.deepEqual(honestyLines(NAMES, setting), []);
  });

  describe('worse than counting letter pairs', () => {
    it('a dev loss not below the bigram baseline is worse, with both numbers and the reason', () => {
      // Six names in an untitled document: dev 4.196 against the bigram's 3.060.
      const lines = honestyLines(
        { ...NAMES, losses: { train: 1.2, dev: 4.196, test: 2.5 }, bigram: { train: 2.1, dev: 3.06, test: 3.1 } },
        setting,
      );
      assert.equal(lines[0]?.kind, 'baseline');
      assert.equal(lines[0]?.tone, 'warning');
      assert.equal(
        lines[0]?.text,
        'Worse than counting letter pairs (dev 4.196 against 3.060 for the bigram baseline): the list is too small or too varied for this model.',
      );
    });

    it('the test split counts too (100 cat names: test 2.856 against 2.819), and a tie is not better', () => {
      assert.deepEqual(belowBaseline({ train: 2, dev: 2.7, test: 2.856 }, { train: 2.5, dev: 2.8, test: 2.819 }), ['test']);
      assert.deepEqual(belowBaseline({ train: 2, dev: 2.8, test: 2.7 }, { train: 2.5, dev: 2.8, test: 2.819 }), ['dev']);
      assert.deepEqual(belowBaseline({ train: 2, dev: 2.7, test: 2.7 }, { train: 2.5, dev: 2.8, test: 2.819 }), []);
    });

    it('a split not evaluated (a sweep run has no test loss) is not held against the run', () => {
      assert.deepEqual(belowBaseline({ train: 2, dev: 2.7, test: null }, { train: 2.5, dev: 2.8, test: null }), []);
      assert.deepEqual(belowBaseline({ train: 2, dev: 2.9, test: null }, { train: 2.5, dev: 2.8, test: 2.7 }), ['dev']);
    });
  });

  describe('a small list', () => {
    it('gets its split sizes, the share of samples that copy the list, and what to do', () => {
      const facts: RunFacts = { ...NAMES, words: 82, sampleTags: { samples: 1000, new: 850, train: 140, heldout: 10 } };
      const line = honestyLines(facts, setting).find((l) => l.kind === 'smallList');
      assert.ok(line);
      assert.equal(line.tone, 'warning');
      assert.match(
        line.text,
        /^A small list: 82 names, split 65 \/ 8 \/ 9 — the dev loss rests on 8 names; 15 % of the model's samples are copies of the list\. /,
      );
      assert.match(line.text, /Add names \(a few thousand/);
    });

    it('says "1 name" for a split of one, and leaves out the copies when no samples were measured', () => {
      const line = honestyLines({ ...NAMES, words: 6 }, setting).find((l) => l.kind === 'smallList');
      assert.match(line!.text, /split 4 \/ 1 \/ 1 — the dev loss rests on 1 name\. Add/);
    });

    it(`starts below ${SMALL_LIST} names`, () => {
      assert.ok(kinds({ ...NAMES, words: SMALL_LIST - 1 }).includes('smallList'));
      assert.ok(!kinds({ ...NAMES, words: SMALL_LIST }).includes('smallList'));
    });
  });

  describe('letter case', () => {
    it('a script without letter case says "no letter case", not "lower case" (Japanese, Arabic)', () => {
      const japanese = ['さくら', '山田太郎', 'ゆうき', '佐藤花子'];
      const arabic = ['اروي', 'بتول', 'براءة'];
      for (const words of [japanese, arabic]) {
        const casing = decideCasing(words, 'auto');
        const symbols = [...new Set(words.join(''))];
        assert.equal(describeCase(casing, symbols), 'no letter case');
      }
    });

    it('a list with case is described as before', () => {
      assert.equal(describeCase(decideCasing(namesList().slice(0, 100), 'auto'), [...'abcdefghijklmnopqrstuvwxyz']), 'casing: lower case');
      assert.equal(describeCase(decideCasing(['Anna', 'Bob', 'Carla'], 'auto'), [...'anbolcr']), 'casing: Title Case, restored');
      // One cased symbol among many without case: the list has some case.
      assert.equal(
        describeCase(decideCasing(['さくら', 'Emi'], 'auto'), ['さ', 'く', 'ら', 'e', 'm', 'i']),
        'casing: Title Case, restored',
      );
    });
  });

  describe('automatic choices', () => {
    it('a large alphabet shrinks the run: each setting moved far from the usual is named with its value, the usual one and the setting', () => {
      // What defaultsFor gives a large list at 2,126 symbols against 27, whatever those defaults are.
      const examples = 60_000;
      const config = { ...defaultsFor(examples, 2126) };
      const auto = autoChoices({}, config, examples, 2126);
      const usual = defaultsFor(examples, REFERENCE_VOCAB);
      assert.ok(auto.length > 0, 'something was sized down');
      for (const c of auto) {
        assert.equal(c.value, config[c.key]);
        assert.equal(c.usual, usual[c.key]);
        if (typeof c.value === 'number')
          assert.ok(Math.max(c.value, c.usual as number) / Math.min(c.value, c.usual as number) >= FAR_FROM_USUAL);
      }
      const line = honestyLines({ ...NAMES, auto, vocabSize: 2126 }, setting).find((l) => l.kind === 'auto');
      assert.ok(line);
      assert.match(line.text, /^2,126 symbols make each step costly, so the run was sized down: /);
      for (const c of auto) assert.ok(line.text.includes(setting(c.key)), `${line.text} names ${setting(c.key)}`);
      if (auto.some((c) => c.key === 'hiddenSize'))
        assert.match(line.text, new RegExp(`a hidden layer of ${config.hiddenSize} units \\(usually ${usual.hiddenSize}\\)`));
    });

    it('a setting the user gave is not explained, nor one near the usual, nor anything on a small alphabet', () => {
      const examples = 12_000;
      const config = defaultsFor(examples, 2126);
      const given = { hiddenSize: config.hiddenSize, steps: config.steps };
      assert.deepEqual(
        autoChoices(given, config, examples, 2126).filter((c) => c.key === 'hiddenSize' || c.key === 'steps'),
        [],
      );
      assert.deepEqual(autoChoices({}, defaultsFor(examples, 27), examples, 27), []);
      assert.deepEqual(autoChoices({}, defaultsFor(200_000, 30), 200_000, 30), [], '30 symbols: close to the usual');
    });

    it('the pipeline reports the choices it made on a large alphabet, none on names.txt', () => {
      const alphabet = [...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん'];
      const kanji = Array.from({ length: 1000 }, (_, i) => String.fromCodePoint(0x4e00 + i * 7));
      const symbols = [...alphabet, ...kanji];
      // A large list (over 50,000 training examples) on ~1,050 symbols: sized down.
      const words = Array.from({ length: 15_000 }, (_, i) =>
        [0, 1, 2, 3].map((k) => symbols[(i * 31 + k * 17 + i * k) % symbols.length]).join(''),
      );
      const { auto, config } = prepareConfigured(words.join('\n'), {});
      assert.ok(auto.length > 0);
      for (const c of auto) assert.equal(config[c.key], c.value);
      assert.deepEqual(prepareConfigured(namesList().slice(0, 5000).join('\n'), {}).auto, []);
    });

    it('a schedule that followed time names the settings that set the length', () => {
      const line = honestyLines(
        { ...NAMES, timeCapped: { seconds: 40, reason: '2,500 steps would take ~95 s; training follows time (40 s)' } },
        setting,
      ).find((l) => l.kind === 'timeCap');
      assert.equal(
        line?.text,
        '2,500 steps would take ~95 s; training follows time (40 s); makemore.training.steps or makemore.training.timeBudget sets the length.',
      );
    });
  });

  describe('new samples', () => {
    it('every run gets the shares of its 1,000 samples that are new, in the train split, held out', () => {
      const line = honestyLines({ ...NAMES, sampleTags: { samples: 1000, new: 712, train: 241, heldout: 47 } }, setting).find(
        (l) => l.kind === 'samples',
      );
      assert.equal(line?.text, 'Of 1,000 samples, 71 % are new names, 24 % are in the train split and 5 % in the held-out splits.');
    });

    it('samples are counted with the list index the Generate view tags with (case ignored)', () => {
      const index = new ListIndex(['anna', 'bob', 'carla', 'dora'], [0, 0, 1, 2]);
      assert.deepEqual(
        tagShares(['Anna', 'bob', 'Carla', 'Dora', 'Zed', 'zed'], (n) => index.tagOf(n)),
        { samples: 6, new: 2, train: 2, heldout: 2 },
      );
      // A model without splits tags 'list': its words are what it learnt from.
      const old = new ListIndex(['anna']);
      assert.deepEqual(
        tagShares(['anna', 'x'], (n) => old.tagOf(n)),
        { samples: 2, new: 1, train: 1, heldout: 0 },
      );
    });

    it('shares read as whole percentages, with <1 % for a few', () => {
      assert.equal(formatShare(3, 1000), '<1 %');
      assert.equal(formatShare(0, 1000), '0 %');
      assert.equal(formatShare(997, 1000), '>99 %');
      assert.equal(formatShare(1000, 1000), '100 %');
    });
  });

  it('the CLI fields hold the same lines and facts', () => {
    const facts: RunFacts = {
      ...NAMES,
      words: 82,
      losses: { train: 1, dev: 3, test: 3 },
      sampleTags: { samples: 1000, new: 500, train: 450, heldout: 50 },
    };
    const json = honestyJson(facts, (k) => `--${k}`);
    assert.deepEqual(json.belowBaseline, ['dev', 'test']);
    assert.deepEqual(json.smallList, { train: 65, dev: 8, test: 9 });
    assert.deepEqual(json.sampleTags, facts.sampleTags);
    assert.deepEqual(
      (json.honesty as { kind: string }[]).map((l) => l.kind),
      ['baseline', 'smallList', 'samples'],
    );
  });
});
