// Parsed Markdown kept in the run's store for the next process (read/markdown.ts): the tree read back is the tree a
// parse makes.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/read/markdown.js';
import { ContentStore } from '../src/pipeline/store.js';

describe('parsed trees kept between processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-parsed-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads back the tree a parse makes, and parses again for another generator', async () => {
    const text = readFileSync(join(process.cwd(), 'source', 'base', 'level-2.md'), 'utf8');
    const parsed = parseMarkdown('a.md', text).tree;
    // New file names: the in-memory trees (by file and text) are not used.
    const store = new ContentStore(dir, 'v1');
    const kept = parseMarkdown('b.md', text, undefined, store);
    await store.settled();
    expect(readdirSync(dir)).toHaveLength(1);
    const [file] = readdirSync(dir);
    expect(file).toMatch(/^mdast\./);
    // What the next process reads (a store of its own over the folder): the file, not this process's memory.
    writeFileSync(
      join(dir, file),
      readFileSync(join(dir, file), 'utf8').replace('Remains open and curious', 'Read from the kept tree'),
    );
    const again = parseMarkdown('c.md', text, undefined, new ContentStore(dir, 'v1'));
    expect(JSON.stringify(again.tree)).toContain('Read from the kept tree');
    expect(kept.tree).toEqual(parsed);
    expect(kept.frontMatter).toEqual(parseMarkdown('d.md', text).frontMatter);
    const other = new ContentStore(dir, 'v2');
    parseMarkdown('e.md', text, undefined, other);
    await other.settled();
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
