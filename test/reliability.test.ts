// Reliability: bad input from the command line, an unchanged out/ after a failed build, byte-identical rebuilds.
import { hashTree, runCommand, type Run } from './helpers/cli.js';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest, outDir } from './helpers/built.js';

const project = process.cwd();
const buildCli = (cwd: string, ...args: string[]) => runCommand(cwd, 'build', ...args);

describe('a build from the command line', () => {
  let work: string;
  let first: Run;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'cg-cli-'));
    cpSync(join(project, 'source'), join(work, 'source'), { recursive: true });
    cpSync(join(project, 'templates'), join(work, 'templates'), { recursive: true });
    // A good build first, in another process: it is the "previous out/".
    // --force: rendered again in this process, not taken from the test build's document cache nor assembled from its
    // parts (document-cache.test.ts checks that documents assembled from those parts have these bytes too).
    first = await buildCli(work, '--edition', 'michigan', '--force');
    expect(first.code).toBe(0);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('gives byte-identical files to the test build made in another process', () => {
    const mine = hashTree(join(work, 'out'));
    for (const f of manifest().files.filter((x) => x.edition === 'michigan'))
      expect(mine[f.path], f.path).toBe(f.sha256);
  });

  it('stops on bad input with file:line messages, exit code 1, no stack trace, and out/ unchanged', async () => {
    const before = hashTree(join(work, 'out'));
    const level = join(work, 'source', 'base', 'level-2.md');
    const good = readFileSync(level, 'utf8');
    writeFileSync(
      level,
      good
        .replace('## Thinking {#l2.thinking}', '## Thinking')
        .replace('- Remains open and curious', '- Remains open and curious (S, Q)'),
    );
    try {
      const r = await buildCli(work);
      expect(r.code).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toContain(
        'source/base/level-2.md:153:1: heading "Thinking" has no id; expected an id at its end, like "## Thinking {#thinking}"',
      );
      expect(
        lines.some((l) =>
          /^source\/base\/level-2\.md:\d+:1: unknown responsibility code "Q"; expected only C, S, T or P/.test(l),
        ),
      ).toBe(true);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(hashTree(join(work, 'out'))).toEqual(before);
      expect(readdirSync(work).filter((n) => n.startsWith('.out-'))).toEqual([]);
    } finally {
      writeFileSync(level, good);
    }
  });

  it('reports progress and warnings on stderr as it goes, results on stdout', () => {
    // One line per document as it finishes: [done/total] path (pages) seconds.
    const docs = first.stderr
      .split('\n')
      .filter((l) => /^\[\d+\/10\] michigan\/[\w-]+\.(pdf|docx)( \(\d+ pages\))? [\d.]+ s$/.test(l));
    expect(docs).toHaveLength(10);
    expect(docs.filter((l) => l.includes('.pdf')).every((l) => / \(\d+ pages\) /.test(l))).toBe(true);
    expect(first.stderr).toMatch(/^warning: michigan lacks Level 1 Impact Map/m);
    expect(first.stdout).not.toMatch(/lacks|\[\d+\/\d+\]/);
    expect(first.stdout).toMatch(/^michigan: \d+ changed, \d+ added, \d+ removed from the base$/m);
    expect(first.stdout).toMatch(/^\d+ files, \d+ PDF pages in out\//m);
  });

  it('exits 2 for a bad command line', async () => {
    expect((await buildCli(work, '--edition', 'atlantis')).code).toBe(2);
    expect((await buildCli(work, '--frobnicate')).code).toBe(2);
  });

  it('--check validates and writes nothing', async () => {
    rmSync(join(work, 'out'), { recursive: true, force: true });
    const r = await buildCli(work, '--check');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('source/ is valid');
    expect(existsSync(join(work, 'out'))).toBe(false);
  });
});

describe('the test build', () => {
  it('records every file it wrote, with its hash', () => {
    const tree = hashTree(outDir());
    const listed = manifest().files;
    expect(
      Object.keys(tree)
        .filter((p) => p !== 'manifest.json' && p !== 'build-cache.json')
        .sort(),
    ).toEqual(listed.map((f) => f.path).sort());
    for (const f of listed) expect(tree[f.path]).toBe(f.sha256);
  });
});
