// A part's objects compiled once for linking, and a document written by linking them: the way a linker puts object
// files together, not the way pdf-lib copies and saves a document.
//
// pdf-lib parses a part once (kept in memory for a build, or a watch process's saves). Its objects that every document
// takes as they are (content streams, fonts, images, structure elements) are serialized once, here, into bytes with
// holes where their references go. A document gives each part a range of object numbers; writing it fills the holes
// with the part's numbers and writes the bytes. Only what a document changes is made per document, as pdf-lib objects:
// the pages (their parent, gutter, furniture, structure keys), their annotations (moved with the gutter), the part's
// top bookmarks (linked to their neighbours), and the document's own objects (catalog, structure tree root, outline,
// names, form, metadata). The file is written here from both (writeFile), with its cross-reference table.
import {
  PDFArray,
  PDFDict,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFDocument,
  type PDFObject,
} from '@cantoo/pdf-lib';

/** An object's bytes with holes for references: bytes[0], ref[0], bytes[1], …, bytes[n]. */
export interface Compiled {
  bytes: Uint8Array[];
  refs: PDFRef[];
}

// PDF syntax is bytes; pdf-lib's strings hold one byte per character.
export const latin1 = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** PDF's delimiters: no space is needed next to one. */
const DELIMITER = /[()<>[\]{}/%\s]/;

class Compiler {
  private text = '';
  private readonly bytes: Uint8Array[] = [];
  private readonly refs: PDFRef[] = [];
  /** The last character written: a token of regular characters after a regular one needs a space between. */
  private last = ' ';

  private token(t: string): void {
    // Between regular characters a space is needed; before a name one is kept for the reader ("/Subtype /Image").
    if ((t[0] === '/' || !DELIMITER.test(t[0])) && !DELIMITER.test(this.last)) this.text += ' ';
    this.text += t;
    this.last = t[t.length - 1];
  }

  write(obj: PDFObject): this {
    if (obj instanceof PDFRef) {
      // "n 0 R", written when linked: starts and ends with a regular character.
      if (!DELIMITER.test(this.last)) this.text += ' ';
      this.cut();
      this.refs.push(obj);
      this.last = 'R';
    } else if (obj instanceof PDFDict) {
      this.token('<<');
      for (const [key, value] of obj.entries()) {
        this.token(key.toString());
        this.write(value);
      }
      this.token('>>');
    } else if (obj instanceof PDFArray) {
      this.token('[');
      for (let i = 0; i < obj.size(); i++) this.write(obj.get(i));
      this.token(']');
    } else if (obj instanceof PDFStream) {
      // A parsed stream is written as it was read, one made here as pdf-lib encodes it; either with its length.
      (obj as unknown as { updateDict(): void }).updateDict();
      this.write(obj.dict);
      this.text += '\nstream\n';
      this.flush();
      this.bytes.push(obj.getContents());
      this.text += '\nendstream';
      this.last = 'm';
    } else {
      this.token(obj.toString());
    }
    return this;
  }

  private flush(): void {
    if (this.text) this.bytes.push(latin1(this.text));
    this.text = '';
  }

  /** Closes the bytes before a hole. */
  private cut(): void {
    this.flush();
    this.bytes.push(SEPARATOR);
  }

  done(): Compiled {
    this.flush();
    // Regroup: the byte runs between holes, each joined into one array.
    const bytes: Uint8Array[] = [];
    let run: Uint8Array[] = [];
    for (const b of this.bytes) {
      if (b === SEPARATOR) {
        bytes.push(join(run));
        run = [];
      } else run.push(b);
    }
    bytes.push(join(run));
    return { bytes, refs: this.refs };
  }
}

const SEPARATOR = new Uint8Array(0);

function join(runs: Uint8Array[]): Uint8Array {
  if (runs.length === 1) return runs[0];
  const joined = Buffer.concat(runs);
  return new Uint8Array(joined.buffer, joined.byteOffset, joined.length);
}

export function compile(obj: PDFObject): Compiled {
  return new Compiler().write(obj).done();
}

/** Where a reference of a part goes in the document: its object number there. */
export type Relocation = (ref: PDFRef) => number;

/**
 * A part ready to be linked: its objects numbered 1… in the order of their numbers in the part, the objects every
 * document takes as they are compiled, and the ones a document makes its own (`own`: pages, annotations, top bookmarks)
 * left to it.
 */
export interface Linkable {
  /** The part's object numbers, in order: the document numbers them base + 1, base + 2, … */
  numbered: number[];
  /** Compiled objects, by the part's object number. */
  compiled: Map<number, Compiled>;
}

/**
 * Compiles the objects reachable from `seeds` (values in the part: a page's entries, a structure element, a
 * destination), not following `stop` (the part's catalog, page tree, structure tree root: the document has its own)
 * and not compiling `own`, which each document makes its own. Objects nothing reaches are left out.
 */
export function linkable(pdf: PDFDocument, seeds: PDFObject[], own: Set<PDFRef>, stop: Set<PDFRef>): Linkable {
  const ctx = pdf.context;
  const reached = new Set<number>();
  const pending: PDFObject[] = [...seeds];
  const visit = (obj: PDFObject | undefined) => {
    if (obj instanceof PDFRef) {
      if (stop.has(obj) || reached.has(obj.objectNumber)) return;
      reached.add(obj.objectNumber);
      pending.push(ctx.lookup(obj) as PDFObject);
    } else if (obj instanceof PDFDict) {
      for (const [, v] of obj.entries()) visit(v);
    } else if (obj instanceof PDFArray) {
      for (let i = 0; i < obj.size(); i++) visit(obj.get(i));
    } else if (obj instanceof PDFStream) {
      visit(obj.dict);
    }
  };
  for (const ref of own) if (!stop.has(ref)) reached.add(ref.objectNumber);
  while (pending.length) visit(pending.pop());
  const numbered = [...reached].sort((a, b) => a - b);
  const ownNumbers = new Set([...own].map((r) => r.objectNumber));
  const compiled = new Map<number, Compiled>();
  for (const n of numbered) if (!ownNumbers.has(n)) compiled.set(n, compile(ctx.lookup(PDFRef.of(n)) as PDFObject));
  return { numbered, compiled };
}

/** The bytes a linkable part holds in memory, about (what the parts kept in memory are bounded by). */
export function linkableBytes(part: Linkable): number {
  let bytes = 16 * part.numbered.length;
  for (const c of part.compiled.values()) bytes += compiledBytes(c);
  return bytes;
}

/** The bytes a compiled object holds, about: its byte runs (each an array of its own) and its references. */
export function compiledBytes(c: Compiled): number {
  let bytes = 64 + 8 * c.refs.length;
  for (const b of c.bytes) bytes += 96 + b.length;
  return bytes;
}

/**
 * A copy of a part's object that holds nothing of the parsed part (pdf-lib's dictionaries and arrays keep their whole
 * document alive): direct values copied, references kept as references, into `ctx` (a small context of its own).
 */
export function detached<T extends PDFObject>(obj: T, ctx: PDFContext): T {
  if (obj instanceof PDFDict) {
    const out = ctx.obj({});
    for (const [k, v] of obj.entries()) out.set(k, detached(v, ctx));
    return out as unknown as T;
  }
  if (obj instanceof PDFArray) {
    const out = ctx.obj([]);
    for (let i = 0; i < obj.size(); i++) out.push(detached(obj.get(i), ctx));
    return out as unknown as T;
  }
  if (obj instanceof PDFStream) throw new Error('a part keeps a stream inside an object a document makes its own');
  return obj;
}

/** A part's object numbers in a document: base + its place in the part; `outside` maps what the document gives it. */
export function relocation(part: Linkable, base: number, outside: Map<PDFRef, number>): Relocation {
  const place = new Map(part.numbered.map((n, i) => [n, base + i + 1]));
  return (ref) => {
    const n = place.get(ref.objectNumber) ?? outside.get(ref);
    if (n === undefined) throw new Error(`a part refers to its object ${ref.toString()}, which no document takes`);
    return n;
  };
}

/** A copy of a part's object with its references relocated: the document's own version of a page or annotation. */
export function relocated<T extends PDFObject>(obj: T, move: Relocation, ctx: PDFContext, without: string[] = []): T {
  if (obj instanceof PDFRef) return PDFRef.of(move(obj)) as unknown as T;
  if (obj instanceof PDFDict) {
    const out = ctx.obj({});
    for (const [k, v] of obj.entries()) if (!without.includes(k.decodeText())) out.set(k, relocated(v, move, ctx));
    return out as unknown as T;
  }
  if (obj instanceof PDFArray) {
    const out = ctx.obj([]);
    for (let i = 0; i < obj.size(); i++) out.push(relocated(obj.get(i), move, ctx));
    return out as unknown as T;
  }
  return obj;
}

/** What goes into one indirect object of the file: bytes and compiled pieces, each with its relocation. */
export type Body = (Uint8Array | { compiled: Compiled; move: Relocation })[];

/** Writes the file: the document's objects made with pdf-lib (in `ctx`) and the ones linked from parts (`linked`). */
export function writeFile(ctx: PDFContext, linked: Map<number, Body>): Uint8Array {
  const bodies = new Map<number, Body>(linked);
  const identity: Relocation = (ref) => ref.objectNumber;
  for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
    if (bodies.has(ref.objectNumber)) throw new Error(`object ${ref.objectNumber} written twice`);
    bodies.set(ref.objectNumber, [{ compiled: compile(obj), move: identity }]);
  }
  const numbers = [...bodies.keys()].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [latin1('%PDF-1.7\n%\x81\x81\x81\x81\n\n')];
  let size = chunks[0].length;
  const push = (b: Uint8Array) => {
    chunks.push(b);
    size += b.length;
  };
  const offsets = new Map<number, number>();
  for (const n of numbers) {
    offsets.set(n, size);
    push(latin1(`${n} 0 obj\n`));
    for (const piece of bodies.get(n)!) {
      if (piece instanceof Uint8Array) {
        push(piece);
        continue;
      }
      const { compiled, move } = piece;
      push(compiled.bytes[0]);
      for (let i = 0; i < compiled.refs.length; i++) {
        push(latin1(`${move(compiled.refs[i])} 0 R`));
        push(compiled.bytes[i + 1]);
      }
    }
    push(latin1('\nendobj\n'));
  }
  // The cross-reference table: every number from 1 to the last is an object (a gap would be a numbering mistake).
  const xref = size;
  const last = numbers[numbers.length - 1];
  if (numbers.length !== last) throw new Error(`objects numbered with gaps: ${numbers.length} objects up to ${last}`);
  let table = `xref\n0 ${last + 1}\n0000000000 65535 f \n`;
  for (const n of numbers) table += `${String(offsets.get(n)).padStart(10, '0')} 00000 n \n`;
  const trailer = compile(
    ctx.obj({
      Size: last + 1,
      Root: ctx.trailerInfo.Root,
      ...(ctx.trailerInfo.Info ? { Info: ctx.trailerInfo.Info } : {}),
    }) as PDFDict,
  );
  const trailerBytes: Uint8Array[] = [trailer.bytes[0]];
  trailer.refs.forEach((r, i) => trailerBytes.push(latin1(`${r.objectNumber} 0 R`), trailer.bytes[i + 1]));
  push(latin1(table + 'trailer\n'));
  for (const b of trailerBytes) push(b);
  push(latin1(`\nstartxref\n${xref}\n%%EOF`));
  return join(chunks);
}
