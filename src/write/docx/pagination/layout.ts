// Lays a document's sections out on pages as Word does (with Word's font metrics) and tells the page each bookmark lands
// on: paragraphs broken into lines, spacing, keep-with-next, keep-lines, widow and orphan control, tables with repeated
// header rows and rows that split or not, and sections that start on a new or an odd page. Two steps: `measureSection`
// turns a section's elements (as the writer built them, never parsed back) into lines and rows, which a part keeps;
// `pagesOf` puts the measured sections of a document on pages.
import type { Faces } from './fonts.js';
import { Styles, type ParaProps } from './properties.js';
import { attr, child, kids, num, onOff, type El } from '../../../xml/wordml.js';
import { holeOf } from '../holes.js';

/** One laid-out line: its height, and the bookmarks that start on it. */
interface Line {
  height: number;
  marks: string[];
}

interface Para {
  kind: 'p';
  p: ParaProps;
  styleId: string;
  lines: Line[];
  /** The paragraph ends its section (holds its sectPr). */
  endsSection?: boolean;
}

interface Row {
  cells: Cell[];
  header: boolean;
  cantSplit: boolean;
  /** Cell margins top + bottom and the row's border, twips. */
  padding: number;
  minHeight: number;
  exact: boolean;
}
/** A cell's content as a column of slices: each line with the spacing that comes before it. */
interface Cell {
  slices: { before: number; height: number; marks: string[] }[];
  after: number;
}
interface Table {
  kind: 'tbl';
  rows: Row[];
}
export type Block = Para | Table;

/**
 * Word and LibreOffice let the body run into the bottom margin down to the footer's own text; measured against
 * LibreOffice's rendering of the booklets (a footer line of 9 pt at 0.5 in from the edge), twips.
 */
const FOOTER_SLACK = 280;

function textOf(r: El, caps: boolean): string {
  let s = '';
  for (const c of r.children) {
    if (c.name === 'w:t') s += c.text;
    else if (c.name === 'w:tab') s += '\t';
    else if (c.name === 'w:br' && attr(c, 'w:type') !== 'page') s += '\n';
    else if (c.name === 'w:noBreakHyphen') s += '\u2011';
  }
  return caps ? s.toUpperCase() : s;
}

/** Breaks a paragraph into lines of at most `width` twips: breaks after spaces and hyphens, as LibreOffice does. */
function lineBreak(
  m: Measure,
  para: El,
  width: number,
  tableStyle: string | undefined,
): { lines: Line[]; p: ParaProps; styleId: string } {
  const pPr = child(para, 'w:pPr');
  const { styles, faces } = m;
  const faceOf = faces.faceOf.bind(faces);
  const { p, r: base, styleId } = styles.paragraph(pPr, tableStyle);
  // Pieces: text fragments with their face and size; bookmarks at their position.
  type Piece = { text: string; size: number; face: ReturnType<typeof faceOf>; mark?: string };
  const pieces: Piece[] = [];
  let maxLine = faceOf(base.font, base.bold, base.italic).lineHeight(base.size);
  const visit = (el: El) => {
    for (const c of el.children) {
      if (c.name === 'w:r') {
        const rp = styles.run(base, child(c, 'w:rPr'));
        const face = faceOf(rp.font, rp.bold, rp.italic);
        const text = textOf(c, rp.caps);
        if (child(c, 'w:drawing')) {
          const extent = child(child(child(c, 'w:drawing'), 'wp:inline'), 'wp:extent');
          const h = Math.round((num(extent, 'cy') ?? 0) / 635);
          pieces.push({ text: '', size: rp.size, face, mark: undefined });
          maxLine = Math.max(maxLine, h);
        }
        if (text) {
          pieces.push({ text, size: rp.size, face });
          maxLine = Math.max(maxLine, face.lineHeight(rp.size));
        }
      } else if (c.name === '#hole') {
        const h = holeOf(c);
        const mark = h?.kind === 'bookmark' ? h.name : h?.kind === 'toc' ? tocMark(h.k) : undefined;
        if (mark !== undefined) pieces.push({ text: '', size: 0, face: faceOf(base.font, false, false), mark });
      } else if (
        c.name === 'w:hyperlink' ||
        c.name === 'w:smartTag' ||
        c.name === 'w:ins' ||
        c.name === 'w:fldSimple'
      ) {
        visit(c);
      }
    }
  };
  visit(para);
  const lineHeight =
    p.lineRule === 'exact'
      ? p.line
      : p.lineRule === 'atLeast'
        ? Math.max(p.line, maxLine)
        : Math.round((maxLine * p.line) / 240);
  // Words: runs of text ending in a break opportunity (space or hyphen), each with its width and trailing space width.
  const lines: Line[] = [];
  let marks: string[] = [];
  let x = 0;
  let lineHasText = false;
  const first = width - p.left - p.right - (p.numbered ? 0 : p.firstLine);
  const rest = width - p.left - p.right;
  const avail = () => (lines.length === 0 ? first : rest);
  const newLine = () => {
    lines.push({ height: lineHeight, marks });
    marks = [];
    x = 0;
    lineHasText = false;
  };
  // Accumulate the current word across pieces (a word may change font mid-way).
  let word = 0;
  let wordMarks: string[] = [];
  const flushWord = (space: number) => {
    if (word > 0 || wordMarks.length) {
      if (lineHasText && x + word > avail()) newLine();
      x += word;
      lineHasText = lineHasText || word > 0;
      marks.push(...wordMarks);
    }
    x += space;
    word = 0;
    wordMarks = [];
  };
  for (const piece of pieces) {
    if (piece.mark) {
      wordMarks.push(piece.mark);
      continue;
    }
    const parts = piece.text.split(/([ \t\n]|(?<=[-\u2013\u2014/](?=[A-Za-z])))/);
    for (const part of parts) {
      if (part === undefined || part === '') continue;
      if (part === ' ') flushWord(piece.face.width(' ', piece.size));
      else if (part === '\t') flushWord(720);
      else if (part === '\n') {
        flushWord(0);
        newLine();
        lineHasText = true;
      } else {
        word += piece.face.width(part, piece.size);
        if (/[-\u2013\u2014/]$/.test(part)) flushWord(0);
      }
    }
  }
  flushWord(0);
  if (lineHasText || lines.length === 0 || marks.length) newLine();
  return { lines, p, styleId };
}

function tableOf(m: Measure, tbl: El): Table {
  const { styles } = m;
  const tblPr = child(tbl, 'w:tblPr');
  const tableStyle = attr(child(tblPr, 'w:tblStyle'));
  const grid = kids(child(tbl, 'w:tblGrid'), 'w:gridCol').map((g) => num(g, 'w:w') ?? 0);
  const margins = cellMargins(styles, tableStyle, tblPr);
  const rows: Row[] = [];
  for (const tr of kids(tbl, 'w:tr')) {
    const trPr = child(tr, 'w:trPr');
    const height = child(trPr, 'w:trHeight');
    let col = 0;
    const cells: Cell[] = [];
    for (const tc of kids(tr, 'w:tc')) {
      const tcPr = child(tc, 'w:tcPr');
      const span = num(child(tcPr, 'w:gridSpan')) ?? 1;
      const w = grid.slice(col, col + span).reduce((a, b) => a + b, 0) || (num(child(tcPr, 'w:tcW'), 'w:w') ?? 0);
      col += span;
      const mar = child(tcPr, 'w:tcMar');
      const left = num(child(mar, 'w:left'), 'w:w') ?? margins.left;
      const right = num(child(mar, 'w:right'), 'w:w') ?? margins.right;
      const flow = flowOf(m, tc.children, w - left - right, tableStyle);
      cells.push(cellOf(flow));
    }
    const top = margins.top;
    const bottom = margins.bottom;
    rows.push({
      cells,
      header: onOff(child(trPr, 'w:tblHeader')) ?? false,
      cantSplit: onOff(child(trPr, 'w:cantSplit')) ?? false,
      padding: top + bottom + BORDER,
      minHeight: num(height) ?? 0,
      exact: attr(height, 'w:hRule') === 'exact',
    });
  }
  return { kind: 'tbl', rows };
}

/** A row's border: half of the line above and below (4 eighths of a point). */
const BORDER = 10;

function cellMargins(styles: Styles, tableStyle: string | undefined, tblPr: El | undefined) {
  const m = { top: 0, bottom: 0, left: 108, right: 108 };
  const read = (mar: El | undefined) => {
    for (const side of ['top', 'bottom', 'left', 'right'] as const) {
      const v = num(child(mar, `w:${side}`), 'w:w');
      if (v !== undefined) m[side] = v;
    }
  };
  for (const s of styles.tableChain(tableStyle)) read(child(child(s, 'w:tblPr'), 'w:tblCellMar'));
  read(child(tblPr, 'w:tblCellMar'));
  return m;
}

function cellOf(blocks: Block[]): Cell {
  const slices: Cell['slices'] = [];
  let after = 0;
  let prev: Para | undefined;
  for (const b of blocks) {
    if (b.kind === 'tbl') {
      for (const row of b.rows) {
        const h = rowHeight(row);
        slices.push({ before: after, height: h, marks: row.cells.flatMap((c) => c.slices.flatMap((s) => s.marks)) });
        after = 0;
      }
      prev = undefined;
      continue;
    }
    const same = prev && prev.styleId === b.styleId && b.p.contextualSpacing;
    const before = (same ? 0 : b.p.before) + b.p.borderTop;
    const gap = Math.max(same ? 0 : after, before);
    b.lines.forEach((l, i) => slices.push({ before: i === 0 ? gap : 0, height: l.height, marks: l.marks }));
    if (slices.length) slices[slices.length - 1].height += b.p.borderBottom;
    after = b.p.after;
    prev = b;
  }
  return { slices, after };
}

function cellHeight(c: Cell): number {
  return c.slices.reduce((a, s) => a + s.before + s.height, 0) + c.after;
}

function rowHeight(row: Row): number {
  const content = Math.max(0, ...row.cells.map(cellHeight)) + row.padding;
  return row.exact ? row.minHeight : Math.max(content, row.minHeight);
}

function flowOf(m: Measure, children: El[], width: number, tableStyle?: string): Block[] {
  const out: Block[] = [];
  for (const c of children) {
    if (c.name === 'w:p') {
      const { lines, p, styleId } = lineBreak(m, c, width, tableStyle);
      const endsSection = child(c, 'w:pPr')?.children.some((x) => holeOf(x)?.kind === 'section');
      out.push({ kind: 'p', p, styleId, lines, ...(endsSection ? { endsSection } : {}) });
    } else if (c.name === 'w:tbl') out.push(tableOf(m, c));
    else if (c.name === 'w:sdt') out.push(...flowOf(m, child(c, 'w:sdtContent')?.children ?? [], width, tableStyle));
  }
  return out;
}

/** The mark of a part's k-th Contents heading, until the document numbers its `_Toc` bookmarks. */
export const tocMark = (k: number): string => `#toc${k}`;
/** Which of its part's Contents headings a mark is, if it is one. */
export const tocOfMark = (mark: string): number | undefined =>
  mark.startsWith('#toc') ? Number(mark.slice(4)) : undefined;

interface Measure {
  styles: Styles;
  faces: Faces;
}

/** A section's blocks as lines and rows, `width` twips wide: what a part keeps for the pagination. */
export function measureSection(styles: Styles, faces: Faces, children: El[], width: number): Block[] {
  return flowOf({ styles, faces }, children, width);
}

/** A measured section: its text box's height, whether it starts on an odd page, its blocks. */
export interface MeasuredSection {
  height: number;
  oddPage: boolean;
  blocks: Block[];
  /** A mark's name in the document (a part's marks are its own until the document numbers them). */
  rename?: (mark: string) => string;
}

/** The page (1-based, counting every physical page) on which each mark starts. */
export function pagesOf(sections: MeasuredSection[]): Map<string, number> {
  const pages = new Map<string, number>();
  let page = 0;
  for (const [i, s] of sections.entries()) {
    page += 1;
    // Word leaves a blank page before an odd-page section that would start on the wrong side (LibreOffice does too,
    // though its PDF export drops such pages unless told to keep them).
    if (i > 0 && s.oddPage && page % 2 === 0) page += 1;
    page = new Pager(s.height + FOOTER_SLACK, page, pages, s.rename ?? ((m) => m)).flow(s.blocks);
  }
  return pages;
}

class Pager {
  private y = 0;
  /** Space after the previous paragraph, added before the next one's lines. */
  private pendingAfter = 0;
  private prev?: Para;
  constructor(
    private height: number,
    private page: number,
    private pages: Map<string, number>,
    private rename: (mark: string) => string,
  ) {}

  private mark(marks: string[]) {
    for (const m of marks.map(this.rename)) if (!this.pages.has(m)) this.pages.set(m, this.page);
  }

  private newPage() {
    this.page += 1;
    this.y = 0;
    this.pendingAfter = 0;
  }

  /** Space before a paragraph at the current position. */
  private gapBefore(b: Para): number {
    const same = this.prev && b.p.contextualSpacing && this.prev.styleId === b.styleId;
    const before = same ? 0 : b.p.before;
    const after = same ? 0 : this.pendingAfter;
    // LibreOffice lays Word files out with the larger of the space after and the next space before, not their sum.
    return Math.max(after, before) + b.p.borderTop;
  }

  /** Height needed on this page to start block `i` (and what it keeps with). */
  private startHeight(blocks: Block[], i: number, depth = 0): number {
    const b = blocks[i];
    if (!b) return 0;
    if (b.kind === 'tbl') {
      const heads = b.rows.filter((r) => r.header);
      const firstBody = b.rows.find((r) => !r.header);
      const headH = heads.reduce((a, r) => a + rowHeight(r), 0);
      const bodyH = firstBody ? (firstBody.cantSplit ? rowHeight(firstBody) : firstRowLines(firstBody)) : 0;
      return headH + bodyH;
    }
    const n = b.lines.length;
    const take = b.p.keepLines || b.p.keepNext ? n : Math.min(n, b.p.widowControl ? 2 : 1);
    let h = b.p.before + b.p.borderTop + b.lines.slice(0, take).reduce((a, l) => a + l.height, 0);
    if (b.p.keepNext && depth < 20 && !b.endsSection)
      h += b.p.after + b.p.borderBottom + this.startHeight(blocks, i + 1, depth + 1);
    return h;
  }

  flow(blocks: Block[]): number {
    blocks.forEach((b, i) => {
      if (b.kind === 'tbl') return this.table(b);
      if (b.p.pageBreakBefore && this.y > 0) this.newPage();
      // Keep with next: the paragraph (and what it is kept with) moves to the next page when its start does not fit.
      if (b.p.keepNext && this.y > 0) {
        const need = this.pendingAfter + this.startHeight(blocks, i);
        if (this.y + need > this.height && need <= this.height) this.newPage();
      }
      this.paragraph(b);
    });
    return this.page;
  }

  private paragraph(b: Para) {
    // Space before is dropped at the top of a page (LibreOffice does so for Word files, at a section's start too).
    let gap = this.y === 0 ? b.p.borderTop : this.gapBefore(b);
    const lines = b.lines;
    let k = 0;
    while (k < lines.length) {
      // How many of the remaining lines fit here.
      let fit = 0;
      let h = this.y + gap;
      while (k + fit < lines.length && h + lines[k + fit].height <= this.height) {
        h += lines[k + fit].height;
        fit++;
      }
      const left = lines.length - k;
      if (fit < left && this.y > 0) {
        if (b.p.keepLines && k === 0) fit = 0;
        else if (b.p.widowControl) {
          if (k === 0 && fit < 2)
            fit = 0; // orphan
          else if (left - fit < 2) fit = Math.max(0, left - 2); // widow
          if (k === 0 && fit < 2) fit = 0;
        }
      }
      if (fit === 0 && this.y === 0) fit = 1; // a line taller than the page still takes one
      if (fit === 0) {
        this.newPage();
        gap = b.p.borderTop;
        continue;
      }
      this.y += gap;
      for (let j = 0; j < fit; j++) {
        this.mark(lines[k + j].marks);
        this.y += lines[k + j].height;
      }
      k += fit;
      gap = 0;
      if (k < lines.length) this.newPage();
    }
    this.y += b.p.borderBottom;
    this.pendingAfter = b.p.after;
    this.prev = b;
  }

  private table(t: Table) {
    const heads = t.rows.filter((r) => r.header);
    const headH = heads.reduce((a, r) => a + rowHeight(r), 0);
    this.y += this.pendingAfter;
    this.pendingAfter = 0;
    let first = true;
    for (const row of t.rows) {
      if (row.header && !first) continue;
      const h = rowHeight(row);
      if (row.header) {
        const need = this.startHeight([t], 0);
        if (this.y > 0 && this.y + need > this.height) this.newPage();
        for (const c of row.cells) for (const s of c.slices) this.mark(s.marks);
        this.y += h;
        continue;
      }
      first = false;
      if (this.y + h <= this.height) {
        this.placeRow(row);
        this.y += h;
        continue;
      }
      if (row.cantSplit || this.y + firstRowLines(row) > this.height) {
        this.newPage();
        this.y += headH;
        this.placeRow(row);
        this.y += Math.min(h, this.height - this.y);
        continue;
      }
      // Split the row: each cell keeps the lines that fit; the rest continues below the repeated header rows.
      let rest = row.cells.map((c) => ({ ...c, slices: [...c.slices] }));
      for (;;) {
        const room = this.height - this.y - row.padding;
        const remaining: Cell[] = [];
        for (const c of rest) {
          let used = 0;
          let n = 0;
          while (n < c.slices.length && used + c.slices[n].before + c.slices[n].height <= room) {
            used += c.slices[n].before + c.slices[n].height;
            this.mark(c.slices[n].marks);
            n++;
          }
          remaining.push({
            slices: c.slices.slice(n).map((s, j) => (j === 0 ? { ...s, before: 0 } : s)),
            after: c.after,
          });
        }
        this.newPage();
        this.y += headH;
        rest = remaining;
        const restRow: Row = { ...row, cells: rest };
        const rh = rowHeight(restRow);
        if (this.y + rh <= this.height) {
          this.placeRow(restRow);
          this.y += rh;
          break;
        }
      }
    }
    this.prev = undefined;
  }

  private placeRow(row: Row) {
    for (const c of row.cells) for (const s of c.slices) this.mark(s.marks);
  }
}

function firstRowLines(row: Row): number {
  return (
    row.padding + Math.max(0, ...row.cells.map((c) => (c.slices[0] ? c.slices[0].before + c.slices[0].height : 0)))
  );
}
