// What the outputs hold comes from our tables, not from the runtime's, so every Node line and every machine writes the
// same bytes: the form field font's WinAnsi widths (Node 20's TextDecoder read windows-1252 as Latin-1 and gave codes
// 0x80–0x9F the widths of control characters) and the manifest's order (localeCompare follows the machine's locale).
// .ci/run builds with Node 22, 24 and 26 and compares every file.
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber } from '@cantoo/pdf-lib';
import { Encodings } from '@cantoo/pdf-lib/standard-fonts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FONT_FILES } from '../src/text/fonts.js';
import { fieldFontWidths } from '../src/write/pdf/tagging/field-font.js';
import { winAnsiCodePoint } from '../src/write/pdf/tagging/win-ansi.js';
import { manifest, outFile } from './helpers/built.js';

/** A few codes where WinAnsi and Latin-1 part, as PDF 32000-1 Annex D lists them. */
const SPEC = {
  0x80: '€',
  0x85: '…',
  0x8a: 'Š',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
  0x99: '™',
  0x9f: 'Ÿ',
  0xe9: 'é',
};

const font = fontkit.create(readFileSync(FONT_FILES.Sans.normal.path)) as unknown as Parameters<
  typeof fieldFontWidths
>[0];
const width = (ch: string) =>
  Math.round((font.glyphForCodePoint(ch.codePointAt(0)!).advanceWidth * 1000) / font.unitsPerEm);

describe('WinAnsi, from our table', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('matches pdf-lib’s fixed WinAnsi table for every code 32–255', () => {
    const fromLibrary = new Map<number, number>();
    for (const cp of Encodings.WinAnsi.supportedCodePoints)
      fromLibrary.set(Encodings.WinAnsi.encodeUnicodeCodePoint(cp).code, cp);
    for (let code = 32; code <= 255; code++)
      expect(winAnsiCodePoint(code), `code ${code}`).toBe(fromLibrary.get(code) ?? null);
  });

  it('gives the field font the widths of €, “, — … at 0x80–0x9F whatever the runtime’s windows-1252 decoder says', () => {
    // Node 20's decoder: every byte is the code point of the same number.
    vi.stubGlobal(
      'TextDecoder',
      class {
        decode = (bytes: Uint8Array) => String.fromCharCode(...bytes);
      },
    );
    const widths = fieldFontWidths(font);
    expect(widths).toHaveLength(224);
    for (const [code, ch] of Object.entries(SPEC))
      expect(widths[Number(code) - 32], `code ${code} (${ch})`).toBe(width(ch));
    // The five codes WinAnsi leaves unassigned (and DEL) get .notdef's width, not a control character's.
    const notdef = Math.round((font.getGlyph(0).advanceWidth * 1000) / font.unitsPerEm);
    for (const code of [0x7f, 0x81, 0x8d, 0x8f, 0x90, 0x9d]) expect(widths[code - 32], `code ${code}`).toBe(notdef);
  });

  it('is what a built packet’s form field font declares', async () => {
    for (const file of [outFile('michigan', 'packet-level-2.pdf'), outFile('texas', 'packet-level-4.pdf')]) {
      const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
      const acroForm = doc.catalog.lookup(PDFName.of('AcroForm'), PDFDict);
      const fonts = acroForm.lookup(PDFName.of('DR'), PDFDict).lookup(PDFName.of('Font'), PDFDict);
      const fieldFont = fonts.lookup(PDFName.of('SrcSans'), PDFDict);
      expect(fieldFont.lookup(PDFName.of('Encoding'))?.toString(), file).toBe('/WinAnsiEncoding');
      expect(fieldFont.lookup(PDFName.of('FirstChar'), PDFNumber).asNumber(), file).toBe(32);
      const widths = fieldFont
        .lookup(PDFName.of('Widths'), PDFArray)
        .asArray()
        .map((w) => (w as PDFNumber).asNumber());
      expect(widths, file).toEqual(fieldFontWidths(font));
      for (const [code, ch] of Object.entries(SPEC))
        expect(widths[Number(code) - 32], `${file}: code ${code} (${ch})`).toBe(width(ch));
    }
  });
});

describe('the manifest', () => {
  it('lists the files in code-unit order, as no locale sorts them', () => {
    const paths = manifest().files.map((f) => f.path);
    // Under en-US collation, "…Regular_Italic.ttf" came before "…Regular.ttf"; by code unit "." (2E) precedes "_" (5F).
    expect(paths).toContain('texas/web/fonts/SourceSerif4_400Regular.ttf');
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
