// Forms, logs and checklists: ruled boxes on paper, and the rectangles where fillable fields go.
import type { Form, FormField, Log, Run } from '../../compose/tree.js';
import { MUTED, RULE, ruledLayout } from './theme.js';
import { runs, type Node } from './inline.js';
import { getPdfmake } from './pdfmake.js';
import { printedMetrics } from '../../text/coverage.js';
import { scriptText } from './scripts.js';
import { newTag, tag, type Tag } from './tagging/tags.js';

export interface FieldSpot {
  name: string;
  kind: 'text' | 'multiline' | 'checkbox';
  /** The field's accessible name (/TU): its label. */
  label: string;
  /** The field's Form element in the structure tree. */
  tag: Tag;
  /** The drawn box; pdfmake writes its page and position onto it during layout. */
  marker: Node;
  width: number;
  height: number;
  /** Offset of the field's corner from the marker's position. */
  dx: number;
  dy: number;
  /** A read-only field's value (the packet id). */
  readOnlyValue?: string;
}

/** Collects the field boxes of one document, with names unique in it. */
export class FieldSpots {
  readonly spots: FieldSpot[] = [];
  private readonly used = new Set<string>();
  /** A field at `marker`, which becomes the field's Form element (or sits inside `form`, when given). */
  add(
    name: string,
    label: string,
    kind: FieldSpot['kind'],
    marker: Node,
    width: number,
    height: number,
    offset = { dx: 0, dy: 0 },
    form?: Tag,
    readOnlyValue?: string,
  ): void {
    let unique = name.replace(/[^A-Za-z0-9_]/g, '_');
    for (let n = 2, plain = unique; this.used.has(unique); n++) unique = `${plain}_${n}`;
    this.used.add(unique);
    const own = form ?? tag(marker, 'Form').pdfTag;
    this.spots.push({
      name: unique,
      label,
      kind,
      marker,
      width,
      height,
      tag: own,
      ...offset,
      ...(readOnlyValue !== undefined ? { readOnlyValue } : {}),
    });
  }
}

const BOX_FILL = '#f4f7fa';
const HEIGHTS: Record<FormField['kind'], number> = { text: 20, date: 20, multiline: 56, signature: 34, checkbox: 11 };

/** A pre-filled value: its size, the smallest it may shrink to before it wraps, its inset in the box and line spacing. */
const VALUE = { size: 10, minSize: 7, inset: 4, lineHeight: 1.15 } as const;

/** For a value wider than its box at the usual size: the size it prints at and the box's height; null if it fits. */
export function fittedValue(value: string, width: number): { size: number; height: number } | null {
  const room = width - 2 * VALUE.inset;
  const natural = printedMetrics.width(value, VALUE.size);
  if (natural <= room) return null;
  // Half points down to the smallest size; then the lines it wraps into, cut as the PDF writer cuts a long word
  // (after the last of / . - _ ? & = that fits, else where it must: write/pdf/long-words.ts).
  const size = Math.max(VALUE.minSize, Math.floor(((VALUE.size * room) / natural) * 2) / 2);
  const lines = wrappedLines(value, size, room);
  const lineHeight = printedMetrics.lineHeight(value, size) * VALUE.lineHeight;
  return { size, height: Math.max(HEIGHTS.text, Math.ceil(lines * lineHeight + 2 * VALUE.inset + 2)) };
}

function wrappedLines(value: string, size: number, room: number): number {
  let rest = value;
  let lines = 0;
  while (rest) {
    lines++;
    let fits = 1;
    while (fits < rest.length && printedMetrics.width(rest.slice(0, fits + 1), size) <= room) fits++;
    if (fits < rest.length) {
      let end = fits;
      while (end > 0 && !/[/.\-_?&=]/.test(rest[end - 1])) end--;
      if (end > 0 && printedMetrics.width(rest.slice(0, end), size) >= room / 4) fits = end;
    }
    rest = rest.slice(fits);
  }
  return lines;
}

function box(width: number, height: number): Node {
  return {
    canvas: [{ type: 'rect', x: 0, y: 0, w: width, h: height, lineWidth: 0.75, lineColor: RULE, color: BOX_FILL }],
  };
}

function fieldNode(f: FormField, width: number, formId: string, spots: FieldSpots): Node {
  if (f.kind === 'checkbox') {
    const marker = box(HEIGHTS.checkbox, HEIGHTS.checkbox);
    if (f.value)
      marker.canvas.push({
        type: 'polyline',
        points: [
          { x: 2, y: 6 },
          { x: 4.5, y: 9 },
          { x: 9, y: 2 },
        ],
        lineWidth: 1.2,
        lineColor: '#000',
      });
    else spots.add(`${formId}_${f.name}`, f.label, 'checkbox', marker, HEIGHTS.checkbox, HEIGHTS.checkbox);
    return {
      columns: [{ width: 16, stack: [marker] }, tag({ width: '*', text: f.label, fontSize: 9.5 }, 'P')],
      margin: [0, 4, 0, 4],
    };
  }
  const height = HEIGHTS[f.kind];
  const marker = box(width, height);
  const stack: Node[] = [
    tag({ text: f.label, fontSize: 7.5, font: 'Sans', bold: true, color: MUTED, margin: [0, 0, 0, 2] }, 'P'),
    marker,
  ];
  if (f.readOnly) {
    // The packet id: a field, so a returned PDF still carries it, that no one types into.
    spots.add(`${formId}_${f.name}`, f.label, 'text', marker, width, height, undefined, undefined, f.value ?? '');
  } else if (f.value) {
    // Pre-filled: printed in the box with the embedded fonts, so every accent survives.
    const fit = fittedValue(f.value, width);
    if (!fit)
      stack.push(
        tag(
          {
            text: scriptText(f.value, getPdfmake()),
            fontSize: VALUE.size,
            relativePosition: { x: VALUE.inset, y: -height + VALUE.inset },
          },
          'P',
        ),
      );
    else {
      // Too long for the box at the usual size (an e-mail address may have 254 characters): smaller, then wrapped,
      // inside a box grown to hold it.
      marker.canvas[0].h = fit.height;
      const text = tag(
        {
          width: width - 2 * VALUE.inset,
          text: scriptText(f.value, getPdfmake()),
          fontSize: fit.size,
          lineHeight: VALUE.lineHeight,
        },
        'P',
      );
      stack.push({ columns: [text], relativePosition: { x: VALUE.inset, y: -fit.height + VALUE.inset } });
    }
  } else {
    spots.add(`${formId}_${f.name}`, f.label, f.kind === 'multiline' ? 'multiline' : 'text', marker, width, height);
  }
  return { stack, width, margin: [0, 4, 0, 4] };
}

function paragraphs(intro: Run[][]): Node[] {
  return intro.map((p) => tag({ text: runs(p), style: 'body' }, 'P'));
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
  const head = newTag('TR');
  const body: Node[][] = [
    log.columns.map((c) =>
      tag({ text: c.label, style: 'tableHeader', fillColor: '#e8eef4' }, 'TH', { scope: 'Column', via: [head] }),
    ),
  ];
  for (let r = 0; r < log.rows; r++) {
    const row = newTag('TR');
    // A space in each cell tells, after layout, where the cell's text starts.
    body.push(
      log.columns.map((c, i) => {
        const marker: Node = tag({ text: ' ', fontSize: 8 }, 'Form', { via: [row, newTag('TD')] });
        spots.add(
          `${log.id}_r${r + 1}_${c.label}`,
          `${c.label}, row ${r + 1}`,
          'text',
          marker,
          widths[i] + pad * 2,
          rowHeight,
          { dx: -pad, dy: -pad },
          marker.pdfTag,
        );
        return marker;
      }),
    );
  }
  return [
    ...paragraphs(log.intro),
    {
      pdfTag: newTag('Table'),
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths,
        heights: (i: number) => (i === 0 ? undefined : rowHeight),
        body,
      },
      layout: ruledLayout(pad, pad),
      margin: [0, 4, 0, 10],
    },
  ];
}

export function checklistNodes(id: string, items: Run[][], spots: FieldSpots): Node[] {
  const list = newTag('L', { numbering: 'None' });
  return items.map((item, i) => {
    const marker = box(11, 11);
    const label = plainText(item);
    // Each item: its checkbox (the item's label) and its text.
    spots.add(
      `${id}_${i + 1}`,
      label,
      'checkbox',
      marker,
      11,
      11,
      undefined,
      tag(marker, 'Form', { via: [newTag('Lbl')] }).pdfTag,
    );
    return tag(
      {
        columns: [{ width: 18, stack: [marker], margin: [0, 1, 0, 0] }, tag({ width: '*', text: runs(item) }, 'LBody')],
        margin: [0, 2, 0, 4],
      },
      'LI',
      { via: [list] },
    );
  });
}

function plainText(item: Run[]): string {
  return item.map((r) => r.text).join('');
}
