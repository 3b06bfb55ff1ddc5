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
  WidthType,
  type FileChild,
} from 'docx';
import type { Form, FormField, Log, Run } from '../../compose/tree.js';
import { plainRuns, runsOf } from './inline.js';
import { scriptRuns } from './scripts.js';
import { CHECKLIST_INDENT, S } from './styles.js';
import { fixedTable, headerRow, spacer } from './table.js';
import { contentControl } from './content-control.js';
import { fieldName } from '../../compose/packet.js';

/** Heights (twips, at least) of the rows a person writes in: about 0.4 in a line, more to sign in. */
const LOG_ROW = 560;

/**
 * A box a person can tick: a Word checkbox content control (w14:checkbox), which Word and LibreOffice toggle with a
 * click and which shows "☐" (U+2610) on paper. docx writes it without ids, so the bytes stay the same from build to build.
 */
export function tickBox(checked = false): CheckBox {
  return new CheckBox({ checked });
}

/** Each item: the box (named as the PDF's check box, its alias the item's text), a tab to the hanging indent, the text. */
export function checklist(id: string, items: Run[][]): Paragraph[] {
  return items.map(
    (item, i) =>
      new Paragraph({
        style: S.checklist,
        tabStops: [{ type: TabStopType.LEFT, position: CHECKLIST_INDENT }],
        children: [contentControl({ tag: fieldName(id, String(i + 1)), label: item.map((r) => r.text).join(''), kind: 'checkbox' }), new TextRun({ children: [new Tab()] }), ...runsOf(item)],
      }),
  );
}

/**
 * The form's instructions, then each field: its label over a content control named as the PDF's field (a check box
 * with its label beside it). Fields side by side in the PDF are one after another here, so nothing needs a table.
 */
export function form(f: Form): FileChild[] {
  return [...f.intro.map((p) => new Paragraph({ keepNext: true, children: runsOf(p) })), ...f.rows.flat().flatMap((field) => fieldParagraphs(f.id, field))];
}

/** A log: its title and instructions, a header row of the column labels that repeats on every page, and empty rows. */
export function log(l: Log, textWidth: number, accent: string): FileChild[] {
  const total = l.columns.reduce((a, c) => a + c.width, 0) || 1;
  const edges = [0, ...cumulative(l.columns.map((c) => c.width)).map((x) => Math.round((x / total) * textWidth))];
  const widths = edges.slice(1).map((x, i) => x - edges[i]);
  // Each cell a content control, named and labelled as the PDF's field for that cell ("Hours, row 3").
  const empty = (_: unknown, r: number) =>
    new TableRow({
      cantSplit: true,
      height: { value: LOG_ROW, rule: HeightRule.ATLEAST },
      children: widths.map(
        (w, i) =>
          new TableCell({
            width: { size: w, type: WidthType.DXA },
            children: [new Paragraph({ style: S.tableText, children: [contentControl({ tag: fieldName(l.id, `r${r + 1}_${l.columns[i].label}`), label: `${l.columns[i].label}, row ${r + 1}`, kind: 'text' })] })],
          }),
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

/** The label, small and bold, over the value when the packet is pre-filled, else a content control to type into. */
function fieldParagraphs(formId: string, field: FormField): Paragraph[] {
  const tag = fieldName(formId, field.name);
  if (field.kind === 'checkbox') {
    return [new Paragraph({ style: S.formValue, children: [contentControl({ tag, label: field.label, kind: 'checkbox', checked: isChecked(field.value) }), new TextRun(' '), ...plainRuns(field.label)] })];
  }
  const label = new Paragraph({ style: S.formLabel, keepNext: true, children: plainRuns(field.label) });
  if (field.readOnly) return [label, new Paragraph({ style: S.formValue, children: [contentControl({ tag, label: field.label, kind: 'text', readOnly: true, runs: scriptRuns(field.value ?? '') })] })];
  if (field.value !== undefined && field.value !== '') {
    return [label, new Paragraph({ style: S.formValue, children: scriptRuns(field.value) })];
  }
  const kind = field.kind === 'multiline' ? 'multiline' : field.kind === 'date' ? 'date' : 'text';
  return [label, new Paragraph({ style: S.formValue, children: [contentControl({ tag, label: field.label, kind })] })];
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
