// Text drawn by glyph id: every embedded TrueType font writes each glyph as its id in the font (CID = GID), and
// embeds a subset that keeps the glyph ids (the glyphs not used are empty). pdfkit numbered a subset's glyphs in the
// order a document first used them, so every part carried its own numbering and its own subset of each font: a
// booklet of ten parts embedded each font ten times. With glyph ids the parts' content streams all speak the font's
// own numbering, and a document assembled from them embeds one subset per font, of the glyphs any part uses
// (shared-fonts.ts).
//
// What a document needs to build that subset is kept in the part: the widths (the font's standard /W) and, as
// /CGUnicode on the CIDFont, each glyph's characters (glyph id, then UTF-16BE), which the ToUnicode map also holds
// but as CMap text. Only PDFs drawn to be assembled (PART_SUBJECT) do this; their fonts never reach a document.
//
// A font with more than MAX_GLYPHS glyphs (the CJK fonts, about 30,000) keeps pdfkit's numbering: a subset keeping
// every glyph id would cost more in its tables than it saves, and such a font only prints applicants' names.
import { createRequire } from 'node:module';
import { wrap, type Any } from '../pdfmake-internals.js';
import '../pdfmake.js'; // pdfkit is loaded after pdfmake.ts has given it the shared fontkit
import {
  componentSlots,
  orderedSubset,
  RawFont,
  renamedComponents,
  writeSubset,
  type SubsetGlyph,
} from './ttf-subset.js';

const require = createRequire(import.meta.url);

export const MAX_GLYPHS = 4096;
/**
 * The Info /Subject of a PDF drawn to be assembled (a part, a document's contents or furniture): only those draw by
 * glyph id. A document finished whole (a personal letter) keeps pdfkit's subset, numbered as first used.
 */
export const PART_SUBJECT = 'part of an assembled document, drawn by glyph id';
/** The CIDFont's entry with each glyph's characters: [gid <UTF-16BE> gid <UTF-16BE> …]. */
export const UNICODE_KEY = 'CGUnicode';
/** The CIDFont's entry with the glyph id of each glyph of its subset, in the subset's order. */
export const GLYPH_IDS_KEY = 'CGGlyphIds';

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** The characters of a glyph as UTF-16BE code units. */
export function utf16(codePoints: number[]): Buffer {
  const units: number[] = [];
  for (let cp of codePoints) {
    if (cp > 0xffff) {
      cp -= 0x10000;
      units.push(0xd800 | ((cp >>> 10) & 0x3ff), 0xdc00 | (cp & 0x3ff));
    } else units.push(cp);
  }
  const b = Buffer.alloc(units.length * 2);
  units.forEach((u, i) => b.writeUInt16BE(u, 2 * i));
  return b;
}

/** /W for glyph ids with widths: runs of consecutive ids, [first [w w …] first [w …] …]. */
export function widthsArray(widths: Map<number, number>): (number | number[])[] {
  const out: (number | number[])[] = [];
  let run: number[] = [];
  let first = -2;
  let last = -2;
  for (const gid of [...widths.keys()].sort((a, b) => a - b)) {
    if (gid !== last + 1) {
      if (run.length) out.push(first, run);
      run = [];
      first = gid;
    }
    run.push(widths.get(gid)!);
    last = gid;
  }
  if (run.length) out.push(first, run);
  return out;
}

/**
 * A ToUnicode CMap from glyph ids to characters (UTF-16BE, as bytes or in hex), as pdfkit writes one: ranges of
 * consecutive ids with an array of their characters, none crossing a multiple of 256 (a range may differ in its last
 * byte only). A glyph standing for no character (shaping inserts some) maps to <>, which readers take as nothing.
 */
export function toUnicodeCMap(unicode: Map<number, Buffer | string>): string {
  const ranges: string[] = [];
  let run: [number, Buffer | string][] = [];
  const close = () => {
    if (run.length)
      ranges.push(
        `<${hex4(run[0][0])}> <${hex4(run[run.length - 1][0])}> [${run.map(([, u]) => `<${typeof u === 'string' ? u : u.toString('hex')}>`).join(' ')}]`,
      );
    run = [];
  };
  for (const [gid, u] of [...unicode].sort((a, b) => a[0] - b[0])) {
    const prev = run[run.length - 1]?.[0];
    if (prev !== undefined && (gid !== prev + 1 || gid % 256 === 0)) close();
    run.push([gid, u]);
  }
  close();
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100)
    blocks.push(`${Math.min(100, ranges.length - i)} beginbfrange\n${ranges.slice(i, i + 100).join('\n')}\nendbfrange`);
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000><ffff>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

/** A glyph id a subset keeps no outline for. */
const EMPTY_GLYPH: SubsetGlyph = { data: new Uint8Array(0), advance: 0, bearing: 0 };

/** Where a glyph's outline is: a font (a part's subset) and the glyph's index in it. */
export interface GlyphSource {
  font: RawFont;
  index: number;
  /** The glyph id (in the whole font) of an index of this source: its composite glyphs name components by index. */
  gidOf(index: number): number;
}

/**
 * A TrueType subset keeping glyph ids: glyphs 0 … the highest used, each used one (and the components of a composite
 * one) with its outline from `sourceOf`, the others empty. Its tables other than the glyphs' come from `tables`.
 */
export function glyphIdSubset(
  tables: RawFont,
  used: Iterable<number>,
  sourceOf: (gid: number) => GlyphSource | undefined,
): Uint8Array {
  // The closure under composite glyphs' components.
  const keep = new Set<number>();
  const pending = [0, ...used];
  while (pending.length) {
    const gid = pending.pop()!;
    if (keep.has(gid)) continue;
    keep.add(gid);
    const source = sourceOf(gid);
    if (!source) continue;
    const data = source.font.glyph(source.index);
    const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    for (const at of componentSlots(data)) pending.push(source.gidOf(v.getUint16(at)));
  }
  const last = Math.max(...keep);
  const glyphs: SubsetGlyph[] = [];
  for (let gid = 0; gid <= last; gid++) {
    const source = keep.has(gid) ? sourceOf(gid) : undefined;
    if (!source) {
      glyphs.push(EMPTY_GLYPH);
      continue;
    }
    // The glyph's outline as the source has it, its components renamed to glyph ids.
    glyphs.push({
      data: renamedComponents(source.font.glyph(source.index), (index) => source.gidOf(index)),
      ...source.font.metrics(source.index),
    });
  }
  return writeSubset(tables, glyphs);
}

/** Marks what is patched (once per process, on pdfkit's own prototypes: this module keeps nothing). */
const INSTALLED = Symbol.for('competency-guidelines.glyph-id-fonts');

/** Patches pdfkit's EmbeddedFont (found on the first embedded font a document sets) to draw and embed by glyph id. */
export function installGlyphIdFonts(): void {
  const PDFKitDocument = require(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] }));
  if (PDFKitDocument.prototype[INSTALLED]) return;
  PDFKitDocument.prototype[INSTALLED] = true;
  wrap(PDFKitDocument.prototype, 'font', (original, self, args) => {
    const result = original.apply(self, args);
    const font = self._font;
    if (font && font.subset && typeof font.embed === 'function') {
      const proto = Object.getPrototypeOf(font);
      if (!proto[INSTALLED]) {
        proto[INSTALLED] = true;
        patchEmbeddedFont(proto);
      }
    }
    return result;
  });
}

const byGlyphId = (font: Any) =>
  font.document.info?.Subject === PART_SUBJECT && font.subset?.cff == null && font.font.numGlyphs <= MAX_GLYPHS;

function patchEmbeddedFont(proto: Any): void {
  wrap(proto, 'encode', (original, self, args) => {
    if (!byGlyphId(self)) return original.apply(self, args);
    const [text, features] = args;
    const { glyphs, positions } = self.layout(text, features);
    const encoded: string[] = [];
    self.usedGlyphs ??= new Set<number>([0]);
    for (const glyph of glyphs) {
      const gid: number = glyph.id;
      self.usedGlyphs.add(gid);
      encoded.push(hex4(gid));
      if (self.widths[gid] == null) self.widths[gid] = glyph.advanceWidth * self.scale;
      if (self.unicode[gid] == null) self.unicode[gid] = glyph.codePoints;
    }
    return [encoded, positions];
  });
  wrap(proto, 'embed', (original, self, args) => {
    if (!byGlyphId(self)) return original.apply(self, args);
    embedByGlyphId(self);
  });
}

/** The font's bytes read as tables, once per parsed font (fontkit's, which keeps them as `stream.buffer`). */
const RAW = Symbol('raw font');

/** fontkit's subset of the font's `used` glyphs, written from its bytes (ttf-subset.ts) when they can be. */
function subsetOf(font: Any, used: number[]): { file: Uint8Array; glyphIds: number[] } {
  const bytes: unknown = font.stream?.buffer;
  if (bytes instanceof Uint8Array && !font._variationProcessor) {
    const raw: RawFont = (font[RAW] ??= new RawFont(bytes));
    if (raw.copyable) return orderedSubset(raw, used);
  }
  const subset = font.createSubset();
  for (const gid of used) subset.includeGlyph(gid);
  return { file: subset.encode(), glyphIds: subset.glyphs };
}

/**
 * A stream of a part's font that no document copies (its font file, CID map and ToUnicode: a document embeds a subset
 * of its own, shared-fonts.ts), not deflated: deflating them (at level 1: pdfkit's level 6 took 3–4 times as long)
 * cost more than the larger part costs to read, keep and parse.
 */
function partOnly(document: Any, bytes: Uint8Array): Any {
  const ref = document.ref({});
  ref.compress = false;
  ref.end(bytes);
  return ref;
}

/** pdfkit's EmbeddedFont.embed (0.19.1), for CIDs that are glyph ids: /W by glyph id, /CIDToGIDMap, /CGGlyphIds, /CGUnicode. */
function embedByGlyphId(self: Any): void {
  const font = self.font;
  const used: Set<number> = self.usedGlyphs ?? new Set([0]);
  // pdfkit's own subset (glyphs in the order included, components last), mapped from glyph ids by /CIDToGIDMap: the
  // part is a PDF that shows right on its own, and the document's subset takes each outline from it by /CGGlyphIds.
  const { file, glyphIds } = subsetOf(
    font,
    [...used].sort((a, b) => a - b),
  );
  const fontFile = partOnly(self.document, file);
  const cidToGid = Buffer.alloc(2 * (Math.max(...glyphIds) + 1));
  glyphIds.forEach((gid, index) => cidToGid.writeUInt16BE(index, 2 * gid));
  const cidToGidMap = partOnly(self.document, cidToGid);
  const familyClass = ((font['OS/2'] != null ? font['OS/2'].sFamilyClass : undefined) || 0) >> 8;
  let flags = 0;
  if (font.post.isFixedPitch) flags |= 1 << 0;
  if (1 <= familyClass && familyClass <= 7) flags |= 1 << 1;
  flags |= 1 << 2;
  if (familyClass === 10) flags |= 1 << 3;
  if (font.head.macStyle.italic) flags |= 1 << 6;
  const tag = [1, 2, 3, 4, 5, 6].map((i) => String.fromCharCode((self.id.charCodeAt(i) || 73) + 17)).join('');
  const name = tag + '+' + font.postscriptName?.replaceAll(' ', '_');
  const { bbox } = font;
  const descriptor = self.document.ref({
    Type: 'FontDescriptor',
    FontName: name,
    Flags: flags,
    FontBBox: [bbox.minX * self.scale, bbox.minY * self.scale, bbox.maxX * self.scale, bbox.maxY * self.scale],
    ItalicAngle: font.italicAngle,
    Ascent: self.ascender,
    Descent: self.descender,
    CapHeight: (font.capHeight || font.ascent) * self.scale,
    XHeight: (font.xHeight || 0) * self.scale,
    StemV: 0,
    FontFile2: fontFile,
  });
  descriptor.end();
  const widths = new Map<number, number>();
  const unicode = new Map<number, Buffer>();
  self.widths.forEach((w: number | undefined, gid: number) => {
    if (w == null) return;
    widths.set(gid, w);
    if (self.unicode[gid]) unicode.set(gid, utf16(self.unicode[gid]));
  });
  const descendantFont = self.document.ref({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: name,
    CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
    FontDescriptor: descriptor,
    W: widthsArray(widths),
    CIDToGIDMap: cidToGidMap,
    [GLYPH_IDS_KEY]: glyphIds,
    [UNICODE_KEY]: [...unicode].sort((a, b) => a[0] - b[0]).flatMap(([gid, u]) => [gid, u]),
  });
  descendantFont.end();
  const cmap = partOnly(self.document, Buffer.from(toUnicodeCMap(unicode), 'latin1'));
  self.dictionary.data = {
    Type: 'Font',
    Subtype: 'Type0',
    BaseFont: name,
    Encoding: 'Identity-H',
    DescendantFonts: [descendantFont],
    ToUnicode: cmap,
  };
  self.dictionary.end();
}

// Installed when the assembly is loaded, before any part is drawn.
installGlyphIdFonts();
