// What a whole-document render is asked for and gives back: shared by document.ts, which renders, and
// parts/assemble.ts, which renders parts through it and assembles them.
import type { PDFDocument } from '@cantoo/pdf-lib';
import type { ContentsEntry } from './parts/contents.js';

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
  /** The finished document itself, not saved (WholeOptions.unsaved). */
  pdf?: PDFDocument;
}

export interface WholeOptions {
  /** Running heads and folios (off for a part rendered alone). */
  furniture: boolean;
  /** The contents' entries with their pages, when the document is assembled from parts. */
  contents?: ContentsEntry[];
  /** Give back the finished document unsaved (the contents of an assembled document: copied from, never kept). */
  unsaved?: boolean;
  /** Fitted Impact Map font sizes, when the caller has them. */
  mapFonts?: Map<string, number>;
}
