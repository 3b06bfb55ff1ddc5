// The Competency Detail as a two-column table: "Area of Expertise | As Demonstrated By".
//
// Each area is split into rows that pdfmake keeps whole (dontBreakRows): the first row
// holds the area's name and Knowledge/Skill Areas beside its first competencies, the
// rest hold one competency (with sub-bullets) each. So a page can break between
// competencies but an area's title never sits alone at the foot of a page, and the
// header row repeats on every page the table continues on.
import type { CompetencyArea, CompetencyGroup, ListItem } from '../../model/schema.js';
import { plainText } from '../../read/inline.js';
import { HEADER_FILL, RULE } from './theme.js';
import { bulletList, runs, type Node } from './inline.js';

/** Rough line count of a competency in the right column, to balance the first row. */
function estimateLines(item: ListItem, charsPerLine = 62): number {
  const own = Math.ceil((plainText(item.text).length + 6) / charsPerLine);
  return own + item.children.reduce((n, c) => n + estimateLines(c, charsPerLine - 4), 0);
}

interface Row {
  cells: [Node, Node];
  startsArea: boolean;
}

function rightCell(leadIn: CompetencyGroup['leadIn'], items: ListItem[], notes: Node[] = []): Node {
  const stack: Node[] = [];
  if (leadIn) stack.push({ text: runs(leadIn), style: 'leadIn' });
  if (items.length) stack.push(bulletList(items));
  stack.push(...notes);
  return { stack };
}

const LINE_HEIGHT = 12;

/** Lines of the left cell: the area's name, its label and its list of areas. */
function leftLinesOf(area: CompetencyArea): number {
  return 3 + area.areas.reduce((n, a) => n + Math.ceil(a.length / 27), 0);
}

/** About how tall an area's first row is (it is kept whole), for keeping a heading with it. */
export function firstRowHeight(area: CompetencyArea): number {
  return leftLinesOf(area) * LINE_HEIGHT + 24;
}

function areaRows(area: CompetencyArea, parentOutline: string): Row[] {
  const left: Node = {
    stack: [
      { text: area.name, style: 'areaName', id: area.id, tocItem: true, tocStyle: 'toc3', tocMargin: [24, 1, 0, 1], outline: true, outlineId: area.id, outlineParentId: parentOutline },
      { text: area.areasLabel, style: 'areasLabel' },
      { ul: area.areas.map((a) => ({ text: a, style: 'areasList' })), type: 'none', margin: [-10, 0, 0, 0] },
    ],
  };
  const leftLines = leftLinesOf(area);
  // Flatten groups into (leadIn?, competency) units; a lead-in travels with its first competency.
  const units: { leadIn: CompetencyGroup['leadIn']; items: ListItem[]; lines: number }[] = [];
  for (const g of area.groups) {
    g.competencies.forEach((c, i) => {
      const leadIn = i === 0 ? g.leadIn : null;
      const leadLines = leadIn ? Math.ceil(plainText(leadIn).length / 62) : 0;
      units.push({ leadIn, items: [c], lines: estimateLines(c) + leadLines });
    });
  }
  const notes: Node[] = area.notes.map((b) => (b.kind === 'paragraph' ? { text: runs(b.text), style: 'note' } : { text: '' }));
  // First row: enough competencies to sit beside the area's name and areas list.
  let taken = 0;
  let lines = 0;
  // Take competencies until the right column is at least as tall as the left one.
  while (taken < units.length && lines < leftLines) {
    lines += units[taken].lines;
    taken++;
  }
  const first = units.slice(0, taken);
  const rows: Row[] = [
    {
      startsArea: true,
      cells: [left, { stack: first.map((u) => rightCell(u.leadIn, u.items)) }],
    },
  ];
  for (const u of units.slice(taken)) rows.push({ startsArea: false, cells: [{ text: '' }, rightCell(u.leadIn, u.items)] });
  if (notes.length) rows[rows.length - 1].cells[1].stack.push(...notes);
  return rows;
}

export function competencyTable(areas: CompetencyArea[], parentOutline: string): Node {
  const header = [
    { text: 'Area of Expertise', style: 'tableHeader', fillColor: HEADER_FILL },
    { text: 'As Demonstrated By', style: 'tableHeader', fillColor: HEADER_FILL },
  ];
  const rows = areas.flatMap((a) => areaRows(a, parentOutline));
  const startsArea = [true, ...rows.map((r) => r.startsArea)];
  return {
    table: {
      headerRows: 1,
      // The header row never stays at the foot of a page without the first row.
      keepWithHeaderRows: 1,
      dontBreakRows: true,
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
