// The print PDF written from the screen PDF's objects as they are (pdf-file.ts): only the pages and their annotations
// are parsed and made again (their boxes, their content wrapped, the band's bleed and the crop marks added), and the
// file is written with the writer's cross-reference table (link.ts). What print.ts does with pdf-lib (a whole parse and
// save, about 0.1 s a booklet) in a few milliseconds; the same drawing, so the same pages.
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  type PDFObject,
} from '@cantoo/pdf-lib';
import { deflateSync } from 'node:zlib';
import { writeFile, type Body } from '../pdf/parts/link.js';
import type { PdfFile } from './pdf-file.js';
import { type PrintLayout, SLUG_WITH_MARKS, BLEED, markLines, bandRects } from './sheet.js';

const name = (s: string) => PDFName.of(s);
const num = (v: number) => String(Math.round(v * 1000) / 1000);

interface Page {
  ref: PDFRef;
  dict: PDFDict;
  box: number[];
}

/** The file's pages in order, each with its media box (its own, or its page tree's). */
function pagesOf(file: PdfFile): Page[] {
  const resolve = (o: PDFObject | undefined): PDFObject | undefined =>
    o instanceof PDFRef ? file.parse(o.objectNumber) : o;
  const boxOf = (o: PDFObject | undefined): number[] | undefined => {
    const a = resolve(o);
    return a instanceof PDFArray ? a.asArray().map((v) => (resolve(v) as PDFNumber).asNumber()) : undefined;
  };
  const pages: Page[] = [];
  const walk = (ref: PDFRef, inherited: number[] | undefined, depth: number) => {
    if (depth > 32) throw new Error('the page tree is too deep');
    const node = file.parse(ref.objectNumber);
    if (!(node instanceof PDFDict)) throw new Error(`page tree node ${ref.objectNumber} is not a dictionary`);
    const box = boxOf(node.get(name('MediaBox'))) ?? inherited;
    const kids = resolve(node.get(name('Kids')));
    if (node.get(name('Type')) === name('Pages') && kids instanceof PDFArray) {
      for (const kid of kids.asArray()) walk(kid as PDFRef, box, depth + 1);
    } else {
      if (!box) throw new Error(`page ${ref.objectNumber} has no media box`);
      pages.push({ ref, dict: node, box });
    }
  };
  const catalog = file.parse(file.root.objectNumber) as PDFDict;
  walk(catalog.get(name('Pages')) as PDFRef, undefined, 0);
  return pages;
}

/** A content stream of `ops`: compressed when it is worth it. */
function stream(ctx: PDFContext, ops: string): PDFRef {
  const raw = Buffer.from(ops, 'latin1');
  if (raw.length < 64) return ctx.register(PDFRawStream.of(ctx.obj({ Length: raw.length }), raw));
  const packed = deflateSync(raw);
  return ctx.register(PDFRawStream.of(ctx.obj({ Length: packed.length, Filter: 'FlateDecode' }), packed));
}

export function linkedPrint(file: PdfFile, ctx: PDFContext, layout: PrintLayout): { bytes: Uint8Array; pages: number } {
  const pages = pagesOf(file);
  ctx.largestObjectNumber = file.numbers[file.numbers.length - 1];
  // Objects made again here (pages, turned annotations), by number: the file's own bytes are not written for them.
  const replaced = new Set<number>();
  const replace = (ref: PDFRef, obj: PDFObject) => {
    ctx.assign(ref, obj);
    replaced.add(ref.objectNumber);
  };
  pages.forEach((page, i) => {
    const { dict } = page;
    const [x0, y0, x1, y1] = page.box;
    let [width, height] = [x1 - x0, y1 - y0];
    const turned = width > height;
    if (turned) {
      // Links on the page turn with it (a rotated rectangle is still a rectangle): (x, y) → (height − y, x).
      const annots = dict.get(name('Annots'));
      const list = annots instanceof PDFRef ? file.parse(annots.objectNumber) : annots;
      if (list instanceof PDFArray) {
        if (annots instanceof PDFRef) replace(annots, list);
        for (const a of list.asArray()) {
          const annot = a instanceof PDFRef ? file.parse(a.objectNumber) : a;
          if (!(annot instanceof PDFDict)) continue;
          const r = annot.get(name('Rect'));
          if (r instanceof PDFArray) {
            const [ax0, ay0, ax1, ay1] = r.asArray().map((v) => (v as PDFNumber).asNumber());
            annot.set(name('Rect'), ctx.obj([height - ay1, ax0, height - ay0, ax1].map((v) => PDFNumber.of(v))));
          }
          if (a instanceof PDFRef) replace(a, annot);
        }
      }
      [width, height] = [height, width];
    }
    // The page's content, clipped to the bleed (what a screen page draws beyond its edge would show on the larger
    // sheet) and, on a landscape page, turned a quarter, its top towards the left (the spine).
    const contents = dict.get(name('Contents'));
    let streams: PDFObject[] = [];
    if (contents instanceof PDFArray) streams = contents.asArray();
    else if (contents instanceof PDFRef)
      streams = file.startsWith(contents.objectNumber, '[')
        ? (file.parse(contents.objectNumber) as PDFArray).asArray()
        : [contents];
    const open =
      `q\n${num(-BLEED)} ${num(-BLEED)} ${num(width + 2 * BLEED)} ${num(height + 2 * BLEED)} re\nW\nn\n` +
      (turned ? `q\n0 1 -1 0 ${num(width)} 0 cm\n` : '');
    const close = (turned ? 'Q\n' : '') + 'Q\n';
    // What the print PDF adds (the band's bleed, the marks) is not content: an Artifact.
    let added = '';
    for (const { x, y, w, h, rgb } of bandRects(layout, i, width, height))
      added += `q\n${rgb.map(num).join(' ')} rg\n${num(x)} ${num(y)} ${num(w)} ${num(h)} re\nf\nQ\n`;
    if (layout.cropMarks)
      for (const [ax, ay, bx, by] of markLines(width, height))
        added += `q\n0.25 w\n0 0 0 RG\n${num(ax)} ${num(ay)} m\n${num(bx)} ${num(by)} l\nS\nQ\n`;
    dict.set(
      name('Contents'),
      ctx.obj([stream(ctx, open), ...streams, stream(ctx, close), stream(ctx, `/Artifact BMC\n${added}EMC\n`)]),
    );
    const slug = layout.cropMarks ? SLUG_WITH_MARKS : BLEED;
    const box = (key: string, a: number, b: number, c: number, d: number) =>
      dict.set(name(key), ctx.obj([a, b, c, d].map((v) => PDFNumber.of(Math.round(v * 1000) / 1000))));
    box('MediaBox', -slug, -slug, width + slug, height + slug);
    box('CropBox', -slug, -slug, width + slug, height + slug);
    box('BleedBox', -BLEED, -BLEED, width + BLEED, height + BLEED);
    box('TrimBox', 0, 0, width, height);
    replace(page.ref, dict);
  });
  const bodies = new Map<number, Body>();
  for (const n of file.numbers) if (!replaced.has(n)) bodies.set(n, [file.body(n)]);
  ctx.trailerInfo.Root = file.root;
  if (file.info) ctx.trailerInfo.Info = file.info;
  return { bytes: writeFile(ctx, bodies), pages: pages.length };
}
