// The Impact Map: five columns side by side on a landscape page, joined by arrows.
import { runsText, type ImpactMap, type ListItem } from '../../compose/tree.js';
import { runs, type Node } from './inline.js';
import { newTag, tag, type Tag } from './tagging/tags.js';

const FONT_SIZES = [8, 7.5, 7, 6.5, 6];
/** When no size fits one page, the map continues on a second landscape page at this size. */
export const SPREAD_FONT_SIZE = 7;
/** Average glyph width of the serif face, as a fraction of the font size. */
const CHAR_WIDTH = 0.5;
const ARROW_WIDTH = 16;

function countLines(items: ListItem[], chars: number): number {
  return items.reduce(
    (n, it) => n + Math.ceil((runsText(it.runs).length + 5) / chars) + countLines(it.children, chars - 3),
    0,
  );
}

/** Estimated height of a column's items at a font size, in points. */
function columnHeight(items: ListItem[], width: number, fontSize: number): number {
  const chars = Math.max(8, (width - 12) / (CHAR_WIDTH * fontSize));
  return countLines(items, chars) * fontSize * 1.25 + items.length * 2;
}

const SEPARATOR = ' • ';

/** A group with its sub-items run on into one line of text (for estimating). */
function flattenGroup(item: ListItem): ListItem {
  return {
    ...item,
    runs: [...item.runs, { text: ' ' + item.children.map((c) => runsText(c.runs)).join(SEPARATOR) }],
    children: [],
  };
}

function compactGroups(items: ListItem[], accent: string, fontSize: number): Node {
  return {
    stack: items.map((it) =>
      tag(
        {
          unbreakable: true,
          text: [
            ...runs(it.runs).map((r) => ({ ...r, bold: true, color: accent })),
            ...(it.children.length ? [{ text: '\n' }] : []),
            ...it.children.flatMap((c, k) => [...(k ? [{ text: SEPARATOR, color: accent }] : []), ...runs(c.runs)]),
          ],
          fontSize,
          lineHeight: 1.1,
          margin: [0, 0, 0, 3],
        },
        'P',
      ),
    ),
  };
}

function itemNodes(items: ListItem[], depth: number, accent: string, fontSize: number): Node {
  return {
    pdfTag: newTag('L', { numbering: depth === 0 ? 'Square' : 'Circle' }),
    ul: items.map((it) => {
      const text = tag(
        {
          text: runs(it.runs),
          bold: depth === 0 && it.children.length > 0,
          color: depth === 0 && it.children.length > 0 ? accent : undefined,
        },
        'P',
      );
      const li = { via: [newTag('LI')] };
      // An item never breaks across the two pages of a long map.
      return it.children.length
        ? tag(
            { stack: [text, itemNodes(it.children, depth + 1, accent, fontSize)], unbreakable: depth > 0 },
            'LBody',
            li,
          )
        : tag({ stack: [text], unbreakable: true }, 'LBody', li);
    }),
    type: depth === 0 ? 'square' : 'circle',
    markerColor: accent,
    style: 'mapItem',
    fontSize,
    margin: [0, depth === 0 ? 0 : 1, 0, depth === 0 ? 0 : 2],
  };
}

/**
 * An arrow between two columns, drawn with lines only: pdfmake restores a line's ends when it lays a node out again
 * (a map's row moved to its second page), but not a polyline's points, which were moved twice and drew the head
 * away from its shaft.
 */
function arrow(height: number, accent: string): Node {
  const y = height / 2;
  const line = (x1: number, y1: number, x2: number, y2: number) => ({
    type: 'line',
    x1,
    y1,
    x2,
    y2,
    lineWidth: 2,
    lineColor: accent,
    lineCap: 'round',
  });
  return {
    canvas: [
      line(1, y, ARROW_WIDTH - 1, y),
      line(ARROW_WIDTH - 6, y - 5, ARROW_WIDTH - 1, y),
      line(ARROW_WIDTH - 6, y + 5, ARROW_WIDTH - 1, y),
    ],
  };
}

export interface MapGeometry {
  usableWidth: number;
  usableHeight: number;
}

/** `notesNodes` renders a note that is not a paragraph (a list, a table) as any block. */
export function impactMapNodes(
  map: ImpactMap,
  accent: string,
  parentOutline: string,
  g: MapGeometry,
  notesNodes: (blocks: ImpactMap['notes']) => Node[],
  forcedFontSize?: number,
): Node[] {
  const { usableWidth, usableHeight } = g;
  // Widths in proportion to each column's text (a bullet wastes about half a line), so the
  // columns come out about equally tall; short columns keep a readable minimum.
  const bulk = (items: ListItem[]): number =>
    items.reduce((n, it) => n + runsText(it.runs).length + 20 + bulk(it.children), 0);
  const compactBulk = (items: ListItem[]) =>
    items.reduce(
      (n, it) => n + runsText(it.runs).length + 20 + it.children.reduce((k, c) => k + runsText(c.runs).length + 3, 0),
      0,
    );
  const need = map.columns.map((c, i) => (i === 0 ? compactBulk(c.items) : bulk(c.items)));
  const free = usableWidth - ARROW_WIDTH * 4 - 8 * 9; // 9 cells, 4 pt padding each side
  const minWidth = 78;
  const total = need.reduce((a, b) => a + b, 0);
  let widths = need.map((n) => Math.max(minWidth, (free * n) / total));
  const over = widths.reduce((a, b) => a + b, 0) - free;
  const flexible = widths.filter((w) => w > minWidth).reduce((a, b) => a + b, 0);
  widths = widths.map((w) => (w > minWidth ? w - (over * w) / flexible : w));

  const available = usableHeight - 60 - map.notes.length * 26;
  const fontSize =
    forcedFontSize ??
    FONT_SIZES.find((f) =>
      map.columns.every(
        (c, i) => columnHeight(i === 0 ? c.items.map(flattenGroup) : c.items, widths[i], f) <= available,
      ),
    ) ??
    FONT_SIZES[FONT_SIZES.length - 1];
  // Capabilities is a long list of short skills: each group's skills run on as one paragraph.
  const bodies: Node[] = map.columns.map((col, i) =>
    i === 0 ? compactGroups(col.items, accent, fontSize) : itemNodes(col.items, 0, accent, fontSize),
  );
  // Row 1: column titles (repeated if a long map continues on a second landscape page); row 2: the items.
  const titles: Node[] = [];
  const row: Node[] = [];
  const tableWidths: (number | string)[] = [];
  // For a reader the map is its columns in order, each a section with its title and its list; the
  // arrows and the table around them are drawing.
  map.columns.forEach((col, i) => {
    const column: Tag = newTag('Sect');
    if (i > 0) {
      titles.push({ text: '' });
      row.push(arrow(Math.min(usableHeight * 0.6, 260), accent));
      tableWidths.push(ARROW_WIDTH);
    }
    titles.push(
      tag({ text: col.title, style: 'mapColumnTitle', fillColor: accent, margin: [0, 2, 0, 2] }, 'H3', {
        via: [column],
      }),
    );
    const body: Node = { ...bodies[i], margin: [0, 3, 0, 0] };
    row.push(tag(body, body.pdfTag ?? newTag('Div'), {}));
    (body.pdfTag as Tag).via = [column];
    tableWidths.push(widths[i]);
  });
  return [
    {
      pdfTag: newTag('H2'),
      text: map.title,
      style: 'mapTitle',
      id: map.id,
      tocItem: true,
      tocStyle: 'toc2',
      tocMargin: [12, 2, 0, 2],
      outline: true,
      outlineId: map.id,
      outlineParentId: parentOutline,
      pageBreak: 'before',
      pageOrientation: 'landscape',
    },
    // Notes under the title, in the map's small type: every kind of block (a list or table too).
    ...map.notes.map((b): Node =>
      b.kind === 'paragraph'
        ? tag({ text: runs(b.runs), style: 'mapNote' }, 'P')
        : { stack: notesNodes([b]), fontSize: 7.5 },
    ),
    {
      pdfTag: newTag('Div'),
      table: { headerRows: 1, widths: tableWidths, body: [titles, row] },
      layout: {
        defaultBorder: false,
        paddingLeft: () => 4,
        paddingRight: () => 4,
        paddingTop: () => 0,
        paddingBottom: () => 0,
      },
    },
  ];
}

/** The font sizes to try, largest first, starting from the estimate. */
export function candidateFontSizes(): number[] {
  return [...FONT_SIZES];
}
