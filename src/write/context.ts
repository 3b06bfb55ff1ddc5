// What one run (a build, a watch process's rebuild, a mail merge) gives every writer. A writer keeps nothing between
// calls in its module: whatever outlives one document (kept parts, fitted sizes, the tag session, the trace) is here,
// created by pipeline/ for the run and passed down, so two renders in one thread share nothing they do not share here.
//
// Every writer has one signature: `write(doc, ctx) → bytes` (pandoc's `writeDocx :: WriterOptions -> Pandoc -> m
// ByteString`, Typst's `pdf(&document, &options)`).

/** Bytes kept under a content address: the same key always means the same bytes. */
export interface KeptStore {
  get(key: string): Uint8Array | null;
  put(key: string, bytes: Uint8Array): void;
}

export interface RenderContext {
  /** Laid-out parts and finished documents by content (memory over an optional folder); null: nothing is kept. */
  store: KeptStore | null;
  /** Timings and decisions, for CG_TRACE (read once, in pipeline/). */
  trace(line: string): void;
}

/** A context that keeps nothing and says nothing (a test rendering one tree). */
export function bareContext(): RenderContext {
  return { store: null, trace: () => {} };
}
