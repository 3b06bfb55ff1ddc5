// The document cache: unchanged documents are taken from it, byte for byte what a render makes; changed ones never are.
// The part cache: a document assembled from parts kept before is byte for byte one whose parts were all rendered.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build, type RenderedDoc } from '../src/pipeline/build.js';
import { manifest } from './helpers/built.js';
import { readPdf } from './helpers/pdf.js';
import { createRenderContext, STORE_DIR } from '../src/pipeline/context.js';
import { sha256 } from '../src/util/hash.js';

describe('the document cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-cache-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reuses every unchanged document of a build, with the bytes of the test build', async () => {
    const seen: RenderedDoc[] = [];
    // The test build (global setup) rendered every document into the cache: nothing of new-mexico is rendered again.
    const cached = await build({
      project: process.cwd(),
      outDir: join(dir, 'cached'),
      editions: ['new-mexico'],
      rendered: (d) => seen.push(d),
    });
    expect(seen).toHaveLength(10);
    expect(seen.filter((d) => !d.cached).map((d) => d.path)).toEqual([]);
    const expected = manifest().files.filter((f) => f.edition === 'new-mexico');
    expect(cached.manifest.filter((f) => f.edition === 'new-mexico').map((f) => [f.path, f.sha256])).toEqual(
      expected.map((f) => [f.path, f.sha256]),
    );
  });

  it('renders again exactly the documents an edit changes', async () => {
    const project = join(dir, 'project');
    cpSync(join(process.cwd(), 'source'), join(project, 'source'), { recursive: true });
    cpSync(join(process.cwd(), 'templates'), join(project, 'templates'), { recursive: true });
    const level2 = join(project, 'source', 'base', 'level-2.md');
    writeFileSync(
      level2,
      readFileSync(level2, 'utf8').replace('Remains open and curious', 'Remains open, curious and patient'),
    );
    const seen: RenderedDoc[] = [];
    const context = createRenderContext({ project, keep: true });
    const r = await build({
      project,
      outDir: join(project, 'out'),
      editions: ['michigan'],
      rendered: (d) => seen.push(d),
      context,
    });
    // Of their parts only the Level 2 chapter is laid out (once, for both); the others are read from the store.
    const partCounts = context.parts.counts;
    expect(partCounts.rendered).toBe(1);
    expect(partCounts.inMemory).toBeGreaterThanOrEqual(1);
    expect(partCounts.fromStore).toBeGreaterThan(5);
    // Level 2 is in the booklet and its own packet: those four files are new, the other six come from the cache.
    expect(
      seen
        .filter((d) => !d.cached)
        .map((d) => d.path)
        .sort(),
    ).toEqual([
      'michigan/competency-guidelines.docx',
      'michigan/competency-guidelines.pdf',
      'michigan/packet-level-2.docx',
      'michigan/packet-level-2.pdf',
    ]);
    const before = new Map(manifest().files.map((f) => [f.path, f.sha256]));
    for (const f of r.manifest.filter(
      (x) => x.edition === 'michigan' && (x.kind === 'booklet' || x.kind === 'packet'),
    )) {
      expect(f.sha256 === before.get(f.path), f.path).toBe(!/competency-guidelines|packet-level-2/.test(f.path));
    }
    expect((await readPdf(join(project, 'out', 'michigan', 'packet-level-2.pdf'))).text.replace(/\s+/g, ' ')).toContain(
      'Remains open, curious and patient',
    );
  }, 180_000);
});

describe('a forced build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-forced-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lays out every part, keeps them, and the build after an edit lays out only what the edit changed', async () => {
    const project = join(dir, 'project');
    cpSync(join(process.cwd(), 'source'), join(project, 'source'), { recursive: true });
    cpSync(join(process.cwd(), 'templates'), join(project, 'templates'), { recursive: true });
    const before = process.env.CG_CACHE_DIR;
    process.env.CG_CACHE_DIR = join(dir, 'cache');
    try {
      const seen: RenderedDoc[] = [];
      const forced = createRenderContext({ project, keep: true, fresh: true });
      // Two threads (this one and a worker, each laying out the parts it needs): the test build's bytes.
      const two = await build({
        project,
        editions: ['michigan'],
        force: true,
        context: forced,
        workers: 2,
        rendered: (d) => seen.push(d),
      });
      const michigan = (files: { path: string; edition: string; sha256: string }[]) =>
        files.filter((f) => f.edition === 'michigan').map((f) => [f.path, f.sha256]);
      expect(michigan(two.manifest)).toEqual(michigan(manifest().files));
      expect(seen.filter((d) => d.cached)).toEqual([]);
      // A second forced build, in this thread only, reads nothing the first one kept.
      const again = createRenderContext({ project, keep: true, fresh: true });
      await build({ project, editions: ['michigan'], force: true, context: again, workers: 1 });
      expect(again.parts.counts.fromStore).toBe(0);
      expect(again.parts.counts.rendered).toBeGreaterThan(10);

      const level1 = join(project, 'source', 'base', 'level-1.md');
      const text = readFileSync(level1, 'utf8');
      const edited = text.replace(
        'that optimize early infant brain development',
        'that support early infant brain development',
      );
      expect(edited).not.toBe(text);
      writeFileSync(level1, edited);
      // A file of out/ changed by hand, its size kept: written again, not linked from the previous out/ by its hash.
      const packet3 = join(project, 'out', 'michigan', 'packet-level-3.pdf');
      const good = readFileSync(packet3);
      const damaged = Buffer.from(good);
      damaged[damaged.length - 10] ^= 1;
      writeFileSync(packet3, damaged);
      const next = createRenderContext({ project, keep: true });
      const r = await build({ project, editions: ['michigan'], context: next });
      expect(readFileSync(packet3).equals(good)).toBe(true);
      expect(r.manifest.find((f) => f.path === 'michigan/packet-level-3.pdf')?.sha256).toBe(sha256(good));
      // Only the Level 1 chapter (shared by the booklet and the Level 1 packet) is laid out again.
      expect(next.parts.counts.rendered).toBe(1);
      expect(next.parts.counts.fromStore).toBeGreaterThan(10);
    } finally {
      process.env.CG_CACHE_DIR = before;
    }
  }, 300_000);
});

describe('parts laid out once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-parts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const pdfs = (files: { path: string; format: string; sha256: string }[]) =>
    files.filter((f) => f.format === 'pdf').map((f) => [f.path, f.sha256]);
  /** The files of finished PDF documents in a store folder (a kept document is a `document.…` file and its `document-meta.…`). */
  const pdfDocuments = (store: string) =>
    readdirSync(store).filter(
      (n) => n.startsWith('document.') && readFileSync(join(store, n)).subarray(0, 5).toString() === '%PDF-',
    );

  it('assembles documents from cached parts with the bytes of a build that laid out every part', async () => {
    // A cache holding the parts the test build rendered and none of its PDF documents: every PDF is assembled. (Its
    // Word documents are kept: they have no parts, and would only be written again.)
    const cache = join(dir, 'cache');
    const testStore = join(process.env.CG_CACHE_DIR!, STORE_DIR);
    // Without the PDF documents' bytes, their meta entries are misses. Removed from the copy, not left out of it:
    // other test files' builds (forced ones too) keep documents in the test store while this one copies it.
    const parts = join(cache, STORE_DIR);
    // (A store entry being written is a .tmp file, renamed when whole: those are not copied.)
    cpSync(testStore, parts, { recursive: true, filter: (src) => !src.endsWith('.tmp') });
    for (const n of pdfDocuments(parts)) rmSync(join(parts, n));
    expect(pdfDocuments(parts)).toEqual([]);
    // Marked old: the build marks what it reads as used now.
    for (const n of readdirSync(parts)) utimesSync(join(parts, n), 0, 0);
    const before = process.env.CG_CACHE_DIR;
    process.env.CG_CACHE_DIR = cache;
    const seen: RenderedDoc[] = [];
    try {
      const context = createRenderContext({ project: process.cwd(), keep: true });
      const partCounts = context.parts.counts;
      const fromParts = await build({
        project: process.cwd(),
        outDir: join(dir, 'michigan-parts'),
        editions: ['michigan'],
        rendered: (d) => seen.push(d),
        context,
      });
      expect(seen.filter((d) => d.format === 'pdf' && d.cached)).toEqual([]);
      expect(seen.filter((d) => d.format === 'docx' && !d.cached)).toEqual([]);
      expect(partCounts.rendered).toBe(0);
      expect(partCounts.ownLaidOut).toBe(0);
      expect(partCounts.fromStore).toBeGreaterThan(10);
      // The test build started from an empty cache: it laid out every part (reliability.test.ts checks that a forced
      // build in another process, which keeps nothing, makes its bytes too).
      expect(pdfs(fromParts.manifest)).toEqual(pdfs(manifest().files.filter((f) => f.edition === 'michigan')));

      // A part the build read, damaged on disk (a bad disk, a hand edit): laid out again, never served broken.
      const used = readdirSync(parts).filter((n) => n.startsWith('part.') && statSync(join(parts, n)).mtimeMs > 0);
      writeFileSync(join(parts, used[0]), 'not a PDF');
      for (const n of pdfDocuments(parts)) rmSync(join(parts, n));
      const fresh = createRenderContext({ project: process.cwd(), keep: true });
      const again = await build({
        project: process.cwd(),
        outDir: join(dir, 'michigan-again'),
        editions: ['michigan'],
        context: fresh,
      });
      expect(fresh.parts.counts.rendered + fresh.parts.counts.ownLaidOut).toBe(1);
      expect(pdfs(again.manifest)).toEqual(pdfs(fromParts.manifest));
      expect(readFileSync(join(parts, used[0])).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      process.env.CG_CACHE_DIR = before;
    }
  }, 180_000);
});
