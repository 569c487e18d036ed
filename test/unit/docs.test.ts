/**
 * The documentation: the README stays a short page for users (it is the Marketplace page and ships
 * in the VSIX) with the two commands that must stay true; every relative link and image between
 * the Markdown files points at a file that exists, and every `#anchor` at a heading of its target
 * (GitHub's heading ids); the VSIX carries the README and the CHANGELOG but no other docs.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';

const ROOT = path.resolve(__dirname, '../..');
const README_MAX_LINES = 250;

/** The documentation's Markdown files: the README, the CHANGELOG, docs/ and bench/README.md (not docs/notes/: work in progress). */
function markdownFiles(): string[] {
  const docs = fs
    .readdirSync(path.join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`);
  return ['README.md', 'CHANGELOG.md', 'bench/README.md', ...docs];
}

/** The lines outside fenced code blocks (those inside are blank: links and headings there are not links or headings). */
function prose(markdown: string): string[] {
  let inFence = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      return '';
    }
    return inFence ? '' : line;
  });
}

/**
 * GitHub's id for each heading, by github-slugger's rules: the heading's text in lower case, with
 * every character removed but letters (and other alphabetic characters), marks, decimal and
 * letter numbers, connector punctuation (`_`), spaces and `-`; spaces as hyphens; a repeated
 * heading gets `-1`, `-2`…. (Twelve lines of ours rather than a dependency for one test.)
 */
export function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(markdown)) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[1]!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{Alphabetic}\p{M}\p{Nd}\p{Nl}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

interface Link {
  image: boolean;
  target: string;
  line: number;
}

/** Every Markdown link and image `[text](target)` / `![alt](target)` outside code. */
export function linksOf(markdown: string): Link[] {
  const links: Link[] = [];
  prose(markdown).forEach((line, i) => {
    // Inline code holds no links.
    const text = line.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
    for (const m of text.matchAll(/(!?)\[(?:[^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ image: m[1] === '!', target: m[2]!, line: i + 1 });
    }
  });
  return links;
}

/** What is wrong with the relative links of `file` (empty: nothing). */
function brokenLinks(file: string): string[] {
  const problems: string[] = [];
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  for (const { target, line, image } of linksOf(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
    const [pathPart = '', anchor] = target.split('#', 2);
    const resolved = pathPart === '' ? path.join(ROOT, file) : path.resolve(path.dirname(path.join(ROOT, file)), decodeURI(pathPart));
    const where = `${file}:${line} → ${target}`;
    if (!resolved.startsWith(ROOT + path.sep)) {
      problems.push(`${where}: outside the repository`);
      continue;
    }
    if (!fs.existsSync(resolved)) {
      problems.push(`${where}: no such ${image ? 'image' : 'file'}`);
      continue;
    }
    if (anchor !== undefined) {
      if (!resolved.endsWith('.md')) {
        problems.push(`${where}: an anchor into a file that is not Markdown`);
      } else if (!headingIds(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
        problems.push(`${where}: no heading with the id "${anchor}" in ${path.relative(ROOT, resolved)}`);
      }
    }
  }
  return problems;
}

describe('the documentation', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

  it(`the README is a page for users: at most ${README_MAX_LINES} lines`, () => {
    const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
    assert.ok(lines <= README_MAX_LINES, `README.md has ${lines} lines; move details to docs/ (see docs/development.md)`);
  });

  it('the README keeps the two commands that work on a fresh machine', () => {
    assert.match(readme, /^npm ci && npm run demo\b/m);
    assert.match(readme, /^npm ci && npm test\b/m);
    assert.match(readme, /work on a fresh Debian machine/);
  });

  it('the README links the developer documentation', () => {
    const targets = new Set(linksOf(readme).map((l) => l.target.split('#')[0]));
    for (const doc of [
      'docs/extension.md',
      'docs/cli.md',
      'docs/architecture.md',
      'docs/testing.md',
      'docs/development.md',
      'bench/README.md',
    ]) {
      assert.ok(targets.has(doc), `README.md links ${doc}`);
    }
  });

  it('the README has no "#123" after a space (vsce would turn it into a link to an issue) and no SVG image (the Marketplace refuses them)', () => {
    assert.deepEqual(readme.match(/\s#\d+\b/g) ?? [], []);
    assert.deepEqual(
      linksOf(readme).filter((l) => l.image && /\.svg$/i.test(l.target)),
      [],
    );
  });

  it('the link checker finds links, images and headings as GitHub does', () => {
    const sample = [
      '# Lists (`npm run bench:lists`)',
      "## 8. The web build's training step",
      '### 1–6. Privacy: everything ½ stays — on_the machine',
      '## Notes',
      '## Notes',
      '```',
      '## not a heading [nor](a-link.md)',
      '```',
      'See [this](#notes-1), ![a picture](images/x.png) and `[code](not-a-link.md)`.',
    ].join('\n');
    assert.deepEqual(
      [...headingIds(sample)],
      ['lists-npm-run-benchlists', '8-the-web-builds-training-step', '16-privacy-everything--stays--on_the-machine', 'notes', 'notes-1'],
    );
    assert.deepEqual(
      linksOf(sample).map((l) => [l.image, l.target]),
      [
        [false, '#notes-1'],
        [true, 'images/x.png'],
      ],
    );
  });

  for (const file of markdownFiles()) {
    it(`every relative link and image of ${file} resolves`, () => {
      assert.deepEqual(brokenLinks(file), []);
    });
  }

  it('the VSIX carries the README and the CHANGELOG, and no other documentation', async function () {
    this.timeout(60_000);
    const files = await listFiles({ cwd: ROOT, packageManager: PackageManager.None });
    for (const f of ['README.md', 'CHANGELOG.md', 'LICENSE', 'package.json']) assert.ok(files.includes(f), `the VSIX holds ${f}`);
    const other = files.filter((f) => !['README.md', 'CHANGELOG.md', 'LICENSE', 'package.json'].includes(f) && !/^(dist|media)\//.test(f));
    assert.deepEqual(other, [], 'only the bundles, media/ and the four top-level files');
    assert.deepEqual(
      files.filter((f) => f.endsWith('.md') && f !== 'README.md' && f !== 'CHANGELOG.md'),
      [],
    );
  });
});
