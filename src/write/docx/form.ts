// What a packet's candidate fills in: checklists (a box to tick per item), forms (labelled cells) and logs (ruled rows).
import type { Form, FormField, Log, Run } from '../../compose/tree.js';
import type { El } from '../../xml/wordml.js';
import { spacer } from './block-context.js';
import { stringRuns, runsOf } from './inline.js';
import { scriptRuns } from './scripts.js';
import { CHECKLIST_INDENT, S } from './styles.js';
import { headerRow } from './table.js';
import { contentControl } from './content-control.js';
import { fieldName } from '../../compose/packet.js';
import { placeholderIndex } from '../../compose/read-only-values.js';
import { hole } from './holes.js';
import { cell, para, row, run, tab, table } from './wml.js';

/** Heights (twips, at least) of the rows a person writes in: about 0.4 in a line, more to sign in. */
const LOG_ROW = 560;

/** Each item: the box (named as the PDF's check box, its alias the item's text), a tab to the hanging indent, the text. */
export function checklist(id: string, items: Run[][]): El[] {
  return items.map((item, i) =>
    para({ style: S.checklist, tabs: [{ type: 'left', position: CHECKLIST_INDENT }] }, [
      contentControl({ tag: fieldName(id, String(i + 1)), label: item.map((r) => r.text).join(''), kind: 'checkbox' }),
      run({ children: [tab()] }),
      ...runsOf(item),
    ]),
  );
}

/**
 * The form's instructions, then each field: its label over a content control named as the PDF's field (a check box
 * with its label beside it). Fields side by side in the PDF are one after another here, so nothing needs a table.
 */
export function form(f: Form): El[] {
  return [
    ...f.intro.map((p) => para({ keepNext: true }, runsOf(p))),
    ...f.rows.flat().flatMap((field) => fieldParagraphs(f.id, field)),
  ];
}

/** A log: its title and instructions, a header row of the column labels that repeats on every page, and empty rows. */
export function log(l: Log, textWidth: number, accentShading: El): El[] {
  const total = l.columns.reduce((a, c) => a + c.width, 0) || 1;
  const edges = [0, ...cumulative(l.columns.map((c) => c.width)).map((x) => Math.round((x / total) * textWidth))];
  const widths = edges.slice(1).map((x, i) => x - edges[i]);
  // Each cell a content control, named and labelled as the PDF's field for that cell ("Hours, row 3").
  const empty = (_: unknown, r: number) =>
    row(
      { cantSplit: true, height: { value: LOG_ROW, rule: 'atLeast' } },
      widths.map((w, i) =>
        cell({ width: w }, [
          para({ style: S.tableText }, [
            contentControl({
              tag: fieldName(l.id, `r${r + 1}_${l.columns[i].label}`),
              label: `${l.columns[i].label}, row ${r + 1}`,
              kind: 'text',
            }),
          ]),
        ]),
      ),
    );
  const header = headerRow(
    l.columns.map((c) => [{ text: c.label }]),
    widths,
    accentShading,
  );
  return [
    ...l.intro.map((p) => para({ keepNext: true }, runsOf(p))),
    ...(widths.length > 0
      ? [table(S.formTable, widths, [header, ...Array.from({ length: l.rows }, empty)]), spacer()]
      : []),
  ];
}

/** The label, small and bold, over the value when the packet is pre-filled, else a content control to type into. */
function fieldParagraphs(formId: string, field: FormField): El[] {
  const tag = fieldName(formId, field.name);
  if (field.kind === 'checkbox') {
    return [
      para({ style: S.formValue }, [
        contentControl({ tag, label: field.label, kind: 'checkbox', checked: isChecked(field.value) }),
        run({ text: ' ' }),
        ...stringRuns(field.label),
      ]),
    ];
  }
  const label = para({ style: S.formLabel, keepNext: true }, stringRuns(field.label));
  if (field.readOnly) {
    // A placeholder (a part laid out for every edition) is a hole its document fills with the value's runs.
    const k = placeholderIndex(field.value ?? '');
    const runs = k === undefined ? scriptRuns(field.value ?? '') : [hole({ kind: 'readOnlyValue', k })];
    return [
      label,
      para({ style: S.formValue }, [contentControl({ tag, label: field.label, kind: 'text', readOnly: true, runs })]),
    ];
  }
  if (field.value !== undefined && field.value !== '') {
    return [label, para({ style: S.formValue }, scriptRuns(field.value))];
  }
  const kind = field.kind === 'multiline' ? 'multiline' : field.kind === 'date' ? 'date' : 'text';
  return [label, para({ style: S.formValue }, [contentControl({ tag, label: field.label, kind })])];
}

/** A pre-filled checkbox's value: "x", "yes", "true", "on", "1" or "checked" tick it. */
function isChecked(value: string | undefined): boolean {
  return value !== undefined && /^(x|yes|true|on|1|checked)$/i.test(value.trim());
}

function cumulative(xs: number[]): number[] {
  let sum = 0;
  return xs.map((x) => (sum += x));
}
