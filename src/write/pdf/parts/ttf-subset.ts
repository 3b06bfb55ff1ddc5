// TrueType subsets written from the fonts' own bytes, as fontkit's TTFSubset (2.0.4) writes them: the same tables
// in the same order (head, hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm), the same bytes. fontkit decoded every
// glyph's points to learn whether it is composite, read each glyph's metrics through its bounding box, and wrote
// every table through restructure: a fifth of the time a forced build spent on fonts. Here a glyph is copied as it
// is (a composite one with its components renumbered), its metrics read from hmtx, the other tables copied with the
// fields fontkit changes set as it sets them. test/ttf-subset.test.ts checks the bytes against fontkit's for every
// font the writer embeds; a font this cannot read as fontkit would (a table of another size) is left to fontkit.

/** A TrueType font's tables, read from its bytes. */
export class RawFont {
  private readonly tables = new Map<string, Uint8Array>();
  private locaOffsets: Uint32Array | null = null;
  /** hmtx and the number of its full entries (hhea's numberOfHMetrics), read once. */
  private hmtx: { view: DataView; count: number } | null = null;

  constructor(bytes: Uint8Array) {
    const dir = view(bytes);
    const count = dir.getUint16(4);
    for (let i = 0; i < count; i++) {
      const at = 12 + 16 * i;
      const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
      const offset = dir.getUint32(at + 8);
      const length = dir.getUint32(at + 12);
      this.tables.set(tag, bytes.subarray(offset, offset + length));
    }
  }

  table(tag: string): Uint8Array | undefined {
    return this.tables.get(tag);
  }

  /** Whether glyphs can be copied from it as fontkit copies them (glyf, loca; head, hhea and maxp as it reads them). */
  get copyable(): boolean {
    return (
      this.table('glyf') !== undefined &&
      this.table('loca') !== undefined &&
      this.table('hmtx') !== undefined &&
      this.table('head')?.length === HEAD_LENGTH &&
      this.table('hhea')?.length === HHEA_LENGTH &&
      this.table('maxp')?.length === MAXP_LENGTH
    );
  }

  /** 0: loca holds offsets / 2 as uint16; 1: offsets as uint32. */
  get locaFormat(): number {
    return view(this.table('head')!).getInt16(50);
  }

  get numGlyphs(): number {
    return view(this.table('maxp')!).getUint16(4);
  }

  private offsets(): Uint32Array {
    if (this.locaOffsets) return this.locaOffsets;
    const loca = view(this.table('loca')!);
    const short = this.locaFormat === 0;
    const n = (loca.byteLength >> (short ? 1 : 2)) | 0;
    const offsets = new Uint32Array(n);
    for (let i = 0; i < n; i++) offsets[i] = short ? loca.getUint16(2 * i) * 2 : loca.getUint32(4 * i);
    return (this.locaOffsets = offsets);
  }

  /** The glyph's bytes in glyf (empty for a glyph without an outline). */
  glyph(index: number): Uint8Array {
    const offsets = this.offsets();
    const glyf = this.table('glyf')!;
    if (index + 1 >= offsets.length) return glyf.subarray(0, 0);
    return glyf.subarray(offsets[index], offsets[index + 1]);
  }

  /** Advance and left side bearing, as fontkit's Glyph reads them from hmtx. */
  metrics(index: number): { advance: number; bearing: number } {
    this.hmtx ??= { view: view(this.table('hmtx')!), count: view(this.table('hhea')!).getUint16(34) };
    const { view: hmtx, count } = this.hmtx;
    if (index < count) return { advance: hmtx.getUint16(4 * index), bearing: hmtx.getInt16(4 * index + 2) };
    const advance = count > 0 ? hmtx.getUint16(4 * (count - 1)) : 0;
    const at = 4 * count + 2 * (index - count);
    return { advance, bearing: at + 2 <= hmtx.byteLength ? hmtx.getInt16(at) : 0 };
  }
}

const HEAD_LENGTH = 54;
const HHEA_LENGTH = 36;
const MAXP_LENGTH = 32;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** Where a composite glyph names each component's glyph (the byte offset of its index), in order. */
export function componentSlots(glyph: Uint8Array): number[] {
  if (glyph.length < 10) return [];
  const v = view(glyph);
  if (v.getInt16(0) >= 0) return [];
  const slots: number[] = [];
  let at = 10;
  for (;;) {
    const flags = v.getUint16(at);
    slots.push(at + 2);
    at += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) at += 2;
    else if (flags & 0x0040) at += 4;
    else if (flags & 0x0080) at += 8;
    if (!(flags & 0x0020)) return slots;
  }
}

/** A glyph of a subset: its bytes (components already renumbered) and metrics. */
export interface SubsetGlyph {
  data: Uint8Array;
  advance: number;
  bearing: number;
}

/** The subset file: `tables`' other tables, the glyphs in order (glyph 0 first). */
export function writeSubset(tables: RawFont, glyphs: SubsetGlyph[]): Uint8Array {
  const locaFormat = tables.locaFormat;
  let glyfLength = 0;
  for (const g of glyphs) glyfLength += g.data.length;
  const head = copy(tables.table('head')!);
  view(head).setInt16(50, locaFormat);
  // fontkit reads macStyle as seven flags and writes those back.
  view(head).setUint16(44, view(head).getUint16(44) & 0x7f);
  const hhea = copy(tables.table('hhea')!);
  // Reserved: written as zeros.
  hhea.fill(0, 24, 32);
  view(hhea).setUint16(34, glyphs.length);
  const maxp = copy(tables.table('maxp')!);
  view(maxp).setUint16(4, glyphs.length);
  const loca = new Uint8Array((glyphs.length + 1) * (locaFormat === 0 ? 2 : 4));
  const hmtx = new Uint8Array(glyphs.length * 4);
  const glyf = new Uint8Array(glyfLength);
  const locaView = view(loca);
  const hmtxView = view(hmtx);
  let offset = 0;
  for (let i = 0; i <= glyphs.length; i++) {
    if (locaFormat === 0) locaView.setUint16(2 * i, offset >>> 1);
    else locaView.setUint32(4 * i, offset);
    if (i === glyphs.length) break;
    const g = glyphs[i];
    if (g.data.length) glyf.set(g.data, offset);
    offset += g.data.length;
    hmtxView.setUint16(4 * i, g.advance);
    hmtxView.setInt16(4 * i + 2, g.bearing);
  }
  const even = (b: Uint8Array | undefined) => b && b.subarray(0, b.length & ~1);
  const entries: [string, Uint8Array | undefined][] = [
    ['head', head],
    ['hhea', hhea],
    ['loca', loca],
    ['maxp', maxp],
    // int16 values: fontkit reads a whole number of them.
    ['cvt ', even(tables.table('cvt '))],
    ['prep', tables.table('prep')],
    ['glyf', glyf],
    ['hmtx', hmtx],
    ['fpgm', tables.table('fpgm')],
  ];
  const present = entries.filter((e): e is [string, Uint8Array] => e[1] !== undefined);
  const dirLength = 12 + 16 * present.length;
  const out = new Uint8Array(dirLength + present.reduce((n, [, b]) => n + b.length, 0));
  const dir = view(out);
  // As fontkit writes it: the tag 'true', each table's checksum 0, the tables after each other unpadded.
  out.set([0x74, 0x72, 0x75, 0x65], 0);
  const n = present.length;
  const power = 2 ** Math.floor(Math.log2(n));
  dir.setUint16(4, n);
  dir.setUint16(6, power * 16);
  dir.setUint16(8, Math.log2(power));
  dir.setUint16(10, n * 16 - power * 16);
  let at = dirLength;
  present.forEach(([tag, bytes], i) => {
    const e = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[e + k] = tag.charCodeAt(k);
    dir.setUint32(e + 4, 0);
    dir.setUint32(e + 8, at);
    dir.setUint32(e + 12, bytes.length);
    out.set(bytes, at);
    at += bytes.length;
  });
  return out;
}

function copy(b: Uint8Array): Uint8Array {
  return new Uint8Array(b);
}

/** A glyph's bytes with each component's index replaced by `rename(index)`. */
export function renamedComponents(data: Uint8Array, rename: (index: number) => number): Uint8Array {
  const slots = componentSlots(data);
  if (!slots.length) return data;
  const out = copy(data);
  const v = view(out);
  for (const at of slots) v.setUint16(at, rename(v.getUint16(at)));
  return out;
}

/**
 * fontkit's subset of `used` glyph ids: glyph 0, then the glyphs in the order included (the used ones as given, the
 * components of composite ones after them), numbered in that order. Returns the file and the glyph id of each glyph.
 */
export function orderedSubset(font: RawFont, used: Iterable<number>): { file: Uint8Array; glyphIds: number[] } {
  const glyphIds: number[] = [];
  const indexOf = new Map<number, number>();
  const include = (gid: number) => {
    let i = indexOf.get(gid);
    if (i === undefined) {
      indexOf.set(gid, (i = glyphIds.length));
      glyphIds.push(gid);
    }
    return i;
  };
  include(0);
  for (const gid of used) include(gid);
  const glyphs: SubsetGlyph[] = [];
  for (let i = 0; i < glyphIds.length; i++) {
    const gid = glyphIds[i];
    glyphs.push({ data: renamedComponents(font.glyph(gid), include), ...font.metrics(gid) });
  }
  return { file: writeSubset(font, glyphs), glyphIds };
}
