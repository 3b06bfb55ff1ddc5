// The print PDF: the screen PDF made ready for a print shop, with nothing on the page moved.
//
// Every page gets a TrimBox of the finished size, a BleedBox BLEED larger on every side and a
// MediaBox larger still, with crop marks in the margin beyond the bleed. What touches the edge
// of the page (the cover's colour band) is extended to the bleed edge. Landscape pages (the
// Impact Maps) are turned into the book's portrait sheet, the map's top towards the spine, as
// a bound booklet needs (the reader turns the book). The content streams of the screen PDF are
// kept as they are: the same text, the same folios, in the same places relative to the trim.
import {
  beginMarkedContent,
  clip,
  concatTransformationMatrix,
  endMarkedContent,
  endPath,
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFOperator,
  PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  ParseSpeeds,
  rgb,
} from '@cantoo/pdf-lib';
import '../../pdf/fast-objects.js'; // pdf-lib's names, numbers and references made cheaper (once per thread)
import { compressMadeStreams } from '../../pdf/compress-streams.js';
import type { Document } from '../../compose/tree.js';
import { linkedPrint } from './linked-print.js';
import { readPdfFile } from './pdf-file.js';
import { bandRects, BLEED, markLines, type PrintLayout, SLUG_WITH_MARKS } from './sheet.js';
import type { RenderContext } from '../context.js';
import { COVER_BAND } from '../pdf/theme.js';

export interface PrintOptions {
  /** The booklet's screen PDF (write/pdf), whose pages the print PDF keeps as they are. */
  screen: Uint8Array;
  cropMarks: boolean;
}

export interface PrintPdf {
  bytes: Uint8Array;
  pages: number;
}

function box(page: PDFPage, name: string, x0: number, y0: number, x1: number, y1: number): void {
  page.node.set(
    PDFName.of(name),
    page.doc.context.obj([x0, y0, x1, y1].map((v) => PDFNumber.of(Math.round(v * 1000) / 1000))),
  );
}

/** Puts operators before and after everything the page draws (in a saved graphics state). */
function wrapContents(page: PDFPage, before: PDFOperator[]): void {
  const ctx = page.doc.context;
  const contents = page.node.Contents();
  const streams =
    contents instanceof PDFArray ? contents.asArray() : contents ? [page.node.get(PDFName.of('Contents'))!] : [];
  const open = ctx.register(ctx.contentStream([pushGraphicsState(), ...before]));
  const close = ctx.register(ctx.contentStream([popGraphicsState()]));
  page.node.set(PDFName.of('Contents'), ctx.obj([open, ...streams, close]));
}

/** Turns a landscape page into a portrait sheet: its content rotated a quarter turn, its top towards the left. */
function turnToPortrait(page: PDFPage): void {
  const { width, height } = page.getSize();
  // (x, y) → (height − y, x): the landscape page's top edge becomes the sheet's left edge.
  wrapContents(page, [concatTransformationMatrix(0, 1, -1, 0, height, 0)]);
  page.setMediaBox(0, 0, height, width);
  // Links on the page turn with it (a rotated rectangle is still a rectangle).
  const annots = page.node.Annots();
  for (let i = 0; annots && i < annots.size(); i++) {
    const annot = annots.lookup(i, PDFDict);
    const r = annot.lookupMaybe(PDFName.of('Rect'), PDFArray);
    if (!r) continue;
    const [x0, y0, x1, y1] = r.asArray().map((v) => (v as PDFNumber).asNumber());
    annot.set(PDFName.of('Rect'), page.doc.context.obj([height - y1, x0, height - y0, x1].map((v) => PDFNumber.of(v))));
  }
}

/**
 * The print PDF of a booklet from its screen PDF. `doc` tells where the cover is (its first part,
 * or after the letters before it) and its colour. Keeps nothing between calls (`_ctx`: the writers' one signature).
 */
export async function printPdf(doc: Document, _ctx: RenderContext, options: PrintOptions): Promise<PrintPdf> {
  const coverIndex = doc.parts.findIndex((p) => p.kind === 'cover');
  const cover = doc.parts[coverIndex];
  const layout: PrintLayout = {
    coverIndex: cover?.kind === 'cover' ? coverIndex : -1,
    coverColor: cover?.kind === 'cover' ? cover.color : '#000000',
    bandShare: COVER_BAND.heightShare,
    cropMarks: options.cropMarks,
  };
  // The PDF writer's files are read object by object; any other file is parsed whole.
  const ctx = PDFContext.create();
  const file = readPdfFile(options.screen, ctx);
  return file ? linkedPrint(file, ctx, layout) : parsedPrint(options.screen, layout);
}

/** The print PDF by pdf-lib: the screen PDF parsed, its pages changed, saved. */
export async function parsedPrint(screen: Uint8Array, layout: PrintLayout): Promise<PrintPdf> {
  // Fastest: pdf-lib otherwise waits for a timer every 100 objects it parses.
  const pdf = await PDFDocument.load(screen, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const pages = pdf.getPages();
  pages.forEach((page, i) => {
    let { width, height } = page.getSize();
    if (width > height) {
      turnToPortrait(page);
      [width, height] = [height, width];
    }
    // What a screen page draws beyond its edge (hidden there) would show in the print PDF's larger sheet: clip to the bleed.
    wrapContents(page, [rectangle(-BLEED, -BLEED, width + 2 * BLEED, height + 2 * BLEED), clip(), endPath()]);
    // What the print PDF adds (the band's bleed, the marks) is not content: Artifacts, as the tagged screen PDF's drawing is.
    page.pushOperators(beginMarkedContent('Artifact'));
    for (const r of bandRects(layout, i, width, height))
      page.drawRectangle({ x: r.x, y: r.y, width: r.w, height: r.h, color: rgb(...r.rgb) });
    if (layout.cropMarks)
      for (const [x1, y1, x2, y2] of markLines(width, height))
        page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: 0.25, color: rgb(0, 0, 0) });
    page.pushOperators(endMarkedContent());
    const slug = layout.cropMarks ? SLUG_WITH_MARKS : BLEED;
    box(page, 'MediaBox', -slug, -slug, width + slug, height + slug);
    box(page, 'CropBox', -slug, -slug, width + slug, height + slug);
    box(page, 'BleedBox', -BLEED, -BLEED, width + BLEED, height + BLEED);
    box(page, 'TrimBox', 0, 0, width, height);
  });
  compressMadeStreams(pdf);
  const bytes = await pdf.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
  return { bytes, pages: pages.length };
}
