// One subset per font per document: the parts draw text by glyph id, and the assembled booklet embeds each font once,
// from the glyphs all its parts use. The text still reads back (pdfjs through each font's ToUnicode map).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import type { Document } from '../src/compose/tree.js';
import { bareContext, type KeptStore } from '../src/write/context.js';
import { writePdf } from '../src/write/pdf/document.js';
import { outFile } from './helpers/built.js';
import { openPdf, readPdf } from './helpers/pdf.js';
import { chapter, smallDocument } from './helpers/small-document.js';

/** The Type0 fonts of a PDF: their names without the subset tag. */
async function fonts(bytes: Uint8Array): Promise<{ names: string[]; pdf: PDFDocument }> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const names: string[] = [];
  for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Subtype')) !== PDFName.of('Type0')) continue;
    names.push((obj.get(PDFName.of('BaseFont')) as PDFName).decodeText().replace(/^[A-Z]{6}\+/, ''));
    expect(obj.has(PDFName.of('ToUnicode'))).toBe(true);
    const cid = obj.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    expect(cid.get(PDFName.of('CIDToGIDMap'))).toBe(PDFName.of('Identity'));
    expect(cid.lookup(PDFName.of('FontDescriptor'), PDFDict).lookup(PDFName.of('FontFile2'))).toBeInstanceOf(
      PDFRawStream,
    );
  }
  return { names, pdf };
}

describe('fonts shared by the parts of a document', () => {
  it('embeds each font of the Michigan booklet once, in under 600 kB, and its text reads back', async () => {
    const file = outFile('michigan', 'competency-guidelines.pdf');
    const bytes = new Uint8Array(readFileSync(file));
    const { names } = await fonts(bytes);
    expect(names.length).toBeGreaterThanOrEqual(4);
    expect(new Set(names).size).toBe(names.length);
    expect(bytes.length).toBeLessThanOrEqual(600_000);
    // Ligatures (fi, fl, ff) and every style: a glyph drawn by one part and listed by another's subset reads right.
    const text = (await readPdf(file)).text.replace(/\s+/g, ' ');
    for (const word of [
      'Reflection',
      'effective',
      'conflict',
      'Identifies',
      'Theoretical Foundations',
      'Competency Guidelines',
    ])
      expect(text).toContain(word);
  });

  it('leaves a document finished whole (a personal letter) with pdfkit’s subsets and nothing parts keep for the assembly', async () => {
    const letter: Document = {
      editionId: 'whole',
      kind: 'personal',
      meta: { title: 'Letter', author: 'A', subject: 'S', keywords: 'K', language: 'en-US', date: '2026-01-01' },
      page: { size: 'LETTER', twoSided: false, padToMultipleOf4: false },
      accent: '#0b6e4f',
      furniture: { headerLine: '', footerLine: '' },
      parts: [
        {
          kind: 'loose',
          blocks: [
            {
              kind: 'paragraph',
              role: 'body',
              runs: [
                { text: 'An officer’s ' },
                { text: 'affidavit', bold: true },
                { text: ' of the ' },
                { text: 'fifth', italic: true },
                { text: ' office.' },
              ],
            },
          ],
        },
      ],
    };
    const { bytes } = await writePdf(letter, bareContext());
    expect(Buffer.from(bytes).includes('CGUnicode')).toBe(false);
    const { names } = await fonts(bytes);
    expect(new Set(names).size).toBe(names.length);
    const pdf = await openPdf(bytes.slice());
    const content = await (await pdf.getPage(1)).getTextContent();
    expect(content.items.map((it) => ('str' in it ? it.str : '')).join('')).toContain(
      'An officer’s affidavit of the fifth office.',
    );
  });

  it("keeps a part's own font files undeflated (no document copies them) and deflates the document's", async () => {
    const kept = new Map<string, Uint8Array>();
    const store: KeptStore = { get: (key) => kept.get(key) ?? null, put: (key, bytes) => void kept.set(key, bytes) };
    const booklet = smallDocument('parts', [
      chapter('l1', 'Level 1', [{ kind: 'paragraph', role: 'body', runs: [{ text: 'An officer’s affidavit.' }] }]),
    ]);
    const { bytes } = await writePdf(booklet, { ...bareContext(), store });
    const fontFiles = async (pdfBytes: Uint8Array) => {
      const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false });
      return pdf.context
        .enumerateIndirectObjects()
        .flatMap(([, o]) =>
          o instanceof PDFDict && o.get(PDFName.of('Type')) === PDFName.of('FontDescriptor') ? [o] : [],
        )
        .map((d) => (d.lookup(PDFName.of('FontFile2')) as PDFRawStream).dict.get(PDFName.of('Filter')));
    };
    const parts = [...kept.values()].filter((b) => Buffer.from(b.subarray(0, 5)).toString() === '%PDF-');
    expect(parts.length).toBeGreaterThan(0);
    const partFiles = (await Promise.all(parts.map(fontFiles))).flat();
    expect(partFiles.length).toBeGreaterThan(0);
    expect(partFiles.every((filter) => filter === undefined)).toBe(true);
    const documentFiles = await fontFiles(bytes);
    expect(documentFiles.length).toBeGreaterThan(0);
    expect(documentFiles.every((filter) => filter === PDFName.of('FlateDecode'))).toBe(true);
  });
});
