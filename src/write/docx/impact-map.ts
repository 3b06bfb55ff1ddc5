// The Impact Map: its title and notes, then the five columns side by side with arrows between them (a landscape section).
import { BorderStyle, HeadingLevel, Paragraph, TableCell, TableRow, VerticalAlignTable, WidthType, type FileChild, type ITableCellBorders } from 'docx';
import type { Block, ImpactMap } from '../../compose/tree.js';
import { listParagraphs, type ListCounter } from './numbering.js';
import { S } from './styles.js';
import { fixedTable } from './table.js';
import { plainRuns } from './inline.js';

/** Relative widths of the five columns: the first two carry most of the text. */
const WEIGHTS = [1.45, 1.45, 0.95, 0.95, 0.9];
const ARROW_COLUMN = 400;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' };
const NO_BORDERS: ITableCellBorders = { top: NONE, bottom: NONE, left: NONE, right: NONE };

export interface MapContext {
  textWidth: number;
  accent: string;
  counter: ListCounter;
  /** Renders the map's notes. */
  notes: (blocks: Block[]) => FileChild[];
}

export function impactMap(map: ImpactMap, ctx: MapContext): FileChild[] {
  const widths = columnWidths(ctx.textWidth);
  // Table columns: map column, arrow, map column, arrow, ... map column.
  const grid = widths.flatMap((w, i) => (i === 0 ? [w] : [ARROW_COLUMN, w]));
  const between = <T>(cells: T[], arrow: () => T) => cells.flatMap((c, i) => (i === 0 ? [c] : [arrow(), c]));
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: between(
      map.columns.map(
        (column, i) =>
          new TableCell({
            width: { size: widths[i], type: WidthType.DXA },
            shading: { fill: ctx.accent },
            verticalAlign: VerticalAlignTable.CENTER,
            children: [new Paragraph({ style: S.tableHeading, children: plainRuns(column.title) })],
          }),
      ),
      () => arrowCell(''),
    ),
  });
  const body = new TableRow({
    children: between(
      map.columns.map(
        (column, i) =>
          new TableCell({ width: { size: widths[i], type: WidthType.DXA }, children: listOrEmpty(column.items, ctx.counter) }),
      ),
      () => arrowCell('→'),
    ),
  });
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 0 }, text: map.title }),
    ...ctx.notes(map.notes),
    fixedTable([header, body], grid),
  ];
}

function columnWidths(textWidth: number): number[] {
  const room = textWidth - ARROW_COLUMN * (WEIGHTS.length - 1);
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  const widths = WEIGHTS.map((w) => Math.floor((room * w) / total));
  widths[widths.length - 1] += room - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function listOrEmpty(items: ImpactMap['columns'][number]['items'], counter: ListCounter): Paragraph[] {
  if (items.length === 0) return [new Paragraph({ style: S.mapText })];
  return listParagraphs(items, { ordered: false, styles: { bullet: S.mapBullet, number: S.mapBullet[0] }, counter });
}

function arrowCell(text: string): TableCell {
  return new TableCell({
    width: { size: ARROW_COLUMN, type: WidthType.DXA },
    borders: NO_BORDERS,
    verticalAlign: VerticalAlignTable.CENTER,
    margins: { left: 30, right: 30 },
    children: [new Paragraph({ style: S.mapArrow, text })],
  });
}
