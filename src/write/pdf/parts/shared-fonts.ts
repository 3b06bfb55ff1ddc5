// One subset per font per document: the parts draw text by glyph id (glyph-fonts.ts), so a document assembled from
// them embeds each font once, with the glyphs any of its parts uses, their widths and their characters (ToUnicode).
// The outlines come from the parts' own subsets (each keeps glyph ids), so nothing outside the parts is read.
import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFDocument,
} from '@cantoo/pdf-lib';
import type { KeptStore } from '../../context.js';
import { sha256 } from '../../../util/hash.js';
import { detached } from './link.js';
import { RawFont } from './ttf-subset.js';
import {
  GLYPH_IDS_KEY,
  glyphIdSubset,
  toUnicodeCMap,
  UNICODE_KEY,
  widthsArray,
  type GlyphSource,
} from './glyph-fonts.js';

/** A font a part draws by glyph id: what the document's one subset of it takes from this part. */
export interface PartFont {
  /** The part's Type0 font (its resources name it; the document points it at its own). */
  ref: PDFRef;
  /** The font's PostScript name (the BaseFont after the subset tag). */
  name: string;
  widths: Map<number, number>;
  /** Each glyph's characters, as UTF-16BE in hex. */
  unicode: Map<number, string>;
  /** The part's font descriptor, but its font file (held apart from the parsed part). */
  descriptor: PDFDict;
  /** The part's subset (its font file decoded): parsed by a document that builds a subset from it. */
  fontFile(): Uint8Array;
  /** The glyph id of each glyph of the part's subset, in its order. */
  glyphIds: number[];
  /** Its index in the part's subset, by glyph id. */
  indexOf: Map<number, number>;
  /** The bytes it holds in memory, about. */
  bytes: number;
}

/** A hex string's bytes in lowercase hex (as the string is written, when it is plain pairs of digits). */
function hexOf(s: PDFHexString): string {
  const hex = s.asString();
  return /^([0-9a-fA-F]{2})*$/.test(hex) ? hex.toLowerCase() : Buffer.from(s.asBytes()).toString('hex');
}

/** The font file of a part's subset, decoded: with zlib when deflated (as pdfkit writes it), else by pdf-lib. */
function decodedFontFile(stream: PDFRawStream): () => Uint8Array {
  const filter = stream.dict.get(name('Filter'));
  const contents = stream.getContents();
  if (filter === name('FlateDecode') && !stream.dict.has(name('DecodeParms'))) return () => inflateSync(contents);
  const decoded = decodePDFRawStream(stream).decode();
  return () => decoded;
}

const name = (s: string) => PDFName.of(s);

/** The fonts drawn by glyph id among those the given resource dictionaries name. */
export function partFonts(pdf: PDFDocument, resources: (PDFDict | undefined)[]): PartFont[] {
  const ctx = pdf.context;
  const spare = PDFContext.create();
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
      const unicode = new Map<number, string>();
      for (let i = 0; i + 1 < chars.size(); i += 2)
        unicode.set(chars.lookup(i, PDFNumber).asNumber(), hexOf(chars.lookup(i + 1, PDFHexString)));
      const partDescriptor = cid.lookup(name('FontDescriptor'), PDFDict);
      const descriptor = spare.obj({});
      for (const [k, v] of partDescriptor.entries()) if (k !== name('FontFile2')) descriptor.set(k, detached(v, spare));
      const file = partDescriptor.lookup(name('FontFile2')) as PDFRawStream;
      const ids = cid.lookup(name(GLYPH_IDS_KEY), PDFArray);
      const glyphIds = Array.from({ length: ids.size() }, (_, i) => ids.lookup(i, PDFNumber).asNumber());
      const baseFont = (type0.get(name('BaseFont')) as PDFName).decodeText();
      found.set(ref, {
        ref,
        name: baseFont.replace(/^[A-Z]{6}\+/, ''),
        widths,
        unicode,
        descriptor,
        fontFile: decodedFontFile(file),
        glyphIds,
        indexOf: new Map(glyphIds.map((gid, i) => [gid, i])),
        bytes: file.getContentsSize() + 64 * widths.size + 64 * unicode.size + 48 * glyphIds.length + 1000,
      });
    }
  }
  return [...found.values()];
}

/** A font subset made for a document: its file deflated, and its length before. */
export interface KeptSubset {
  file: Uint8Array;
  length: number;
}

/** A subset's key in the store. */
const subsetKey = (key: string) => `subset:${sha256(key)}`;

/** The subsets a run keeps, in bytes (a booklet's are about 250 kB). */
const SUBSET_BYTES = 16 * 1024 * 1024;

/** Lets go of the least recently used subsets beyond `budget` bytes. */
function keepWithin(subsets: Map<string, KeptSubset>, budget: number): void {
  let total = 0;
  for (const s of subsets.values()) total += s.file.length + 200;
  for (const [key, s] of subsets) {
    if (total <= budget || subsets.size <= 1) break;
    total -= s.file.length + 200;
    subsets.delete(key);
  }
}

/** The document's fonts: one Type0 font per font name, made when the parts that use it are all known. */
export class DocumentFonts {
  private readonly byName = new Map<string, { ref: PDFRef; parts: PartFont[] }>();

  /**
   * `subsets`: those made before in the run (a map the run keeps, least recently used first), reused and added to.
   * `store`: the run's store, which keeps them for the run's other threads and the builds after it.
   */
  constructor(
    private readonly ctx: PDFContext,
    private readonly subsets: Map<string, KeptSubset> = new Map(),
    private readonly store: KeptStore | null = null,
  ) {}

  /** A subset in the store: its length before deflating (4 bytes), then its file deflated. */
  private stored(key: string): KeptSubset | null {
    const bytes = this.store?.get(subsetKey(key));
    if (!bytes || bytes.length < 4) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
    return { length: view.getUint32(0), file: bytes.subarray(4) };
  }

  private keep(key: string, subset: KeptSubset): void {
    if (!this.store) return;
    const bytes = new Uint8Array(4 + subset.file.length);
    new DataView(bytes.buffer).setUint32(0, subset.length);
    bytes.set(subset.file, 4);
    this.store.put(subsetKey(key), bytes);
  }

  /** How many subsets this document took from `subsets`, and made. */
  readonly counts = { reused: 0, made: 0 };

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
    // Each part's subset parsed once for this document (not kept with the part, which would hold it for the run).
    const programs = new Map<PartFont, RawFont>();
    const program = (p: PartFont) => {
      let font = programs.get(p);
      if (!font) programs.set(p, (font = new RawFont(p.fontFile())));
      return font;
    };
    for (const [fontName, { ref, parts }] of this.byName) {
      const widths = new Map<number, number>();
      const unicode = new Map<number, string>();
      for (const p of parts) {
        for (const [gid, w] of p.widths) if (!widths.has(gid)) widths.set(gid, w);
        for (const [gid, u] of p.unicode) if (!unicode.has(gid)) unicode.set(gid, u);
      }
      const sourceOf = (gid: number): GlyphSource | undefined => {
        const p = parts.find((f) => f.indexOf.has(gid));
        return p && { font: program(p), index: p.indexOf.get(gid)!, gidOf: (index) => p.glyphIds[index] };
      };
      const gids = [...widths.keys()].sort((a, b) => a - b);
      // A subset depends only on the font and its glyphs: every part's subset keeps the glyph ids, outlines and
      // tables of the one font file.
      const key = `${fontName}\0${gids.join(',')}`;
      let kept = this.subsets.get(key) ?? this.stored(key);
      if (kept) {
        this.counts.reused++;
        this.subsets.delete(key);
      } else {
        this.counts.made++;
        const subset = glyphIdSubset(program(parts[0]), gids, sourceOf);
        kept = { file: deflateSync(subset), length: subset.length };
        this.keep(key, kept);
      }
      this.subsets.set(key, kept);
      keepWithin(this.subsets, SUBSET_BYTES);
      const digest = createHash('sha256').update(fontName).update(gids.join(',')).digest();
      const tag = [...digest.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
      const baseFont = `${tag}+${fontName}`;
      const descriptor = ctx.obj({});
      for (const [k, v] of parts[0].descriptor.entries()) if (k !== name('FontFile2')) descriptor.set(k, v);
      descriptor.set(name('FontName'), name(baseFont));
      descriptor.set(
        name('FontFile2'),
        ctx.register(ctx.stream(kept.file, { Filter: 'FlateDecode', Length1: kept.length })),
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
