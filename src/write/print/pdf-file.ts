// A PDF file's objects found by its cross-reference table and read one by one as they are needed: the print PDF changes
// the pages of a screen PDF (a few dozen small dictionaries) and takes its other objects (content streams, fonts,
// images, structure elements: thousands) as the bytes they are, never parsed. pdf-lib parses the object syntax; this
// module only finds where each object is.
//
// Only a file with one classic cross-reference table (no update sections, no object streams, no encryption, objects of
// generation 0: what the PDF writer makes, write/pdf/parts/link.ts) is read this way; for any other, `readPdfFile`
// returns null and the caller parses the whole file with pdf-lib.
import { PDFDict, PDFName, PDFObjectParser, PDFRef, type PDFContext, type PDFObject } from '@cantoo/pdf-lib';

export interface PdfFile {
  /** The object numbers in the file, ascending. */
  numbers: number[];
  /** The catalog, and the document information dictionary. */
  root: PDFRef;
  info: PDFRef | undefined;
  /** An object that is not a stream, parsed into the context given to readPdfFile. */
  parse(n: number): PDFObject;
  /** An object's first bytes are these (`[`: an array, not a stream). */
  startsWith(n: number, prefix: string): boolean;
  /** An object's bytes as they are in the file, between `n 0 obj` and `endobj`. */
  body(n: number): Uint8Array;
}

const latin1 = (bytes: Uint8Array, from: number, to: number) => {
  const start = Math.max(0, from);
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, Math.min(to, bytes.length) - start)).toString(
    'latin1',
  );
};

/** The offsets of the objects in a classic cross-reference table at `xref`, and where the table ends; null if not one. */
function crossReferences(bytes: Uint8Array, xref: number): { offsets: Map<number, number>; end: number } | null {
  if (latin1(bytes, xref, xref + 4) !== 'xref') return null;
  const offsets = new Map<number, number>();
  let at = xref + 4;
  // Subsections: a line "first count", then count entries of 20 bytes each ("offset generation n|f" and an end of line).
  for (let m; (m = /^\s*(\d+) (\d+)[ \t]*\r?\n/.exec(latin1(bytes, at, at + 40)));) {
    const [first, count] = [Number(m[1]), Number(m[2])];
    at += m[0].length;
    const table = latin1(bytes, at, at + 20 * count);
    for (let i = 0; i < count; i++) {
      const e = /^(\d{10}) (\d{5}) ([nf])/.exec(table.slice(20 * i, 20 * i + 18));
      if (!e) return null;
      if (e[3] === 'f') continue;
      if (e[2] !== '00000') return null;
      offsets.set(first + i, Number(e[1]));
    }
    at += 20 * count;
  }
  return { offsets, end: at };
}

/** The file's objects, or null when its structure is not the one this reader takes. */
/** The white space skipped after an object's header: the bytes a regular expression's \s matches in Latin-1. */
const WHITE_SPACE = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0]);

export function readPdfFile(bytes: Uint8Array, ctx: PDFContext): PdfFile | null {
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(latin1(bytes, bytes.length - 64, bytes.length));
  if (!start) return null;
  const xref = Number(start[1]);
  const table = crossReferences(bytes, xref);
  if (!table) return null;
  const trailerAt = /^\s*trailer\s*/.exec(latin1(bytes, table.end, table.end + 32));
  if (!trailerAt) return null;
  let trailer: PDFObject;
  try {
    trailer = PDFObjectParser.forBytes(bytes.subarray(table.end + trailerAt[0].length), ctx).parseObject();
  } catch {
    return null;
  }
  if (!(trailer instanceof PDFDict) || trailer.has(PDFName.of('Prev')) || trailer.has(PDFName.of('Encrypt')))
    return null;
  const root = trailer.get(PDFName.of('Root'));
  const info = trailer.get(PDFName.of('Info'));
  if (!(root instanceof PDFRef)) return null;

  const { offsets } = table;
  const numbers = [...offsets.keys()].sort((a, b) => a - b);
  // Each object ends before the next one in the file (the last one before the table).
  const starts = [...offsets.values(), xref].sort((a, b) => a - b);
  const endOf = new Map(starts.slice(0, -1).map((s, i) => [s, starts[i + 1]]));
  /** Where an object's body starts and ends: after its header, before its `endobj`. */
  const span = (n: number): [number, number] => {
    const offset = offsets.get(n);
    if (offset === undefined) throw new Error(`object ${n} is not in the file`);
    // "n 0 obj" and the white space after it (not a regular expression made for each object: a booklet has thousands).
    const head = `${n} 0 obj`;
    if (latin1(bytes, offset, offset + head.length) !== head)
      throw new Error(`object ${n} is not where the cross-reference table says`);
    let body = offset + head.length;
    while (body < bytes.length && WHITE_SPACE.has(bytes[body])) body++;
    const next = endOf.get(offset)!;
    const from = Math.max(offset, next - 32);
    const end = latin1(bytes, from, next).lastIndexOf('endobj');
    if (end < 0) throw new Error(`object ${n} does not end with endobj`);
    let to = from + end;
    while (to > offset && (bytes[to - 1] === 0x0a || bytes[to - 1] === 0x0d || bytes[to - 1] === 0x20)) to--;
    return [body, to];
  };
  return {
    numbers,
    root,
    info: info instanceof PDFRef ? info : undefined,
    parse: (n) => {
      const [from, to] = span(n);
      return PDFObjectParser.forBytes(bytes.subarray(from, to), ctx).parseObject();
    },
    startsWith: (n, prefix) => {
      const [from] = span(n);
      return latin1(bytes, from, from + prefix.length) === prefix;
    },
    body: (n) => {
      const [from, to] = span(n);
      return bytes.subarray(from, to);
    },
  };
}
