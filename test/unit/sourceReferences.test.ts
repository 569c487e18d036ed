/**
 * What the source's comments point at exists: every repository path they name (src/…, test/…,
 * webview/…, docs/…, bench/…, scripts/…) is a file or folder of the repository, and every section
 * they name by its title — the README's "Commands", docs/architecture.md, "Defaults that follow
 * the data" — is a heading of that Markdown file. (The README was cut down and its sections moved
 * to docs/: a comment that still sends the reader there is a dead end.)
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SOURCE = /^(src|webview|test|bench|scripts)\/.*\.(ts|mjs|cjs|js|css|html)$/;

/** The repository's tracked source files. */
function sourceFiles(): string[] {
  return execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => SOURCE.test(f) && fs.existsSync(path.join(ROOT, f)));
}

/**
 * A file's comments (block comments, and line comments but for URLs' `://`), each on a line of its
 * own with its continuation lines joined, so that a title wrapped over two lines reads as one.
 */
function comments(text: string): string {
  const found = text.match(/\/\*[\s\S]*?\*\/|(?<!:)\/\/[^\n]*(?:\n\s*\/\/[^\n]*)*/g) ?? [];
  return found.map((c) => c.replace(/\n\s*(\*(?!\/)|\/\/)\s*/g, ' ')).join('\n');
}

/** The headings of a Markdown file, lower case, without `#`s and backticks. */
function headings(file: string): string[] {
  return fs
    .readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line))
    .map((line) => line.replace(/^#+ /, '').replace(/`/g, '').trim().toLowerCase());
}

describe('references in the source', () => {
  const files = sourceFiles();

  it("every repository path a source file's comments name exists", () => {
    const missing: string[] = [];
    for (const file of files) {
      const text = comments(fs.readFileSync(path.join(ROOT, file), 'utf8'));
      for (const m of text.matchAll(
        /(?<![\w./-])(?:src|tests?|webview|docs|bench|scripts)\/[\w./-]*\w\.(?:ts|mjs|cjs|md|json|css|html|py)\b/g,
      )) {
        const ref = m[0];
        // A usage line's `--out FILE` names a file the command writes, not one that must exist.
        if (text.slice(Math.max(0, m.index - 6), m.index) === '--out ') continue;
        if (!fs.existsSync(path.join(ROOT, ref))) missing.push(`${file}: ${ref}`);
      }
    }
    assert.ok(files.length > 100, `only ${files.length} source files found`);
    assert.deepEqual(missing, []);
  });

  it('every section named by its title is a heading of its file', () => {
    const wrong: string[] = [];
    let named = 0;
    for (const file of files) {
      const text = comments(fs.readFileSync(path.join(ROOT, file), 'utf8'));
      // the README's "Commands" · README "Commands" · docs/cli.md, "Input files and errors" · bench/README.md's "Short lists"
      for (const m of text.matchAll(/\b((?:docs|bench)\/[\w-]+\.md|README(?:\.md)?)(?:'s)?,? "([^"\n]+)"/g)) {
        const target = m[1]!.startsWith('README') ? 'README.md' : m[1]!;
        const title = m[2]!.toLowerCase();
        named++;
        if (!fs.existsSync(path.join(ROOT, target)) || !headings(target).some((h) => h.startsWith(title))) wrong.push(`${file}: ${m[0]}`);
      }
    }
    assert.ok(named > 0, 'no section named: the pattern finds nothing');
    assert.deepEqual(wrong, []);
  });
});
