// What a packet's candidate fills in: checklists (a box to tick per item), forms (labelled cells) and logs (ruled rows).
import {
  CheckBox,
  HeightRule,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type FileChild,
} from 'docx';
import type { Form, FormField, Log, Run } from '../../compose/tree.js';
import { plainRuns, runsOf } from './inline.js';
import { scriptRuns } from './scripts.js';
import { CHECKLIST_INDENT, S } from './styles.js';
import { fixedTable, headerRow, spacer } from './table.js';

/** Heights (twips, at least) of the rows a person writes in: about 0.4 in a line, more to sign in. */
const LOG_ROW = 560;
const SIGNATURE_ROW = 1000;
const MULTILINE_LINES = 3;
/** Two fields' edges closer than this (twips) are one column edge, so rounding makes no sliver columns. */
const SNAP = 120;

/**
 * A box a person can tick: a Word checkbox content control (w14:checkbox), which Word and LibreOffice toggle with a
 * click and which shows "☐" (U+2610) on paper. docx writes it without ids, so the bytes stay the same from build to build.
 */
export function tickBox(checked = false): CheckBox {
  return new CheckBox({ checked });
}

/** Each item: the box, a tab to the hanging indent, the text. */
export function checklist(items: Run[][]): Paragraph[] {
  return items.map(
    (item) =>
      new Paragraph({
        style: S.checklist,
        tabStops: [{ type: TabStopType.LEFT, position: CHECKLIST_INDENT }],
        children: [tickBox(), new TextRun({ children: [new Tab()] }), ...runsOf(item)],
      }),
  );
}

/** The form's instructions, then one table row per row of fields (its title is the heading before it). */
export function form(f: Form, textWidth: number): FileChild[] {
  const rows = f.rows.filter((r) => r.length > 0);
  const grid = gridOf(rows.flatMap((r) => fieldEdges(r, textWidth)));
  const edges = rows.map((r) => fieldEdges(r, textWidth).map((x) => nearest(grid, x)));
  const columnWidths = grid.slice(1).map((x, i) => x - grid[i]);
  const tableRows = rows.map((fields, r) => {
    const e = edges[r];
    return new TableRow({
      cantSplit: true,
      height: fields.some((x) => x.kind === 'signature') ? { value: SIGNATURE_ROW, rule: HeightRule.ATLEAST } : undefined,
      children: fields.map((field, i) => {
        const [from, to] = [grid.indexOf(e[i]), grid.indexOf(e[i + 1])];
        return new TableCell({
          width: { size: e[i + 1] - e[i], type: WidthType.DXA },
          columnSpan: to - from > 1 ? to - from : undefined,
          verticalAlign: field.kind === 'checkbox' ? VerticalAlignTable.CENTER : undefined,
          children: fieldParagraphs(field),
        });
      }),
    });
  });
  return [
    ...f.intro.map((p) => new Paragraph({ keepNext: true, children: runsOf(p) })),
    ...(tableRows.length > 0 ? [formTable(tableRows, columnWidths), spacer()] : []),
  ];
}

/** A log: its title and instructions, a header row of the column labels that repeats on every page, and empty rows. */
export function log(l: Log, textWidth: number, accent: string): FileChild[] {
  const total = l.columns.reduce((a, c) => a + c.width, 0) || 1;
  const edges = [0, ...cumulative(l.columns.map((c) => c.width)).map((x) => Math.round((x / total) * textWidth))];
  const widths = edges.slice(1).map((x, i) => x - edges[i]);
  const empty = () =>
    new TableRow({
      cantSplit: true,
      height: { value: LOG_ROW, rule: HeightRule.ATLEAST },
      children: widths.map(
        (w) => new TableCell({ width: { size: w, type: WidthType.DXA }, children: [new Paragraph({ style: S.tableText })] }),
      ),
    });
  const header = headerRow(
    l.columns.map((c) => [{ text: c.label }]),
    widths,
    accent,
  );
  return [
    ...l.intro.map((p) => new Paragraph({ keepNext: true, children: runsOf(p) })),
    ...(widths.length > 0 ? [formTable([header, ...Array.from({ length: l.rows }, empty)], widths), spacer()] : []),
  ];
}

/** The label, small and bold, over the value when the packet is pre-filled, else room to type. */
function fieldParagraphs(field: FormField): Paragraph[] {
  if (field.kind === 'checkbox') {
    return [new Paragraph({ style: S.formValue, children: [tickBox(isChecked(field.value)), new TextRun(' '), ...plainRuns(field.label)] })];
  }
  const label = new Paragraph({ style: S.formLabel, children: plainRuns(field.label) });
  if (field.value !== undefined && field.value !== '') {
    return [label, new Paragraph({ style: S.formValue, children: scriptRuns(field.value) })];
  }
  const lines = field.kind === 'multiline' ? MULTILINE_LINES : 1;
  return [label, ...Array.from({ length: lines }, () => new Paragraph({ style: S.formValue }))];
}

/** A pre-filled checkbox's value: "x", "yes", "true", "on", "1" or "checked" tick it. */
function isChecked(value: string | undefined): boolean {
  return value !== undefined && /^(x|yes|true|on|1|checked)$/i.test(value.trim());
}

function formTable(rows: TableRow[], columnWidths: number[]): Table {
  return fixedTable(rows, columnWidths, S.formTable);
}

function cumulative(xs: number[]): number[] {
  let sum = 0;
  return xs.map((x) => (sum += x));
}

/** A row's field edges in twips, from 0 to the text width (shares are taken relative to the row's total). */
function fieldEdges(fields: FormField[], textWidth: number): number[] {
  const total = fields.reduce((a, f) => a + f.width, 0) || 1;
  return [0, ...cumulative(fields.map((f) => f.width)).map((x) => Math.round((x / total) * textWidth))];
}

/**
 * The table's grid (w:gridCol): every edge of every row's fields, edges within SNAP of one another made one, so rows
 * split differently share columns (a cell spans the grid columns between its edges) and rounding makes no slivers.
 */
function gridOf(edges: number[]): number[] {
  const grid: number[] = [];
  for (const e of [...edges].sort((a, b) => a - b)) if (grid.length === 0 || e - grid[grid.length - 1] >= SNAP) grid.push(e);
  // The right edge is exactly the text width (the largest edge).
  grid[grid.length - 1] = Math.max(...edges);
  return grid;
}

function nearest(grid: number[], x: number): number {
  return grid.reduce((best, g) => (Math.abs(g - x) < Math.abs(best - x) ? g : best));
}
