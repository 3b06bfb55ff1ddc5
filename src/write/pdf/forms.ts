// Forms, logs and checklists: ruled boxes on paper, and the rectangles where fillable fields go.
import type { Form, FormField, Log, Run } from '../../compose/tree.js';
import { MUTED, RULE } from './theme.js';
import { runs, type Node } from './inline.js';
import { getPdfmake } from './pdfmake.js';
import { scriptText } from './scripts.js';

export interface FieldSpot {
  name: string;
  kind: 'text' | 'multiline' | 'checkbox';
  /** The drawn box; pdfmake writes its page and position onto it during layout. */
  marker: Node;
  width: number;
  height: number;
  /** Offset of the field's corner from the marker's position. */
  dx: number;
  dy: number;
}

/** Collects the field boxes of one document, with names unique in it. */
export class FieldSpots {
  readonly spots: FieldSpot[] = [];
  private readonly used = new Set<string>();
  add(name: string, kind: FieldSpot['kind'], marker: Node, width: number, height: number, offset = { dx: 0, dy: 0 }): void {
    let unique = name.replace(/[^A-Za-z0-9_]/g, '_');
    for (let n = 2; this.used.has(unique); n++) unique = `${name}_${n}`;
    this.used.add(unique);
    this.spots.push({ name: unique, kind, marker, width, height, ...offset });
  }
}

const BOX_FILL = '#f4f7fa';
const HEIGHTS: Record<FormField['kind'], number> = { text: 20, date: 20, multiline: 56, signature: 34, checkbox: 11 };

function box(width: number, height: number): Node {
  return { canvas: [{ type: 'rect', x: 0, y: 0, w: width, h: height, lineWidth: 0.75, lineColor: RULE, color: BOX_FILL }] };
}

function fieldNode(f: FormField, width: number, formId: string, spots: FieldSpots): Node {
  if (f.kind === 'checkbox') {
    const marker = box(HEIGHTS.checkbox, HEIGHTS.checkbox);
    if (f.value) marker.canvas.push({ type: 'polyline', points: [{ x: 2, y: 6 }, { x: 4.5, y: 9 }, { x: 9, y: 2 }], lineWidth: 1.2, lineColor: '#000' });
    else spots.add(`${formId}_${f.name}`, 'checkbox', marker, HEIGHTS.checkbox, HEIGHTS.checkbox);
    return { columns: [{ width: 16, stack: [marker] }, { width: '*', text: f.label, fontSize: 9.5 }], margin: [0, 4, 0, 4] };
  }
  const height = HEIGHTS[f.kind];
  const marker = box(width, height);
  const stack: Node[] = [{ text: f.label, fontSize: 7.5, font: 'Sans', bold: true, color: MUTED, margin: [0, 0, 0, 2] }, marker];
  if (f.value) {
    // Pre-filled: printed in the box with the embedded fonts, so every accent survives.
    stack.push({ text: scriptText(f.value, getPdfmake()), fontSize: 10, relativePosition: { x: 4, y: -height + 4 } });
  } else {
    spots.add(`${formId}_${f.name}`, f.kind === 'multiline' ? 'multiline' : 'text', marker, width, height);
  }
  return { stack, width, margin: [0, 4, 0, 4] };
}

function paragraphs(intro: Run[][]): Node[] {
  return intro.map((p) => ({ text: runs(p), style: 'body' }));
}

export function formNodes(form: Form, contentWidth: number, spots: FieldSpots): Node[] {
  const gap = 10;
  return [
    ...paragraphs(form.intro),
    ...form.rows.map((row) => {
      const free = contentWidth - gap * (row.length - 1);
      return { columns: row.map((f) => fieldNode(f, Math.floor(free * f.width), form.id, spots)), columnGap: gap };
    }),
  ];
}

export function logNodes(log: Log, contentWidth: number, spots: FieldSpots): Node[] {
  const pad = 4;
  const rowHeight = 22;
  const widths = log.columns.map((c) => Math.floor(contentWidth * c.width) - pad * 2 - 1);
  const body: Node[][] = [log.columns.map((c) => ({ text: c.label, style: 'tableHeader', fillColor: '#e8eef4' }))];
  for (let r = 0; r < log.rows; r++) {
    // A space in each cell tells, after layout, where the cell's text starts.
    body.push(
      log.columns.map((c, i) => {
        const marker = { text: ' ', fontSize: 8 };
        spots.add(`${log.id}_r${r + 1}_${c.label}`, 'text', marker, widths[i] + pad * 2, rowHeight, { dx: -pad, dy: -pad });
        return marker;
      }),
    );
  }
  return [
    ...paragraphs(log.intro),
    {
      table: { headerRows: 1, dontBreakRows: true, widths, heights: (i: number) => (i === 0 ? undefined : rowHeight), body },
      layout: { hLineColor: () => RULE, vLineColor: () => RULE, hLineWidth: () => 0.75, vLineWidth: () => 0.75, paddingLeft: () => pad, paddingRight: () => pad, paddingTop: () => pad, paddingBottom: () => pad },
      margin: [0, 4, 0, 10],
    },
  ];
}

export function checklistNodes(id: string, items: Run[][], spots: FieldSpots): Node[] {
  return items.map((item, i) => {
    const marker = box(11, 11);
    spots.add(`${id}_${i + 1}`, 'checkbox', marker, 11, 11);
    return { columns: [{ width: 18, stack: [marker], margin: [0, 1, 0, 0] }, { width: '*', text: runs(item) }], margin: [0, 2, 0, 4] };
  });
}
