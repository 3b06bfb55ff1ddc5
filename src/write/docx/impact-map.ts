// The Impact Map: its title and notes, then the five columns side by side with arrows between them (a landscape section).
import type { ImpactMap } from '../../compose/tree.js';
import type { El } from '../../xml/wordml.js';
import type { BlockContext } from './block-context.js';
import { contentsHeading } from './heading.js';
import { stringRuns } from './inline.js';
import { listParagraphs } from './numbering.js';
import { S } from './styles.js';
import { cell, para, row, run, table, type Border } from './wml.js';

/** Relative widths of the five columns: the first two carry most of the text. */
const WEIGHTS = [1.45, 1.45, 0.95, 0.95, 0.9];
const ARROW_COLUMN = 400;
const NONE: Border = { style: 'none', size: 0, color: 'auto' };

export function impactMap(map: ImpactMap, ctx: BlockContext): El[] {
  const widths = columnWidths(ctx.textWidth);
  // Table columns: map column, arrow, map column, arrow, ... map column.
  const grid = widths.flatMap((w, i) => (i === 0 ? [w] : [ARROW_COLUMN, w]));
  const between = <T>(cells: T[], arrow: () => T) => cells.flatMap((c, i) => (i === 0 ? [c] : [arrow(), c]));
  const header = row(
    { cantSplit: true, header: true },
    between(
      map.columns.map((column, i) =>
        cell({ width: widths[i], shading: ctx.accentShading, verticalAlign: 'center' }, [
          para({ style: S.tableHeading }, stringRuns(column.title)),
        ]),
      ),
      () => arrowCell(''),
    ),
  );
  const body = row(
    {},
    between(
      map.columns.map((column, i) => cell({ width: widths[i] }, listOrEmpty(column.items, ctx))),
      () => arrowCell('→'),
    ),
  );
  const title = [run({ text: map.title })];
  return [
    map.title.trim() === ''
      ? para({ style: S.heading[1], spacing: { before: 0 } }, title)
      : contentsHeading(ctx.counters, 2, map.title, { style: S.heading[1], spacing: { before: 0 } }, title),
    ...ctx.render(map.notes, ctx),
    table(S.table, grid, [header, body]),
  ];
}

function columnWidths(textWidth: number): number[] {
  const room = textWidth - ARROW_COLUMN * (WEIGHTS.length - 1);
  const total = WEIGHTS.reduce((a, b) => a + b, 0);
  const widths = WEIGHTS.map((w) => Math.floor((room * w) / total));
  widths[widths.length - 1] += room - widths.reduce((a, b) => a + b, 0);
  return widths;
}

function listOrEmpty(items: ImpactMap['columns'][number]['items'], ctx: BlockContext): El[] {
  if (items.length === 0) return [para({ style: S.mapText })];
  return listParagraphs(items, {
    ordered: false,
    styles: { bullet: S.mapBullet, number: S.mapBullet[0] },
    counters: ctx.counters,
  });
}

function arrowCell(text: string): El {
  return cell(
    {
      width: ARROW_COLUMN,
      borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
      verticalAlign: 'center',
      margins: { left: 30, right: 30 },
    },
    [para({ style: S.mapArrow }, text === '' ? [] : [run({ text })])],
  );
}
