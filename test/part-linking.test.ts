// A document assembled from kept parts is linked from their compiled objects: pdf-lib neither parses nor saves a whole
// document for it (the cost the assembly had per document), and the file still reads back as one tagged document.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from '@cantoo/pdf-lib';
import type { Document } from '../src/compose/tree.js';
import { writePdf } from '../src/write/pdf/document.js';
import { bareContext, type KeptStore, type RenderContext } from '../src/write/context.js';
import { openPdf } from './helpers/pdf.js';

const chapter = (n: number) => ({
  kind: 'chapter' as const,
  id: `l${n}`,
  title: `Level ${n}`,
  runningHead: `Level ${n}`,
  blocks: [
    { kind: 'heading' as const, level: 1, id: `l${n}`, text: `Level ${n}`, toc: true },
    {
      kind: 'paragraph' as const,
      role: 'body' as const,
      runs: [{ text: `What a practitioner at Level ${n} knows and does.` }],
    },
  ],
});

const booklet: Document = {
  editionId: 'linked',
  kind: 'booklet',
  meta: { title: 'Linked', author: 'A', subject: 'S', keywords: 'K', language: 'en-US', date: '2026-01-01' },
  page: { size: 'LETTER', twoSided: true, padToMultipleOf4: false },
  accent: '#0b6e4f',
  furniture: { headerLine: 'Head line', footerLine: 'Foot line' },
  parts: [{ kind: 'contents', title: 'Contents', entries: [] }, chapter(1), chapter(2)],
};

/** A run's context over a store in memory: its part counts say what was drawn. */
function runWith(store: KeptStore): RenderContext {
  return { ...bareContext(), store };
}

function memoryStore(): KeptStore {
  const kept = new Map<string, Uint8Array>();
  return { get: (key) => kept.get(key) ?? null, put: (key, bytes) => void kept.set(key, bytes) };
}

afterEach(() => vi.restoreAllMocks());

describe('documents linked from kept parts', () => {
  it('assembles without saving or parsing a whole document, and the same bytes as the first assembly', async () => {
    const ctx = runWith(memoryStore());
    const first = await writePdf(booklet, ctx);
    const save = vi.spyOn(PDFDocument.prototype, 'save');
    const load = vi.spyOn(PDFDocument, 'load');
    const again = await writePdf(booklet, ctx);
    expect(ctx.parts.counts.inMemory).toBe(2);
    expect(save).not.toHaveBeenCalled();
    // The contents and the furniture, kept in the store, are read; the document itself never is.
    expect(load.mock.calls.every(([bytes]) => (bytes as Uint8Array).length < first.bytes.length / 2)).toBe(true);
    expect(again.bytes).toEqual(first.bytes);
  });

  it('reads back as one document: one structure tree over both chapters, text, headers and bookmarks', async () => {
    const { bytes } = await writePdf(booklet, runWith(memoryStore()));
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const root = pdf.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
    const document = root.lookup(PDFName.of('K'), PDFDict);
    expect(document.lookup(PDFName.of('S'))).toBe(PDFName.of('Document'));
    // The contents' section and each chapter's, under the one Document element.
    expect(document.lookup(PDFName.of('K'), PDFArray).size()).toBe(3);
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    const keys = Array.from({ length: nums.size() / 2 }, (_, i) => nums.lookup(2 * i, PDFNumber).asNumber());
    expect(new Set(keys).size).toBe(keys.length);
    expect(root.lookup(PDFName.of('ParentTreeNextKey'), PDFNumber).asNumber()).toBeGreaterThan(Math.max(...keys));

    const doc = await openPdf(bytes.slice());
    const text: string[] = [];
    for (let i = 1; i <= doc.numPages; i++)
      text.push(
        (await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join(' '),
      );
    // Page 1: the contents; page 3 and 5: the chapters (each on a right-hand page), with head and folio.
    expect(text[0]).toContain('Contents');
    expect(text[2]).toMatch(/Head line.*Level 1.*What a practitioner at Level 1/s);
    expect(text[2]).toContain('Foot line');
    expect(text[4]).toContain('What a practitioner at Level 2');
    const outline = (await doc.getOutline()) ?? [];
    expect(outline.map((o) => o.title)).toEqual(['Level 1', 'Level 2']);
  });
});
