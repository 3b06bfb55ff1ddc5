// The Competency Detail as a two-column table: "Area of Expertise | As Demonstrated By".
//
// Each area (a row of the tree's table) is split into rows that pdfmake keeps whole
// (dontBreakRows): the first holds the area's name and Knowledge/Skill Areas beside its first
// competencies, the rest hold one competency (with sub-bullets) each. So a page can break
// between competencies but an area's title never sits alone at the foot of a page, and the
// header row repeats on every page the table continues on.
import {
  listedInContents,
  type Block,
  type Heading,
  type ListItem,
  type Paragraph,
  type Row,
  type Table,
} from '../../compose/tree.js';
import { linesOf } from '../measure.js';
import type { BlockContext, RenderBlock } from './block-context.js';
import { HEADER_FILL, RULE } from './theme.js';
import { bulletList, plainList, runs, type Node } from './inline.js';
import { headingRole, newTag, tag, type Tag } from './tagging/tags.js';

/** Characters on a line of the right-hand column, and of the left one, at the table's sizes. */
const RIGHT_CHARS = 62;
const LEFT_CHARS = 27;
const LINE_HEIGHT = 12;
/**
 * A competency longer than this (in lines) might not fit a page: pdfmake drops a row kept whole that is taller than
 * a page, so a table holding one lets its rows break across pages instead.
 */
export const LONGEST_WHOLE_ROW = 36;

interface PdfRow {
  cells: [Node, Node];
  startsArea: boolean;
}

/** A piece of the right-hand cell kept whole: a competency, with the lead-in before it if it opens a group. */
interface Unit {
  leadIn: Paragraph | null;
  item: ListItem | null;
  /** The list the item is in: one list for a reader, however many rows it is split into. */
  list: Tag | null;
  other: Block | null;
  lines: number;
}

function unitsOf(blocks: Block[]): Unit[] {
  const units: Unit[] = [];
  let leadIn: Paragraph | null = null;
  for (const b of blocks) {
    if (b.kind === 'paragraph' && b.role === 'leadIn') {
      if (leadIn) units.push({ leadIn, item: null, list: null, other: null, lines: linesOf([leadIn], RIGHT_CHARS) });
      leadIn = b;
    } else if (b.kind === 'list' && b.style === 'bullet') {
      const list = newTag('L', { numbering: 'Disc' });
      b.items.forEach((item, i) => {
        const lead = i === 0 ? leadIn : null;
        units.push({
          leadIn: lead,
          item,
          list,
          other: null,
          lines: linesOf([{ kind: 'list', style: 'bullet', items: [item] }, ...(lead ? [lead] : [])], RIGHT_CHARS),
        });
      });
      leadIn = null;
    } else units.push({ leadIn: null, item: null, list: null, other: b, lines: linesOf([b], RIGHT_CHARS) });
  }
  if (leadIn) units.push({ leadIn, item: null, list: null, other: null, lines: linesOf([leadIn], RIGHT_CHARS) });
  return units;
}

function unitNode(u: Unit, render: RenderBlock): Node {
  const stack: Node[] = [];
  if (u.leadIn) stack.push(tag({ text: runs(u.leadIn.runs), style: 'leadIn' }, 'P'));
  if (u.item) stack.push(bulletList([u.item], 0, {}, u.list ?? undefined));
  if (u.other) stack.push(...render(u.other));
  return { stack };
}

/** The left cell: the area's name (a bookmark and contents entry), its label and its list of areas. */
function leftCell(blocks: Block[], ctx: BlockContext, render: RenderBlock): Node {
  const stack = blocks.map((b): Node => {
    if (b.kind === 'heading') return areaName(b, ctx.chapterId);
    if (b.kind === 'paragraph' && b.role === 'label') return tag({ text: runs(b.runs), style: 'areasLabel' }, 'P');
    if (b.kind === 'list' && b.style === 'plain') return { ...plainList(b.items, 'areasList') };
    return { stack: render(b) };
  });
  return { stack };
}

function areaName(h: Heading, chapterId: string): Node {
  return {
    pdfTag: newTag(headingRole(h.level)),
    text: h.text,
    style: 'areaName',
    id: h.id,
    tocItem: listedInContents(h),
    tocStyle: 'toc3',
    tocMargin: [24, 1, 0, 1],
    ...(listedInContents(h) ? { outline: true, outlineId: h.id, outlineParentId: chapterId } : {}),
  };
}

/** About how tall an area's first row is (it is kept whole), for keeping a heading with it. */
export function firstRowHeight(row: Row): number {
  return linesOf(row.cells[0].blocks, LEFT_CHARS) * LINE_HEIGHT + 24;
}

function areaRows(row: Row, ctx: BlockContext, render: RenderBlock): PdfRow[] {
  const [leftBlocks, rightBlocks] = [row.cells[0]?.blocks ?? [], row.cells[1]?.blocks ?? []];
  // One area is one row of the structure: its name and areas a row header, its competencies one cell,
  // however many rows of the page's table they are split into.
  const tr = newTag('TR');
  const th: Tag = newTag('TH', { scope: 'Row', via: [tr] });
  const td: Tag = newTag('TD', { via: [tr] });
  const left = tag(leftCell(leftBlocks, ctx, render), th);
  const leftLines = linesOf(leftBlocks, LEFT_CHARS);
  const units = unitsOf(rightBlocks);
  // First row: competencies until the right column is at least as tall as the left one.
  let taken = 0;
  let lines = 0;
  while (taken < units.length && lines < leftLines) lines += units[taken++].lines;
  const rows: PdfRow[] = [
    { startsArea: true, cells: [left, tag({ stack: units.slice(0, taken).map((u) => unitNode(u, render)) }, td)] },
  ];
  for (const u of units.slice(taken))
    rows.push({ startsArea: false, cells: [tag({ text: '' }, th), tag(unitNode(u, render), td)] });
  return rows;
}

/** The table; `render` draws the blocks of its cells that are not its own (blocks.ts's renderer, in `ctx`). */
export function competencyTable(table: Table, ctx: BlockContext, render: RenderBlock): Node {
  const head = newTag('TR');
  const header = table.columns.map((c) =>
    tag({ text: runs(c.title), style: 'tableHeader', fillColor: HEADER_FILL }, 'TH', { scope: 'Column', via: [head] }),
  );
  const rows = table.rows.flatMap((r) => areaRows(r, ctx, render));
  const startsArea = [true, ...rows.map((r) => r.startsArea)];
  const whole = table.rows.every(
    (r) =>
      unitsOf(r.cells[1]?.blocks ?? []).every((u) => u.lines <= LONGEST_WHOLE_ROW) &&
      linesOf(r.cells[0]?.blocks ?? [], LEFT_CHARS) <= LONGEST_WHOLE_ROW,
  );
  return {
    pdfTag: newTag('Table'),
    table: {
      headerRows: 1,
      // The header row never stays at the foot of a page without the first row.
      keepWithHeaderRows: whole ? 1 : 0,
      dontBreakRows: whole,
      widths: [150, '*'],
      body: [header, ...rows.map((r) => r.cells)],
    },
    layout: {
      // A rule above the header, above each area's first row and at the end of the table.
      hLineWidth: (i: number, node: Node) => (i === 0 || i === node.table.body.length || startsArea[i] ? 0.75 : 0),
      vLineWidth: () => 0.75,
      hLineColor: () => RULE,
      vLineColor: () => RULE,
      paddingLeft: () => 7,
      paddingRight: () => 7,
      paddingTop: (i: number) => (startsArea[i] ? 6 : 0),
      paddingBottom: (i: number, node: Node) => (i + 1 === node.table.body.length || startsArea[i + 1] ? 6 : 0),
    },
    margin: [0, 4, 0, 10],
  };
}
