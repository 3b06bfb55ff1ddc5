// The font form fields draw typed text with: Source Sans 3, embedded whole (viewers type any
// character into a field, so a subset will not do), as a simple TrueType font in WinAnsi encoding,
// the kind every viewer handles in a field's default appearance. Built once per process.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { PDFDocument, PDFRef } from '@cantoo/pdf-lib';
import { deflateSync } from 'node:zlib';
import { FONT_FILES } from '../../../text/fonts.js';
import { winAnsiCodePoint } from './win-ansi.js';

const require = createRequire(import.meta.url);
export const FIELD_FONT = 'SrcSans';

interface Metrics {
  bytes: Uint8Array;
  /** Length of the font file before compression (FontFile2 wants it). */
  length1: number;
  widths: number[];
  bbox: number[];
  ascent: number;
  descent: number;
  capHeight: number;
  name: string;
}

/** Read and measured when first needed, then the same for the life of the process (the font file never changes). */
const load = ((): (() => Metrics) => {
  let metrics: Metrics | undefined;
  return () => (metrics ??= measure());
})();

function measure(): Metrics {
  const raw = readFileSync(FONT_FILES.Sans.normal.path);
  // pdfkit's fontkit, already installed with pdfmake.
  const fontkit = require(
    require.resolve('fontkit', { paths: [require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] })] }),
  );
  const font = fontkit.create(raw);
  const scale = 1000 / font.unitsPerEm;
  const b = font.bbox;
  return {
    bytes: deflateSync(raw),
    length1: raw.length,
    widths: fieldFontWidths(font),
    bbox: [b.minX, b.minY, b.maxX, b.maxY].map((v: number) => Math.round(v * scale)),
    ascent: Math.round(font.ascent * scale),
    descent: Math.round(font.descent * scale),
    capHeight: Math.round(font.capHeight * scale),
    name: String(font.postscriptName),
  };
}

/** Widths of codes 32–255 in WinAnsi (the font's /Widths), in 1/1000 em; codes without a character get .notdef's. */
export function fieldFontWidths(font: {
  unitsPerEm: number;
  getGlyph(id: number): { advanceWidth: number };
  glyphForCodePoint(cp: number): { advanceWidth: number };
}): number[] {
  const scale = 1000 / font.unitsPerEm;
  const widths: number[] = [];
  for (let code = 32; code <= 255; code++) {
    const cp = winAnsiCodePoint(code);
    const glyph = cp === null ? font.getGlyph(0) : font.glyphForCodePoint(cp);
    widths.push(Math.round(glyph.advanceWidth * scale));
  }
  return widths;
}

/** Adds the field font to `doc` and returns its reference. */
export function embedFieldFont(doc: PDFDocument): PDFRef {
  const m = load();
  const ctx = doc.context;
  const stream = ctx.stream(m.bytes, { Filter: 'FlateDecode', Length1: m.length1 });
  const descriptor = ctx.obj({
    Type: 'FontDescriptor',
    FontName: m.name,
    Flags: 32,
    FontBBox: m.bbox,
    ItalicAngle: 0,
    Ascent: m.ascent,
    Descent: m.descent,
    CapHeight: m.capHeight,
    StemV: 80,
    FontFile2: ctx.register(stream),
  });
  const font = ctx.obj({
    Type: 'Font',
    Subtype: 'TrueType',
    BaseFont: m.name,
    FirstChar: 32,
    LastChar: 255,
    Widths: m.widths,
    Encoding: 'WinAnsiEncoding',
    FontDescriptor: ctx.register(descriptor),
  });
  return ctx.register(font);
}
