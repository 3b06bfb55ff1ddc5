// The edition's accent colour is bound when a document is assembled, not when its parts are drawn: two editions that
// differ only in colour share every part (each drawn once), and each PDF paints its own colour (read back with pdfjs,
// which resolves the colour space each fill is painted in to RGB).
import { describe, expect, it } from 'vitest';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Document } from '../src/compose/tree.js';
import { writePdf } from '../src/write/pdf/document.js';
import { bareContext, type KeptStore, type RenderContext } from '../src/write/context.js';
import { openPdf } from './helpers/pdf.js';

function edition(accent: string): Document {
  return {
    editionId: `colour-${accent.slice(1)}`,
    kind: 'booklet',
    meta: { title: 'Colours', author: 'A', subject: 'S', keywords: 'K', language: 'en-US', date: '2026-01-01' },
    page: { size: 'LETTER', twoSided: true, padToMultipleOf4: false },
    accent,
    furniture: { headerLine: 'Head', footerLine: 'Foot' },
    parts: [
      {
        kind: 'cover',
        association: 'An Association',
        abbreviation: 'AA',
        title: 'Guidelines',
        dateLine: 'January 2026',
        color: accent,
      },
      {
        kind: 'chapter',
        id: 'l1',
        title: 'Level 1',
        runningHead: 'Level 1',
        blocks: [
          { kind: 'heading', level: 1, id: 'l1', text: 'Level 1', toc: true },
          { kind: 'paragraph', role: 'body', runs: [{ text: 'What a practitioner at Level 1 knows and does.' }] },
        ],
      },
    ],
  };
}

/** A run's context over a store in memory: its part counts say what was drawn. */
function runWith(store: KeptStore): RenderContext {
  return { ...bareContext(), store };
}

function memoryStore(): KeptStore {
  const kept = new Map<string, Uint8Array>();
  return { get: (key) => kept.get(key) ?? null, put: (key, bytes) => void kept.set(key, bytes) };
}

/** The RGB colours (#rrggbb) each page fills with, as pdfjs resolves them. */
async function fills(bytes: Uint8Array): Promise<Set<string>[]> {
  const pdf = await openPdf(bytes.slice());
  const pages: Set<string>[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const ops = await (await pdf.getPage(i)).getOperatorList();
    pages.push(
      new Set(
        ops.fnArray.flatMap((fn, k) => (fn === OPS.setFillRGBColor ? [String(ops.argsArray[k][0]).toLowerCase()] : [])),
      ),
    );
  }
  return pages;
}

describe('the accent colour bound at assembly', () => {
  it('draws the parts of two editions differing only in colour once, and paints each in its own colour', async () => {
    const ctx = runWith(memoryStore());
    const partCounts = ctx.parts.counts;
    const green = await writePdf(edition('#0b6e4f'), ctx);
    const drawn = partCounts.rendered;
    expect(drawn).toBe(2); // the cover and the chapter
    const purple = await writePdf(edition('#8a1c7c'), ctx);
    expect(partCounts.rendered).toBe(drawn);
    expect(partCounts.inMemory).toBe(2);

    const [greenPages, purplePages] = [await fills(green.bytes), await fills(purple.bytes)];
    // The cover's band, and the chapter's heading (on page 3: page 2 is the back of the cover).
    for (const page of [0, 2]) {
      expect(greenPages[page].has('#0b6e4f'), `page ${page + 1}`).toBe(true);
      expect(greenPages[page].has('#8a1c7c')).toBe(false);
      expect(purplePages[page].has('#8a1c7c'), `page ${page + 1}`).toBe(true);
      expect(purplePages[page].has('#0b6e4f')).toBe(false);
    }
    // Nothing is left in the placeholder the parts were drawn with.
    expect([...greenPages, ...purplePages].some((p) => p.has('#808080'))).toBe(false);
  });
});
