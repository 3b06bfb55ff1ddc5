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
  type PDFName,
  type PDFDocument,
  type PDFObject,
} from '@cantoo/pdf-lib';
import '../../../pdf/fast-objects.js'; // pdf-lib's names, numbers and references made cheaper (once per thread)

/**
 * Objects compiled back to back into one array of bytes, with holes where their references go: object i is
 * data[start[i] … start[i + 1]), its holes are holeAt[h] (a place in data) for h from firstHole[i] to
 * firstHole[i + 1] - 1, each filled with the relocated number of the object holeRef[h]. A part's thousands of small
 * objects are a few arrays, not thousands of them.
 */
export class Compiled {
  constructor(
    readonly data: Uint8Array,
    readonly start: Int32Array,
    readonly firstHole: Int32Array,
    readonly holeAt: Int32Array,
    readonly holeRef: Int32Array,
  ) {}

  get count(): number {
    return this.start.length - 1;
  }

  /** The bytes it holds. */
  get size(): number {
    return 200 + this.data.length + 4 * (this.start.length + this.firstHole.length + 2 * this.holeAt.length);
  }
}

/** One object of a compiled set, and where its references go in the document. */
export interface Piece {
  set: Compiled;
  index: number;
  move: Relocation;
}

/** A dictionary's entries, in order, without the array pdf-lib's entries() copies them into on each call. */
export const entriesOf = (dict: PDFDict): Map<PDFName, PDFObject> =>
  (dict as unknown as { dict: Map<PDFName, PDFObject> }).dict;

/** An array's items, without a copy. */
export const itemsOf = (array: PDFArray): readonly PDFObject[] => (array as unknown as { array: PDFObject[] }).array;

// PDF syntax is bytes; pdf-lib's strings hold one byte per character.
export const latin1 = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** PDF's delimiters: no space is needed next to one. */
const DELIMITER = /[()<>[\]{}/%\s]/;

/** Compiles objects one after another into one Compiled. */
class Compiler {
  private readonly chunks: (string | Uint8Array)[] = [];
  private text = '';
  /** Bytes in `chunks`. */
  private length = 0;
  private readonly starts: number[] = [];
  private readonly firstHoles: number[] = [];
  private readonly holeAt: number[] = [];
  private readonly holeRef: number[] = [];
  /** The last character written: a token of regular characters after a regular one needs a space between. */
  private last = ' ';

  private get at(): number {
    return this.length + this.text.length;
  }

  private token(t: string): void {
    // Between regular characters a space is needed; before a name one is kept for the reader ("/Subtype /Image").
    if ((t[0] === '/' || !DELIMITER.test(t[0])) && !DELIMITER.test(this.last)) this.text += ' ';
    this.text += t;
    this.last = t[t.length - 1];
  }

  /** The next object. */
  add(obj: PDFObject): this {
    this.starts.push(this.at);
    this.firstHoles.push(this.holeAt.length);
    this.last = ' ';
    this.write(obj);
    return this;
  }

  private write(obj: PDFObject): void {
    if (obj instanceof PDFRef) {
      // "n 0 R", written when linked: starts and ends with a regular character.
      if (!DELIMITER.test(this.last)) this.text += ' ';
      this.holeAt.push(this.at);
      this.holeRef.push(obj.objectNumber);
      this.last = 'R';
    } else if (obj instanceof PDFDict) {
      this.token('<<');
      for (const [key, value] of entriesOf(obj)) {
        this.token(key.toString());
        this.write(value);
      }
      this.token('>>');
    } else if (obj instanceof PDFArray) {
      this.token('[');
      for (const item of itemsOf(obj)) this.write(item);
      this.token(']');
    } else if (obj instanceof PDFStream) {
      // A parsed stream is written as it was read, one made here as pdf-lib encodes it; either with its length.
      (obj as unknown as { updateDict(): void }).updateDict();
      this.write(obj.dict);
      this.text += '\nstream\n';
      this.flush();
      const contents = obj.getContents();
      this.chunks.push(contents);
      this.length += contents.length;
      this.text += '\nendstream';
      this.last = 'm';
    } else {
      this.token(obj.toString());
    }
  }

  private flush(): void {
    if (!this.text) return;
    this.chunks.push(this.text);
    this.length += this.text.length;
    this.text = '';
  }

  done(): Compiled {
    this.flush();
    this.starts.push(this.length);
    this.firstHoles.push(this.holeAt.length);
    const data = new Uint8Array(this.length);
    const view = Buffer.from(data.buffer, data.byteOffset, data.length);
    let at = 0;
    for (const c of this.chunks) {
      if (typeof c === 'string') at += view.write(c, at, 'latin1');
      else {
        data.set(c, at);
        at += c.length;
      }
    }
    return new Compiled(
      data,
      Int32Array.from(this.starts),
      Int32Array.from(this.firstHoles),
      Int32Array.from(this.holeAt),
      Int32Array.from(this.holeRef),
    );
  }
}

/** Objects compiled into one set, in order. */
export function compileAll(objects: Iterable<PDFObject>): Compiled {
  const compiler = new Compiler();
  for (const obj of objects) compiler.add(obj);
  return compiler.done();
}

/** One object, compiled. */
export function compile(obj: PDFObject): Compiled {
  return new Compiler().add(obj).done();
}

/** Where a reference of a part goes in the document: its object number there, by its number in the part. */
export type Relocation = (objectNumber: number) => number;

const IDENTITY: Relocation = (n) => n;

/**
 * A part ready to be linked: its objects numbered 1… in the order of their numbers in the part, the objects every
 * document takes as they are compiled, and the ones a document makes its own (`own`: pages, annotations, top bookmarks)
 * left to it.
 */
export interface Linkable {
  /** The part's object numbers, in order: the document numbers them base + 1, base + 2, … */
  numbered: number[];
  /** By the part's object number: its index in `numbered`, or -1. */
  place: Int32Array;
  /** The compiled objects, in the order of their numbers in the part. */
  compiled: Compiled;
  /** The part's object number of each compiled object. */
  compiledNumbers: Int32Array;
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
      for (const v of entriesOf(obj).values()) visit(v);
    } else if (obj instanceof PDFArray) {
      for (const v of itemsOf(obj)) visit(v);
    } else if (obj instanceof PDFStream) {
      visit(obj.dict);
    }
  };
  for (const ref of own) if (!stop.has(ref)) reached.add(ref.objectNumber);
  while (pending.length) visit(pending.pop());
  const numbered = [...reached].sort((a, b) => a - b);
  const ownNumbers = new Set([...own].map((r) => r.objectNumber));
  const place = new Int32Array((numbered[numbered.length - 1] ?? 0) + 1).fill(-1);
  numbered.forEach((n, i) => (place[n] = i));
  const compiledNumbers = Int32Array.from(numbered.filter((n) => !ownNumbers.has(n)));
  const compiled = compileAll([...compiledNumbers].map((n) => ctx.lookup(PDFRef.of(n)) as PDFObject));
  return { numbered, place, compiled, compiledNumbers };
}

/** The bytes a linkable part holds in memory, about (what the parts kept in memory are bounded by). */
export function linkableBytes(part: Linkable): number {
  return 8 * part.numbered.length + part.place.byteLength + part.compiledNumbers.byteLength + part.compiled.size;
}

/**
 * A copy of a part's object that holds nothing of the parsed part (pdf-lib's dictionaries and arrays keep their whole
 * document alive): direct values copied, references kept as references, into `ctx` (a small context of its own).
 */
export function detached<T extends PDFObject>(obj: T, ctx: PDFContext): T {
  if (obj instanceof PDFDict) {
    const out = ctx.obj({});
    for (const [k, v] of entriesOf(obj)) out.set(k, detached(v, ctx));
    return out as unknown as T;
  }
  if (obj instanceof PDFArray) {
    const out = ctx.obj([]);
    for (const v of itemsOf(obj)) out.push(detached(v, ctx));
    return out as unknown as T;
  }
  if (obj instanceof PDFStream) throw new Error('a part keeps a stream inside an object a document makes its own');
  return obj;
}

/** The bytes a pdf-lib object holds, about: each dictionary or array some hundreds (its map, its context), each value a few dozen. */
export function heldBytes(obj: PDFObject): number {
  if (obj instanceof PDFDict) {
    let n = 400;
    for (const v of entriesOf(obj).values()) n += 32 + heldBytes(v);
    return n;
  }
  if (obj instanceof PDFArray) {
    let n = 300;
    for (const v of itemsOf(obj)) n += 16 + heldBytes(v);
    return n;
  }
  return 32;
}

/** A part's object numbers in a document: base + its place in the part; `outside` maps what the document gives it. */
export function relocation(part: Linkable, base: number, outside: Map<number, number>): Relocation {
  const { place } = part;
  return (n) => {
    const i = n < place.length ? place[n] : -1;
    if (i >= 0) return base + i + 1;
    const there = outside.get(n);
    if (there === undefined) throw new Error(`a part refers to its object ${n} 0 R, which no document takes`);
    return there;
  };
}

/** A copy of a part's object with its references relocated: the document's own version of a page or annotation. */
export function relocated<T extends PDFObject>(obj: T, move: Relocation, ctx: PDFContext, without: PDFName[] = []): T {
  if (obj instanceof PDFRef) return PDFRef.of(move(obj.objectNumber)) as unknown as T;
  if (obj instanceof PDFDict) {
    const out = ctx.obj({});
    for (const [k, v] of entriesOf(obj)) if (!without.includes(k)) out.set(k, relocated(v, move, ctx));
    return out as unknown as T;
  }
  if (obj instanceof PDFArray) {
    const out = ctx.obj([]);
    for (const v of itemsOf(obj)) out.push(relocated(v, move, ctx));
    return out as unknown as T;
  }
  return obj;
}

/** What goes into one indirect object of the file: bytes and compiled objects, each with its relocation. */
export type Body = (Uint8Array | Piece)[];

/** The file's bytes, written into one growing array. */
class Output {
  private buf = Buffer.allocUnsafeSlow(1 << 20);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafeSlow(Math.max(2 * this.buf.length, this.length + n));
    this.buf.copy(bigger, 0, 0, this.length);
    this.buf = bigger;
  }

  bytes(b: Uint8Array, from = 0, to = b.length): void {
    this.room(to - from);
    this.buf.set(from === 0 && to === b.length ? b : b.subarray(from, to), this.length);
    this.length += to - from;
  }

  text(s: string): void {
    this.room(s.length);
    this.length += this.buf.write(s, this.length, 'latin1');
  }

  piece({ set, index, move }: Piece): void {
    let at = set.start[index];
    for (let h = set.firstHole[index]; h < set.firstHole[index + 1]; h++) {
      this.bytes(set.data, at, set.holeAt[h]);
      this.text(`${move(set.holeRef[h])} 0 R`);
      at = set.holeAt[h];
    }
    this.bytes(set.data, at, set.start[index + 1]);
  }

  done(): Uint8Array {
    return new Uint8Array(this.buf.subarray(0, this.length));
  }
}

/** What a document links: objects by number, and parts' compiled objects by the numbers the document gives them. */
export class Linked {
  readonly bodies = new Map<number, Body>();
  readonly sets: { set: Compiled; move: Relocation; numbers: Int32Array }[] = [];

  set(n: number, body: Body): void {
    this.bodies.set(n, body);
  }

  /** Every object of `set`, the i-th numbered numbers[i] in the document. */
  addSet(set: Compiled, move: Relocation, numbers: Int32Array): void {
    this.sets.push({ set, move, numbers });
  }
}

/** Writes the file: the document's objects made with pdf-lib (in `ctx`) and the ones linked from parts (`linked`). */
export function writeFile(ctx: PDFContext, linked: Linked | Map<number, Body>): Uint8Array {
  if (!(linked instanceof Linked)) {
    const bodies = linked;
    linked = new Linked();
    for (const [n, body] of bodies) linked.set(n, body);
  }
  const made = ctx.enumerateIndirectObjects();
  const compiled = compileAll(made.map(([, obj]) => obj));
  let last = 0;
  for (const n of linked.bodies.keys()) last = Math.max(last, n);
  for (const { numbers } of linked.sets) for (const n of numbers) last = Math.max(last, n);
  for (const [ref] of made) last = Math.max(last, ref.objectNumber);
  // Each number's object: a body, or the index of a compiled set (and of the object in it).
  const bodies: (Body | undefined)[] = new Array(last + 1);
  const setOf = new Int32Array(last + 1).fill(-1);
  const indexOf = new Int32Array(last + 1);
  const taken = (n: number) => {
    if (bodies[n] || setOf[n] >= 0) throw new Error(`object ${n} written twice`);
  };
  for (const [n, body] of linked.bodies) {
    taken(n);
    bodies[n] = body;
  }
  linked.sets.forEach(({ numbers }, s) =>
    numbers.forEach((n, i) => {
      taken(n);
      setOf[n] = s;
      indexOf[n] = i;
    }),
  );
  made.forEach(([ref], index) => {
    taken(ref.objectNumber);
    bodies[ref.objectNumber] = [{ set: compiled, index, move: IDENTITY }];
  });
  const out = new Output();
  out.text('%PDF-1.7\n%\x81\x81\x81\x81\n\n');
  // The cross-reference table: every number from 1 to the last is an object (a gap would be a numbering mistake).
  let table = `xref\n0 ${last + 1}\n0000000000 65535 f \n`;
  for (let n = 1; n <= last; n++) {
    const body = bodies[n];
    if (!body && setOf[n] < 0) throw new Error(`objects numbered with gaps: object ${n} missing, up to ${last}`);
    table += `${String(out.length).padStart(10, '0')} 00000 n \n`;
    out.text(`${n} 0 obj\n`);
    if (body) {
      for (const piece of body) {
        if (piece instanceof Uint8Array) out.bytes(piece);
        else out.piece(piece);
      }
    } else {
      const { set, move } = linked.sets[setOf[n]];
      out.piece({ set, index: indexOf[n], move });
    }
    out.text('\nendobj\n');
  }
  const xref = out.length;
  out.text(table + 'trailer\n');
  const trailer = compile(
    ctx.obj({
      Size: last + 1,
      Root: ctx.trailerInfo.Root,
      ...(ctx.trailerInfo.Info ? { Info: ctx.trailerInfo.Info } : {}),
    }) as PDFDict,
  );
  out.piece({ set: trailer, index: 0, move: IDENTITY });
  out.text(`\nstartxref\n${xref}\n%%EOF`);
  return out.done();
}
