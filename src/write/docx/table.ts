// Plain tables ('table' blocks) and the parts every booklet table shares: the named style and a repeating header row.
import type { Block, Run, Table as TreeTable } from '../../compose/tree.js';
import type { El } from '../../xml/wordml.js';
import { spacer } from './block-context.js';
import { runsOf } from './inline.js';
import { S } from './styles.js';
import { cell, para, row, table } from './wml.js';

/**
 * The header row: shaded in the cover colour, marked to repeat on every page the table continues on (w:tblHeader),
 * never split, and kept with the first row below it.
 */
export function headerRow(titles: Run[][], columnWidths: number[], shading: El): El {
  return row(
    { cantSplit: true, header: true },
    titles.map((title, i) =>
      cell({ width: columnWidths[i], shading }, [para({ style: S.tableHeading }, runsOf(title))]),
    ),
  );
}

/** Column widths in twips from the tree's shares of the text width; the last column takes what rounding leaves. */
export function widthsOf(shares: number[], textWidth: number): number[] {
  const widths = shares.map((s) => Math.floor(textWidth * s));
  widths[widths.length - 1] += textWidth - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** A plain table: its header row repeating, rows kept whole, each cell's blocks. */
export function plainTable(t: TreeTable, textWidth: number, shading: El, content: (blocks: Block[]) => El[]): El[] {
  const widths = widthsOf(
    t.columns.map((c) => c.share),
    textWidth,
  );
  const body = t.rows.map((r) =>
    row(
      { cantSplit: true },
      widths.map((w, i) => cell({ width: w }, content(r.cells[i]?.blocks ?? []))),
    ),
  );
  return [
    table(S.table, widths, [
      headerRow(
        t.columns.map((c) => c.title),
        widths,
        shading,
      ),
      ...body,
    ]),
    spacer(),
  ];
}
