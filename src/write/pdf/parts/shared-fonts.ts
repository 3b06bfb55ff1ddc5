// One subset per font per document: the parts draw text by glyph id (glyph-fonts.ts), so a document assembled from
// them embeds each font once, with the glyphs any of its parts uses, their widths and their characters (ToUnicode).
// The outlines come from the parts' own subsets (each keeps glyph ids), so nothing outside the parts is read.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFDocument,
} from '@cantoo/pdf-lib';
import type { Any } from '../pdfmake-internals.js';
import {
  GLYPH_IDS_KEY,
  glyphIdSubset,
  toUnicodeCMap,
  UNICODE_KEY,
  widthsArray,
  type GlyphSource,
} from './glyph-fonts.js';

const require = createRequire(import.meta.url);
const fontkit = () =>
  require(
    require.resolve('fontkit', { paths: [require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] })] }),
  ) as { create(b: Uint8Array): Any };

/** A font a part draws by glyph id: what the document's one subset of it takes from this part. */
export interface PartFont {
  /** The part's Type0 font (its resources name it; the document points it at its own). */
  ref: PDFRef;
  /** The font's PostScript name (the BaseFont after the subset tag). */
  name: string;
  widths: Map<number, number>;
  unicode: Map<number, Buffer>;
  descriptor: PDFDict;
  /** The part's subset, parsed (when a document first builds a subset from it). */
  program(): Any;
  /** The glyph id of each glyph of the part's subset, in its order. */
  glyphIds: number[];
  /** Its index in the part's subset, by glyph id. */
  indexOf: Map<number, number>;
}

const name = (s: string) => PDFName.of(s);

/** The fonts drawn by glyph id among those the given resource dictionaries name. */
export function partFonts(pdf: PDFDocument, resources: (PDFDict | undefined)[]): PartFont[] {
  const ctx = pdf.context;
  const found = new Map<PDFRef, PartFont>();
  for (const r of resources) {
    const fonts = r?.lookupMaybe(name('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) {
      if (!(ref instanceof PDFRef) || found.has(ref)) continue;
      const type0 = ctx.lookup(ref, PDFDict);
      if (type0.get(name('Subtype')) !== name('Type0')) continue;
      const cid = type0.lookup(name('DescendantFonts'), PDFArray).lookup(0, PDFDict);
      const chars = cid.lookupMaybe(name(UNICODE_KEY), PDFArray);
      if (!chars) continue;
      const widths = new Map<number, number>();
      const w = cid.lookup(name('W'), PDFArray);
      for (let i = 0; i + 1 < w.size(); i += 2) {
        const first = w.lookup(i, PDFNumber).asNumber();
        const run = w.lookup(i + 1, PDFArray);
        for (let k = 0; k < run.size(); k++) widths.set(first + k, run.lookup(k, PDFNumber).asNumber());
      }
      const unicode = new Map<number, Buffer>();
      for (let i = 0; i + 1 < chars.size(); i += 2)
        unicode.set(chars.lookup(i, PDFNumber).asNumber(), Buffer.from(chars.lookup(i + 1, PDFHexString).asBytes()));
      const descriptor = cid.lookup(name('FontDescriptor'), PDFDict);
      const ids = cid.lookup(name(GLYPH_IDS_KEY), PDFArray);
      const glyphIds = Array.from({ length: ids.size() }, (_, i) => ids.lookup(i, PDFNumber).asNumber());
      const baseFont = (type0.get(name('BaseFont')) as PDFName).decodeText();
      let program: Any;
      found.set(ref, {
        ref,
        name: baseFont.replace(/^[A-Z]{6}\+/, ''),
        widths,
        unicode,
        descriptor,
        glyphIds,
        indexOf: new Map(glyphIds.map((gid, i) => [gid, i])),
        program: () =>
          (program ??= fontkit().create(
            decodePDFRawStream(descriptor.lookup(name('FontFile2')) as PDFRawStream).decode(),
          )),
      });
    }
  }
  return [...found.values()];
}

/** The document's fonts: one Type0 font per font name, made when the parts that use it are all known. */
export class DocumentFonts {
  private readonly byName = new Map<string, { ref: PDFRef; parts: PartFont[] }>();

  constructor(private readonly ctx: PDFContext) {}

  /** The document's font for a part's (what the part's references to its own font become). */
  refFor(font: PartFont): PDFRef {
    let entry = this.byName.get(font.name);
    if (!entry) this.byName.set(font.name, (entry = { ref: this.ctx.nextRef(), parts: [] }));
    if (!entry.parts.includes(font)) entry.parts.push(font);
    return entry.ref;
  }

  /** Each font's one subset: the glyphs of all its parts, each glyph's outline from the first part that has it. */
  write(): void {
    const ctx = this.ctx;
    for (const [fontName, { ref, parts }] of this.byName) {
      const widths = new Map<number, number>();
      const unicode = new Map<number, Buffer>();
      for (const p of parts) {
        for (const [gid, w] of p.widths) if (!widths.has(gid)) widths.set(gid, w);
        for (const [gid, u] of p.unicode) if (!unicode.has(gid)) unicode.set(gid, u);
      }
      const sourceOf = (gid: number): GlyphSource | undefined => {
        const p = parts.find((f) => f.indexOf.has(gid));
        return p && { font: p.program(), index: p.indexOf.get(gid)!, gidOf: (index) => p.glyphIds[index] };
      };
      const program = glyphIdSubset(parts[0].program(), widths.keys(), sourceOf);
      const gids = [...widths.keys()].sort((a, b) => a - b);
      const digest = createHash('sha256').update(fontName).update(gids.join(',')).digest();
      const tag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
      const baseFont = `${tag}+${fontName}`;
      const descriptor = ctx.obj({});
      for (const [k, v] of parts[0].descriptor.entries()) if (k !== name('FontFile2')) descriptor.set(k, v);
      descriptor.set(name('FontName'), name(baseFont));
      descriptor.set(
        name('FontFile2'),
        ctx.register(ctx.stream(deflateSync(program), { Filter: 'FlateDecode', Length1: program.length })),
      );
      const cidFont = ctx.obj({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
        FontDescriptor: ctx.register(descriptor),
        W: widthsArray(widths).map((v) => (Array.isArray(v) ? ctx.obj(v) : v)),
        CIDToGIDMap: 'Identity',
      });
      const toUnicode = ctx.register(
        ctx.stream(deflateSync(Buffer.from(toUnicodeCMap(unicode), 'latin1')), { Filter: 'FlateDecode' }),
      );
      ctx.assign(
        ref,
        ctx.obj({
          Type: 'Font',
          Subtype: 'Type0',
          BaseFont: baseFont,
          Encoding: 'Identity-H',
          DescendantFonts: [ctx.register(cidFont)],
          ToUnicode: toUnicode,
        }),
      );
    }
  }
}
