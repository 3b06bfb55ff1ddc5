// The Competency Detail table: "Area of Expertise | As Demonstrated By", one row per area, the header row repeating.
import type { Block, Row, Table as TreeTable } from '../../compose/tree.js';
import type { El } from '../../xml/wordml.js';
import { linesOf } from '../measure.js';
import { spacer, type BlockContext } from './block-context.js';
import { headingParagraph } from './heading.js';
import { headerRow, widthsOf } from './table.js';
import { S } from './styles.js';
import { cell, row, table } from './wml.js';

/** Twips per line of 10 pt text with its spacing, and per character: for `linesOf`. */
const LINE = 260;
const CHAR = 100;

type CellRenderer = (blocks: Block[]) => El[];

export function competencyTable(t: TreeTable, ctx: BlockContext, content: CellRenderer): El[] {
  const widths = widthsOf(
    t.columns.map((c) => c.share),
    ctx.textWidth,
  );
  const rows = t.rows.map((r) => areaRow(r, widths, ctx, content));
  return [
    table(S.table, widths, [
      headerRow(
        t.columns.map((c) => c.title),
        widths,
        ctx.accentShading,
      ),
      ...rows,
    ]),
    spacer(),
  ];
}

function areaRow(r: Row, widths: number[], ctx: BlockContext, content: CellRenderer): El {
  const [left, right] = [r.cells[0]?.blocks ?? [], r.cells[1]?.blocks ?? []];
  // The area's name is a real Heading 3, so the table of contents lists every area; no space above it in the cell.
  // Not "keep with next" (which Heading 3 has): a row whose first cell's paragraphs keep with the next is kept with
  // the next row (Word, per docx's notes; LibreOffice 7.4 seen here), which pushed tables off half-empty pages.
  const areaCell = left.flatMap((b) =>
    b.kind === 'heading'
      ? [headingParagraph(b, ctx.counters, { spacing: { before: 0 }, keepNext: false })]
      : content([b]),
  );
  return row({ cantSplit: keepsWhole(r, widths, ctx.textHeight) }, [
    cell({ width: widths[0] }, areaCell),
    cell({ width: widths[1] }, content(right)),
  ]);
}

/**
 * Whether to keep an area's row on one page (w:cantSplit). A short row is kept whole, so an area never starts at the foot
 * of a page with only its title; a row that would fill more than half a page may break, or it would leave half a page
 * empty before it (and one taller than a page has to break anyway).
 */
export function keepsWhole(r: Row, widths: number[], textHeight: number): boolean {
  const lines = r.cells.map((c, i) => linesOf(c.blocks, (widths[i] - 590) / CHAR));
  return Math.max(...lines) * LINE <= textHeight / 2;
}
