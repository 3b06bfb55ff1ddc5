// The run's one store (pipeline/store.ts): bytes by content address, in memory over a folder, written whole, pruned to
// the most recently used; another generator never reads what an older one kept.
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentStore } from '../src/pipeline/store.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null) => (b ? new TextDecoder().decode(b) : null);

describe('the content store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps bytes for the next process, by kind and key, for one generator only', async () => {
    const store = new ContentStore(dir, 'g1');
    store.put('abc', bytes('a part'));
    store.put('contents-length:abc', bytes('3'));
    // Written by the thread pool: read from memory meanwhile, on disk once settled.
    expect(text(store.get('abc'))).toBe('a part');
    await store.settled();
    expect(
      readdirSync(dir)
        .map((n) => n.split('.')[0])
        .sort(),
    ).toEqual(['contents-length', 'part']);
    // A new process: read from the folder.
    const next = new ContentStore(dir, 'g1');
    expect(text(next.get('abc'))).toBe('a part');
    expect(text(next.get('contents-length:abc'))).toBe('3');
    expect(new ContentStore(dir, 'g2').get('abc')).toBeNull();
    // Nothing half-written is left beside the entries.
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // What this process holds in memory outlives the file; a new process misses it.
    for (const n of readdirSync(dir)) rmSync(join(dir, n));
    expect(text(next.get('abc'))).toBe('a part');
    expect(new ContentStore(dir, 'g1').get('abc')).toBeNull();
    // Memory only: nothing on disk.
    const memory = new ContentStore(null, 'g1');
    memory.put('m', bytes('held'));
    await memory.settled();
    expect(text(memory.get('m'))).toBe('held');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('holds an entry too large for memory only while it is written, then reads it from its file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cg-store-large-'));
    try {
      const store = new ContentStore(folder, 'g1');
      const large = new Uint8Array(2 * 1024 * 1024).fill(7);
      store.put('large', large);
      expect(store.get('large')).toBe(large); // read while written
      await store.settled();
      expect(store.get('large')?.length).toBe(large.length); // from its file
      for (const n of readdirSync(folder)) rmSync(join(folder, n));
      // Not kept in memory: a read while it was written did not put it there.
      expect(store.get('large')).toBeNull();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('prunes to the most recently used entries, and what an interrupted write left', async () => {
    const store = new ContentStore(dir, 'g1');
    for (const k of ['k1', 'k2', 'k3', 'k4']) store.put(k, bytes(k));
    await store.settled();
    const names = readdirSync(dir);
    for (const n of names) utimesSync(join(dir, n), 1000, 1000);
    // Read now: used most recently, kept.
    new ContentStore(dir, 'g1').get('k1');
    writeFileSync(join(dir, 'part.left-behind.123-0-x.tmp'), 'half');
    utimesSync(join(dir, 'part.left-behind.123-0-x.tmp'), 1000, 1000);
    store.prune(2);
    const left = readdirSync(dir);
    expect(left).toHaveLength(2);
    const reader = new ContentStore(dir, 'g1');
    expect(text(reader.get('k1'))).toBe('k1');
    expect(left.every((n) => !n.endsWith('.tmp'))).toBe(true);
    expect(left.map((n) => readFileSync(join(dir, n), 'utf8'))).toContain('k1');
  });

  it('prunes to a size too, the most recently used kept', async () => {
    const sized = mkdtempSync(join(tmpdir(), 'cg-store-size-'));
    try {
      const store = new ContentStore(sized, 'g1');
      store.put('old', bytes('x'.repeat(600)));
      await store.settled();
      for (const n of readdirSync(sized)) utimesSync(join(sized, n), 1000, 1000);
      store.put('new', bytes('y'.repeat(600)));
      await store.settled();
      store.prune(100, 1000);
      const reader = new ContentStore(sized, 'g1');
      expect(reader.get('old')).toBeNull();
      expect(text(reader.get('new'))).toBe('y'.repeat(600));
    } finally {
      rmSync(sized, { recursive: true, force: true });
    }
  });

  it('fresh (a forced build): reads nothing but what it was given itself, and keeps it for the next run', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cg-store-fresh-'));
    try {
      const earlier = new ContentStore(folder, 'g1');
      earlier.put('before', bytes('kept before'));
      await earlier.settled();
      for (const n of readdirSync(folder)) utimesSync(join(folder, n), 1000, 1000);
      const fresh = new ContentStore(folder, 'g1', true);
      expect(fresh.get('before')).toBeNull();
      fresh.put('made', bytes('made now'));
      expect(text(fresh.get('made'))).toBe('made now');
      // Another store begun as late (another thread, or another process's forced build meanwhile) reads none of it.
      const other = new ContentStore(folder, 'g1', true);
      expect(other.get('made')).toBeNull();
      expect(other.get('before')).toBeNull();
      // Put again by this run: now it is this run's.
      fresh.put('before', bytes('kept before'));
      expect(text(fresh.get('before'))).toBe('kept before');
      await fresh.settled();
      // The next run reads what the fresh one made.
      expect(text(new ContentStore(folder, 'g1').get('made'))).toBe('made now');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a run context over a cache folder', () => {
  it('removes what the caches before the store left there when it prunes, and keeps the store', async () => {
    const { createRenderContext, STORE_DIR } = await import('../src/pipeline/context.js');
    const cache = mkdtempSync(join(tmpdir(), 'cg-earlier-'));
    const before = process.env.CG_CACHE_DIR;
    process.env.CG_CACHE_DIR = cache;
    try {
      const old = 'a'.repeat(64);
      for (const f of [`${old}.bin`, `${old}.json`, 'parts/x.pdf', 'parsed/mdast-x.json']) {
        const path = join(cache, f);
        rmSync(path, { force: true });
        await import('node:fs').then((fs) => fs.mkdirSync(join(path, '..'), { recursive: true }));
        writeFileSync(path, 'old');
      }
      writeFileSync(join(cache, 'notes.txt'), 'not ours to remove');
      const ctx = createRenderContext({ project: process.cwd(), keep: true });
      ctx.store!.put('abc', bytes('a part'));
      await ctx.store!.settled();
      ctx.prune();
      expect(readdirSync(cache).sort()).toEqual(['notes.txt', STORE_DIR]);
      expect(text(createRenderContext({ project: process.cwd(), keep: true }).store!.get('abc'))).toBe('a part');
    } finally {
      process.env.CG_CACHE_DIR = before;
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
