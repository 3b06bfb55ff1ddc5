// The page furniture of a document assembled from parts: each distinct running head and folio the document's pages
// carry, laid out by pdfmake as the whole-document writer lays them out (running.ts), each on a page of its own, so
// that the assembly can draw the head before a page's content and the folio after it: text comes out in reading
// order (head, body, foot). A head is the same on every left (or right) page of a chapter, so it is laid out once,
// not once a page (a booklet's furniture was twice its pages: a fifth of a forced build's pdfmake time).
import type { Document } from '../../../compose/tree.js';
import { getPdfmake } from '../pdfmake.js';
import { furniture, type PagePlan } from '../running.js';
import { DEFAULT_STYLE, PAGE_MARGINS, styles } from '../theme.js';
import { PART_SUBJECT } from './glyph-fonts.js';

/** One drawing: a page's head or folio, as `furniture` draws it for that page. */
interface Drawing extends PagePlan {
  number: number;
  only: 'header' | 'footer';
  landscape: boolean;
}

/**
 * The drawings of a document, in the order its pages first need them, and which drawing each running page's head and
 * folio are.
 */
export interface FurnitureDrawings {
  drawings: Drawing[];
  /** By page (0-based): the index of its head's drawing and its folio's, or -1 on a page without furniture. */
  head: number[];
  foot: number[];
}

/** What a head or folio depends on besides the document: its page's side, orientation, and chapter or number. */
export function furnitureDrawings(doc: Document, plan: PagePlan[], landscape: boolean[]): FurnitureDrawings {
  const drawings: Drawing[] = [];
  const index = new Map<string, number>();
  const drawingOf = (key: string, drawing: Drawing) => {
    let i = index.get(key);
    if (i === undefined) {
      index.set(key, (i = drawings.length));
      drawings.push(drawing);
    }
    return i;
  };
  const head: number[] = [];
  const foot: number[] = [];
  plan.forEach((p, i) => {
    if (!p.running) {
      head.push(-1);
      foot.push(-1);
      return;
    }
    const number = i + 1;
    const side = doc.page.twoSided ? number % 2 : 1;
    const base = { ...p, number, landscape: landscape[i] };
    head.push(
      drawingOf(JSON.stringify(['head', landscape[i], side, p.chapter?.runningHead ?? '']), {
        ...base,
        only: 'header',
      }),
    );
    foot.push(drawingOf(JSON.stringify(['foot', landscape[i], number]), { ...base, only: 'footer' }));
  });
  return { drawings, head, foot };
}

/** Page j + 1 holds drawing j of furnitureDrawings (a blank page when there is none). */
export async function furniturePdf(doc: Document, plan: PagePlan[], landscape: boolean[]): Promise<Uint8Array> {
  const { drawings } = furnitureDrawings(doc, plan, landscape);
  const { header, footer } = furniture(doc, (drawn) => drawings[drawn - 1] ?? { running: false, chapter: null }, {
    running: new Map(),
  });
  const orientation = (j: number) => (drawings[j]?.landscape ? 'landscape' : 'portrait');
  const def = {
    pageSize: doc.page.size,
    pageOrientation: orientation(0),
    pageMargins: PAGE_MARGINS,
    info: { subject: PART_SUBJECT },
    defaultStyle: DEFAULT_STYLE,
    styles: styles(doc.accent),
    header,
    footer,
    content: Array.from({ length: Math.max(drawings.length, 1) }, (_, j) => ({
      text: '',
      ...(j > 0 ? { pageBreak: 'before', pageOrientation: orientation(j) } : {}),
    })),
  };
  return getPdfmake().createPdf(def).getBuffer();
}
