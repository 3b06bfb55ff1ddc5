// The page furniture of a document assembled from parts: one page per page of the document, holding only its
// running head and folio (or nothing), laid out by pdfmake as the whole-document writer lays them out
// (running.ts). Each page's header and footer are pages of their own, so that the assembly can draw the header
// before the page's content and the footer after it: text comes out in reading order (head, body, foot).
import type { Document } from '../../../compose/tree.js';
import { getPdfmake } from '../pdfmake.js';
import { furniture, type PagePlan } from '../running.js';
import { DEFAULT_STYLE, PAGE_MARGINS, styles } from '../theme.js';
import { PART_SUBJECT } from './glyph-fonts.js';

/** Pages 2i + 1 and 2i + 2 hold the header and the footer of page i + 1 of the document. */
export async function furniturePdf(doc: Document, plan: PagePlan[], landscape: boolean[]): Promise<Uint8Array> {
  const { header, footer } = furniture(
    doc,
    (drawn) => ({
      ...plan[(drawn - 1) >> 1],
      number: ((drawn - 1) >> 1) + 1,
      only: drawn % 2 === 1 ? 'header' : 'footer',
    }),
    { running: new Map() },
  );
  const orientation = (i: number) => (landscape[i >> 1] ? 'landscape' : 'portrait');
  const def = {
    pageSize: doc.page.size,
    pageOrientation: orientation(0),
    pageMargins: PAGE_MARGINS,
    info: { subject: PART_SUBJECT },
    defaultStyle: DEFAULT_STYLE,
    styles: styles(doc.accent),
    header,
    footer,
    content: [...plan, ...plan].map((_, i) => ({
      text: '',
      ...(i > 0 ? { pageBreak: 'before', pageOrientation: orientation(i) } : {}),
    })),
  };
  return getPdfmake().createPdf(def).getBuffer();
}
