// What one run (a build, a watch process's rebuild, a mail merge) gives every writer. A writer keeps nothing between
// calls in its module: whatever outlives one document (kept parts, fitted sizes, the trace) is here, created by
// pipeline/context.ts for the run and passed down, so two renders in one thread share nothing they do not share here.
// What belongs to one document only (the PDF's tag session, the layout guard's findings) travels with that document's
// own pdfmake run (write/pdf/pdfmake-run.ts), never in a module.
//
// Every writer has one signature: `write(doc, ctx[, what it needs besides the tree]) → bytes` (pandoc's `writeDocx ::
// WriterOptions -> Pandoc -> m ByteString`, Typst's `pdf(&document, &options)`).

/** Bytes kept under a content address: the same key always means the same bytes. */
export interface KeptStore {
  get(key: string): Uint8Array | null;
  put(key: string, bytes: Uint8Array): void;
}

/** Parts of PDF documents laid out in this run (write/pdf/parts/assemble.ts), kept parsed in memory. */
export interface PartMemory {
  /** Parsed parts by key, least recently used first (the value is assemble.ts's LoadedPart). */
  loaded: Map<string, Promise<unknown>>;
  /** The bytes each part in `loaded` holds, about, once read (the parts kept are bounded by their bytes). */
  held: Map<string, number>;
  /** Font subsets made for documents in this run, deflated, by font and glyphs (write/pdf/parts/shared-fonts.ts). */
  subsets: Map<string, { file: Uint8Array; length: number }>;
  /** Pages of a contents, by its entries. */
  contentsLength: Map<string, number>;
  /** Pages of the contents laid out, by their title and page size, then by their number of entries (for a guess). */
  contentsByCount: Map<string, Map<number, number>>;
  /**
   * What only one document uses (a contents, a furniture), the few made or read last, least recently used first: a
   * contents with the same entries (the same packet in another edition, a second layout that found the same pages)
   * or the same furniture is then not parsed again from the store. Bounded by count (OWN_KEPT in assemble.ts).
   */
  ownKept: Map<string, Promise<unknown>>;
  /** How parts were found: rendered, read from the store, already in memory; contents and furniture laid out. */
  counts: { rendered: number; fromStore: number; inMemory: number; ownLaidOut: number };
}

/** What a claim found: lay it out here, it is already in the store, or another thread is laying it out. */
export type Claim =
  { mine: true } | { mine: false; put: true } | { mine: false; put: false; settled: Promise<boolean> };

/**
 * Who lays out a part that several threads of a run need at once (pipeline/run-share.ts): the first to claim it; the
 * others wait and read it from the store.
 */
export interface PartClaims {
  claim(key: string): Claim;
  /** After the part was put in the store, or failed: a claim not put lets those waiting lay it out themselves. */
  release(key: string): void;
}

export interface RenderContext {
  /** Laid-out parts and finished documents by content (memory over an optional folder); null: nothing is kept. */
  store: KeptStore | null;
  /** The run's threads, sharing what they lay out (none: this thread lays out all it needs). */
  share?: PartClaims | null;
  /** Timings and decisions, for CG_TRACE (read once, in pipeline/context.ts). */
  trace(line: string): void;
  /** Impact Map font sizes fitted in this run, by the map's content and page (write/pdf/fit.ts). */
  fittedMaps: Map<string, number>;
  /** The PDF parts of this run. */
  parts: PartMemory;
  /**
   * What the Word writer keeps for the run (write/docx/memory.ts: deflated package entries, parts, frames), made by
   * its first document; what it holds is that module's.
   */
  docx?: object;
}

export function newPartMemory(): PartMemory {
  return {
    loaded: new Map(),
    held: new Map(),
    subsets: new Map(),
    contentsLength: new Map(),
    contentsByCount: new Map(),
    ownKept: new Map(),
    counts: { rendered: 0, fromStore: 0, inMemory: 0, ownLaidOut: 0 },
  };
}

/** A context that keeps nothing between runs and says nothing (a test rendering one tree, a letter). */
export function bareContext(): RenderContext {
  return { store: null, trace: () => {}, fittedMaps: new Map(), parts: newPartMemory() };
}
