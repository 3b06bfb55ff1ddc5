// Page furniture: running heads and folios on the body's pages, mirrored when printed two-sided.
//
// Pages are known only after layout, and pdfmake lays out content before it calls the header
// and footer functions: so each part's first and last node is kept and the pages pdfmake
// wrote onto them (`positions`) are read when the headers are drawn.
import type { Chapter, Document } from '../../compose/tree.js';
import type { Node } from './inline.js';
import { LANDSCAPE_MARGINS, PAGE_MARGINS, RULE } from './theme.js';

export interface PartMarks {
  chapter: Chapter | null;
  first: Node;
  last: Node;
  /** Whether its pages carry the running header and footer (not the cover or a letter). */
  running: boolean;
}

/** Pages with a running header (the body of the document), and which of them are portrait. */
export interface PageLog {
  running: Map<number, 'portrait' | 'landscape'>;
}

/** Positions of a node and of everything inside it (a table's cells, a stack's items). */
function allPositions(node: Node): Node[] {
  if (!node || typeof node !== 'object') return [];
  const inner = [...(node.stack ?? []), ...(node.table?.body ?? []).flat(), ...(node.ul ?? []), ...(node.ol ?? [])];
  return [...(node.positions ?? []), ...inner.flatMap(allPositions)];
}

function pageOf(node: Node, which: 'first' | 'last'): number {
  const own = node.positions ?? [];
  const positions =
    which === 'first' && own.length ? own : allPositions(node).sort((a: Node, b: Node) => a.pageNumber - b.pageNumber);
  const p = which === 'first' ? positions[0] : positions[positions.length - 1];
  return p?.pageNumber ?? 0;
}

/** What a page carries: whether it is a body page with furniture, and the chapter it is in. */
export interface PagePlan {
  running: boolean;
  chapter: Chapter | null;
  /** The page's number, when it is not the page pdfmake draws (the furniture of an assembled document). */
  number?: number;
  /** Only the header, or only the footer. */
  only?: 'header' | 'footer';
}

/** pdfmake's header and footer functions for a document whose parts are `marks`. */
export function runningPages(doc: Document, marks: PartMarks[], log: PageLog): { header: Node; footer: Node } {
  // Blank pages (before a right-hand start, or padding), the cover and a letter carry no header or footer.
  // Read once, when the first header is drawn (the layout is done by then).
  let ranges: { from: number; to: number; running: boolean }[] | null = null;
  const rangesOf = () =>
    (ranges ??= marks.map((m) => ({ from: pageOf(m.first, 'first'), to: pageOf(m.last, 'last'), running: m.running })));
  const chapterAt = (page: number) => {
    let found: Chapter | null = null;
    rangesOf().forEach((r, i) => {
      if (r.from <= page) found = marks[i].chapter;
    });
    return found as Chapter | null;
  };
  const plan = (page: number): PagePlan => {
    if (page === 1) ranges = null; // headers are drawn from page 1 again when pdfmake re-runs the layout
    return { running: rangesOf().some((r) => r.running && r.from <= page && page <= r.to), chapter: chapterAt(page) };
  };
  return furniture(doc, plan, log);
}

/** Header and footer functions drawing each page's furniture as `plan` says (1-based pages). */
export function furniture(
  doc: Document,
  plan: (page: number) => PagePlan,
  log: PageLog,
): { header: Node; footer: Node } {
  const outside = (page: number) => (doc.page.twoSided && page % 2 === 0 ? 'left' : 'right');
  const inside = (page: number) => (outside(page) === 'left' ? 'right' : 'left');
  const mirrored = (page: number, a: Node, b: Node) => (outside(page) === 'right' ? [a, b] : [b, a]);
  const { headerLine, footerLine } = doc.furniture;

  return {
    header: (drawn: number, _count: number, pageSize: { width: number; orientation: string }) => {
      if (drawn === 1) log.running.clear();
      const { running, chapter, number: page = drawn, only } = plan(drawn);
      if (!running || only === 'footer') return null;
      log.running.set(page, pageSize.orientation === 'landscape' ? 'landscape' : 'portrait');
      const m = pageSize.orientation === 'landscape' ? LANDSCAPE_MARGINS : PAGE_MARGINS;
      return {
        margin: [m[0], 34, m[2], 0],
        stack: [
          {
            columns: mirrored(
              page,
              { text: headerLine, style: 'running', alignment: inside(page) },
              { text: chapter?.runningHead ?? '', style: 'running', alignment: outside(page) },
            ),
          },
          {
            canvas: [
              { type: 'line', x1: 0, y1: 3, x2: pageSize.width - m[0] - m[2], y2: 3, lineWidth: 0.5, lineColor: RULE },
            ],
          },
        ],
      };
    },
    footer: (drawn: number, _count: number, pageSize: { orientation: string }) => {
      const { running, number: page = drawn, only } = plan(drawn);
      if (!running || only === 'header') return null;
      const m = pageSize.orientation === 'landscape' ? LANDSCAPE_MARGINS : PAGE_MARGINS;
      return {
        margin: [m[0], 22, m[2], 0],
        columns: mirrored(
          page,
          { text: footerLine, style: 'running', alignment: inside(page) },
          { text: String(page), style: 'running', fontSize: 9, alignment: outside(page) },
        ),
      };
    },
  };
}
