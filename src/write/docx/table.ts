// Plain tables ('table' blocks) and the parts every booklet table shares: the named style and a repeating header row.
import { Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType, type FileChild } from 'docx';
import type { Run, Table as TreeTable } from '../../compose/tree.js';
import { runsOf } from './inline.js';
import { S } from './styles.js';

/** Fixed column widths in twips, as the grid and as each cell's width, so Word and LibreOffice agree. */
export function fixedTable(rows: TableRow[], columnWidths: number[], style: string = S.table): Table {
  return new Table({
    rows,
    style,
    layout: TableLayoutType.FIXED,
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths,
  });
}

/**
 * The header row: shaded in the cover colour, marked to repeat on every page the table continues on (w:tblHeader),
 * never split, and kept with the first row below it.
 */
export function headerRow(titles: Run[][], columnWidths: number[], accent: string): TableRow {
  return new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: titles.map(
      (title, i) =>
        new TableCell({
          width: { size: columnWidths[i], type: WidthType.DXA },
          shading: { fill: accent },
          children: [new Paragraph({ style: S.tableHeading, children: runsOf(title) })],
        }),
    ),
  });
}

const spacers = new WeakSet<Paragraph>();

/**
 * The empty paragraph after a table: Word joins two tables that touch, and a cell or a section must not end with a
 * table. Where a paragraph follows anyway, `dropSpacers` removes it: no blank paragraphs as spacing (accessibility).
 */
export function spacer(): Paragraph {
  const p = new Paragraph({});
  spacers.add(p);
  return p;
}

/** Removes the spacers a paragraph follows (the paragraph's own spacing before does the work). */
export function dropSpacers<T>(children: T[]): T[] {
  return children.filter((c, i) => !(c instanceof Paragraph && spacers.has(c) && children[i + 1] instanceof Paragraph));
}

/** Column widths in twips from the tree's shares of the text width; the last column takes what rounding leaves. */
export function widthsOf(shares: number[], textWidth: number): number[] {
  const widths = shares.map((s) => Math.floor(textWidth * s));
  widths[widths.length - 1] += textWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** A plain table: its header row repeating, rows kept whole, each cell's blocks. */
export function plainTable(t: TreeTable, textWidth: number, accent: string, cell: (blocks: TreeTable['rows'][number]['cells'][number]['blocks']) => (Paragraph | Table)[]): FileChild[] {
  const widths = widthsOf(t.columns.map((c) => c.share), textWidth);
  const body = t.rows.map(
    (row) =>
      new TableRow({
        cantSplit: true,
        children: widths.map((w, i) => new TableCell({ width: { size: w, type: WidthType.DXA }, children: cell(row.cells[i]?.blocks ?? []) })),
      }),
  );
  return [fixedTable([headerRow(t.columns.map((c) => c.title), widths, accent), ...body], widths), spacer()];
}
