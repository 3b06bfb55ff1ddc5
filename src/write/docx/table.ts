// Plain tables ('table' blocks) and the parts every booklet table shares: the named style and a repeating header row.
import { Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType, type FileChild } from 'docx';
import type { Inline } from '../../model/schema.js';
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
export function headerRow(titles: Inline[][], columnWidths: number[], accent: string): TableRow {
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

/** A 'table' block: equal columns across the text width, its first row the repeating header. */
export function plainTable(header: Inline[][], rows: Inline[][][], textWidth: number, accent: string): FileChild[] {
  const columns = Math.max(header.length, ...rows.map((r) => r.length), 1);
  const widths = Array.from({ length: columns }, () => Math.floor(textWidth / columns));
  const padded = (cells: Inline[][]) => Array.from({ length: columns }, (_, i) => cells[i] ?? []);
  const body = rows.map(
    (cells) =>
      new TableRow({
        cantSplit: true,
        children: padded(cells).map(
          (cell, i) =>
            new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              children: [new Paragraph({ style: S.tableText, children: runsOf(cell) })],
            }),
        ),
      }),
  );
  // A paragraph after the table keeps the next table or heading from touching it.
  return [fixedTable([headerRow(padded(header), widths, accent), ...body], widths), new Paragraph({})];
}
