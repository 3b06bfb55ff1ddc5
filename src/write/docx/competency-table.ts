// The Competency Detail table: "Area of Expertise | As Demonstrated By", one row per area, the header row repeating.
import { Paragraph, Table, TableCell, TableRow, WidthType, type FileChild } from 'docx';
import type { Block, Row, Table as TreeTable } from '../../compose/tree.js';
import { linesOf } from '../measure.js';
import { headingParagraph, type BlockContext } from './blocks.js';
import { fixedTable, headerRow, spacer, widthsOf } from './table.js';

/** Twips per line of 10 pt text with its spacing, and per character: for `linesOf`. */
const LINE = 260;
const CHAR = 100;

type CellRenderer = (blocks: Block[]) => (Paragraph | Table)[];

export function competencyTable(table: TreeTable, ctx: BlockContext, cell: CellRenderer): FileChild[] {
  const widths = widthsOf(table.columns.map((c) => c.share), ctx.textWidth);
  const rows = table.rows.map((row) => areaRow(row, widths, ctx, cell));
  return [fixedTable([headerRow(table.columns.map((c) => c.title), widths, ctx.accent), ...rows], widths), spacer()];
}

function areaRow(row: Row, widths: number[], ctx: BlockContext, cell: CellRenderer): TableRow {
  const [left, right] = [row.cells[0]?.blocks ?? [], row.cells[1]?.blocks ?? []];
  // The area's name is a real Heading 3, so the table of contents lists every area; no space above it in the cell.
  // Not "keep with next" (which Heading 3 has): a row whose first cell's paragraphs keep with the next is kept with
  // the next row (Word, per docx's notes; LibreOffice 7.4 seen here), which pushed tables off half-empty pages.
  const areaCell = left.flatMap((b) => (b.kind === 'heading' ? [headingParagraph(b, { spacing: { before: 0 }, keepNext: false })] : cell([b])));
  return new TableRow({
    cantSplit: keepsWhole(row, widths, ctx.textHeight) || undefined,
    children: [
      new TableCell({ width: { size: widths[0], type: WidthType.DXA }, children: areaCell }),
      new TableCell({ width: { size: widths[1], type: WidthType.DXA }, children: cell(right) }),
    ],
  });
}

/**
 * Whether to keep an area's row on one page (w:cantSplit). A short row is kept whole, so an area never starts at the foot
 * of a page with only its title; a row that would fill more than half a page may break, or it would leave half a page
 * empty before it (and one taller than a page has to break anyway).
 */
export function keepsWhole(row: Row, widths: number[], textHeight: number): boolean {
  const lines = row.cells.map((c, i) => linesOf(c.blocks, (widths[i] - 590) / CHAR));
  return Math.max(...lines) * LINE <= textHeight / 2;
}
