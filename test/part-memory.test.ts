// What a run keeps of the PDF parts it links documents from: each part compiled for linking, without the pdf-lib
// document it was read from, the parts bounded by their bytes; and each font subset made once for a font and a set of
// glyphs, reused by the next document with the same glyphs, with the bytes a fresh run makes.
import { describe, expect, it } from 'vitest';
import { PDFContext, PDFDocument } from '@cantoo/pdf-lib';
import type { Document } from '../src/compose/tree.js';
import { writePdf } from '../src/write/pdf/document.js';
import { forgetBeyond, guessedLength } from '../src/write/pdf/parts/assemble.js';
import { bareContext, newPartMemory } from '../src/write/context.js';
import { openPdf } from './helpers/pdf.js';

function edition(accent: string, association: string): Document {
  return {
    editionId: `memory-${accent.slice(1)}`,
    kind: 'booklet',
    meta: { title: 'Memory', author: 'A', subject: 'S', keywords: 'K', language: 'en-US', date: '2026-01-01' },
    page: { size: 'LETTER', twoSided: true, padToMultipleOf4: false },
    accent,
    furniture: { headerLine: 'Head', footerLine: 'Foot' },
    parts: [
      { kind: 'cover', association, abbreviation: 'AA', title: 'Guidelines', dateLine: 'January 2026', color: accent },
      {
        kind: 'chapter',
        id: 'l1',
        title: 'Level 1',
        runningHead: 'Level 1',
        blocks: [
          { kind: 'heading', level: 1, id: 'l1', text: 'Level 1', toc: true },
          {
            kind: 'paragraph',
            role: 'body',
            runs: [{ text: 'What a practitioner at Level 1 knows and does, ' }, { text: 'reflectively', italic: true }],
          },
        ],
      },
    ],
  };
}

/**
 * A booklet with a contents before its chapter, whose headings say `words`: long ones, each two lines in the
 * contents, so that its pages are more than its number of entries suggests (guessedLength).
 */
function withContents(words: string, entries = 40, accent = '#0b6e4f'): Document {
  const doc = edition(accent, 'An Association');
  const blocks = [
    { kind: 'heading' as const, level: 1 as const, id: 'l1', text: `Level 1 ${words}`, toc: true },
    ...Array.from({ length: entries - 1 }, (_, i) => [
      {
        kind: 'heading' as const,
        level: 2 as const,
        id: `l1-${i}`,
        text: `Area ${i + 1} ${words}, with a heading long enough to take two lines of the contents, ${'and more '.repeat(12)}`,
        toc: true,
      },
      { kind: 'paragraph' as const, role: 'body' as const, runs: [{ text: 'What a practitioner knows.' }] },
    ]).flat(),
  ];
  const [cover, chapter] = doc.parts;
  return {
    ...doc,
    parts: [
      cover,
      { kind: 'contents', title: 'Contents', entries: [] },
      { ...(chapter as Extract<Document['parts'][number], { kind: 'chapter' }>), blocks },
    ],
  };
}

async function textOf(bytes: Uint8Array): Promise<string> {
  const doc = await openPdf(bytes.slice());
  const text: string[] = [];
  for (let i = 1; i <= doc.numPages; i++)
    for (const it of (await (await doc.getPage(i)).getTextContent()).items) if ('str' in it) text.push(it.str);
  return text.join(' ');
}

/** Every object reachable from `root` (own properties, array items, map keys and values). */
function reachable(root: unknown): unknown[] {
  const seen = new Set<unknown>();
  const pending = [root];
  while (pending.length) {
    const v = pending.pop();
    if (v === null || typeof v !== 'object' || seen.has(v) || ArrayBuffer.isView(v)) continue;
    seen.add(v);
    if (v instanceof Map) for (const [k, x] of v) pending.push(k, x);
    else if (v instanceof Set) for (const x of v) pending.push(x);
    else for (const x of Object.values(v)) pending.push(x);
  }
  return [...seen];
}

describe('the parts a run keeps', () => {
  it('keeps each part compiled for linking, without the pdf-lib document it was read from', async () => {
    const ctx = bareContext();
    await writePdf(edition('#0b6e4f', 'An Association'), ctx);
    expect(ctx.parts.loaded.size).toBe(2);
    for (const [key, promise] of ctx.parts.loaded) {
      const part = await promise;
      const objects = reachable(part);
      expect(objects.some((o) => o instanceof PDFDocument)).toBe(false);
      // Only small contexts of its own (a parsed part's holds every object of its file).
      const contexts = objects.filter((o): o is PDFContext => o instanceof PDFContext);
      for (const c of contexts) expect(c.enumerateIndirectObjects().length).toBe(0);
      expect(ctx.parts.held.get(key)).toBeGreaterThan(1000);
    }
  });

  it('lets go of the least recently used parts beyond its bytes, keeping the newest', () => {
    const parts = newPartMemory();
    for (const [key, bytes] of [
      ['a', 40],
      ['b', 30],
      ['c', 50],
    ] as const) {
      parts.loaded.set(key, Promise.resolve(null));
      parts.held.set(key, bytes);
    }
    forgetBeyond(parts, 80);
    expect([...parts.loaded.keys()]).toEqual(['b', 'c']);
    forgetBeyond(parts, 70);
    expect([...parts.loaded.keys()]).toEqual(['c']);
    expect([...parts.held.keys()]).toEqual(['c']);
    forgetBeyond(parts, 10);
    expect([...parts.loaded.keys()]).toEqual(['c']);
  });

  it('makes a font subset once for the same glyphs, with the bytes of a run that made it anew', async () => {
    const ctx = bareContext();
    await writePdf(edition('#0b6e4f', 'An Association'), ctx);
    const made = [...ctx.parts.subsets.keys()];
    expect(made.length).toBeGreaterThanOrEqual(2);
    const kept = made.map((k) => ctx.parts.subsets.get(k));
    // Another edition in another colour: the same parts, the same glyphs.
    const second = await writePdf(edition('#8a1c7c', 'An Association'), ctx);
    expect([...ctx.parts.subsets.keys()].sort()).toEqual([...made].sort());
    made.forEach((k, i) => expect(ctx.parts.subsets.get(k)).toBe(kept[i]));
    const fresh = await writePdf(edition('#8a1c7c', 'An Association'), bareContext());
    expect(Buffer.from(second.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
    // An association with other letters: its cover's font gets a subset of its own, and the text reads back.
    const other = await writePdf(edition('#8a1c7c', 'Quixotic Zebra Society'), ctx);
    expect(ctx.parts.subsets.size).toBeGreaterThan(made.length);
    const text = await textOf(other.bytes);
    expect(text).toContain('Quixotic Zebra Society');
    expect(text).toContain('reflectively');
  });

  it('keeps each subset in the store, for the run’s other threads and the builds after it', async () => {
    const kept = new Map<string, Uint8Array>();
    const store = { get: (k: string) => kept.get(k) ?? null, put: (k: string, b: Uint8Array) => void kept.set(k, b) };
    const first = { ...bareContext(), store };
    const made = await writePdf(edition('#0b6e4f', 'An Association'), first);
    const subsetKeys = () => [...kept.keys()].filter((k) => k.startsWith('subset:'));
    expect(subsetKeys().length).toBe(first.parts.subsets.size);
    // Another thread (its own memory, the run's store): every part and subset read, none made.
    const other = { ...bareContext(), store };
    const again = await writePdf(edition('#0b6e4f', 'An Association'), other);
    expect(other.parts.counts.rendered).toBe(0);
    expect(other.parts.subsets.size).toBe(first.parts.subsets.size);
    expect(Buffer.from(again.bytes).equals(Buffer.from(made.bytes))).toBe(true);
  });

  it('reads a contents or furniture it made again from memory, and guesses a contents’ length by its entries', async () => {
    const kept = new Map<string, Uint8Array>();
    const reads: string[] = [];
    const store = {
      get: (k: string) => (reads.push(k), kept.get(k) ?? null),
      put: (k: string, b: Uint8Array) => void kept.set(k, b),
    };
    const ctx = { ...bareContext(), store };
    const first = await writePdf(withContents('alpha'), ctx);
    // A contents laid out twice (its length guessed by its number of entries, found longer, so its entries' pages
    // move), and a furniture.
    expect(ctx.parts.counts.ownLaidOut).toBe(3);
    expect(ctx.parts.ownKept.size).toBe(3);
    // The same document again: its contents and furniture from memory, not read from the store, with the same bytes.
    const read = reads.length;
    const again = await writePdf(withContents('alpha'), ctx);
    expect(ctx.parts.counts.ownLaidOut).toBe(3);
    const ownKeys = [...ctx.parts.ownKept.keys()];
    expect(reads.slice(read).some((k) => ownKeys.includes(k))).toBe(false);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    // Other words, as many entries: its contents laid out once, at the length the first one had (the furniture is
    // the same), with the bytes a run that guessed otherwise makes.
    const gamma = await writePdf(withContents('gamma'), ctx);
    expect(ctx.parts.counts.ownLaidOut).toBe(4);
    const fresh = await writePdf(withContents('gamma'), bareContext());
    expect(Buffer.from(gamma.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
    expect(await textOf(fresh.bytes)).toContain('Area 39 gamma');
  });

  it('guesses a contents’ pages from the nearest number of entries laid out, else from a page’s usual entries', () => {
    const known = new Map([
      [25, 2],
      [53, 3],
    ]);
    expect(guessedLength(known, 54)).toBe(3);
    expect(guessedLength(known, 27)).toBe(2);
    // Nothing within a fifth: about 22 entries a page.
    expect(guessedLength(known, 40)).toBe(2);
    expect(guessedLength(known, 90)).toBe(5);
    expect(guessedLength(undefined, 53)).toBe(3);
    expect(guessedLength(undefined, 0)).toBe(1);
  });
});
