// Word content controls (w:sdt) for a packet's fields: typed answers have a place, a screen reader announces each by its
// alias (the field's label), and the tag is the PDF field's name, so collect:packets reads both formats the same way.
import { el, type El } from '../../xml/wordml.js';
import { run } from './wml.js';

export type ControlKind = 'text' | 'multiline' | 'date' | 'checkbox';

/** What an empty control shows, and what Word shows as its placeholder: room to write on paper. */
const BLANK = '_'.repeat(32);

const val = (name: string, value: string) => el(name, { 'w:val': value });

function kindElement(kind: Exclude<ControlKind, 'checkbox'>): El {
  switch (kind) {
    case 'date':
      return el('w:date', {}, [
        val('w:dateFormat', 'M/d/yyyy'),
        val('w:lid', 'en-US'),
        val('w:storeMappedDataAs', 'dateTime'),
        val('w:calendar', 'gregorian'),
      ]);
    case 'multiline':
      return el('w:text', { 'w:multiLine': '1' });
    default:
      return el('w:text');
  }
}

/** A Word 2010 check box: ticked ☒ (U+2612) or not ☐ (U+2610), in MS Gothic, which has both. */
function checkBox(checked: boolean): El {
  return el('w14:checkbox', {}, [
    el('w14:checked', { 'w14:val': checked ? '1' : '0' }),
    el('w14:checkedState', { 'w14:val': '2612', 'w14:font': 'MS Gothic' }),
    el('w14:uncheckedState', { 'w14:val': '2610', 'w14:font': 'MS Gothic' }),
  ]);
}

export interface ControlOptions {
  /** The field's name: the same as the PDF form field's. */
  tag: string;
  /** The field's label: its accessible name. */
  label: string;
  kind: ControlKind;
  /** Content to show (a read-only control's value, or a ticked box); empty: a placeholder to type over. */
  runs?: El[];
  checked?: boolean;
  /** Not to be typed into: the packet id. */
  readOnly?: boolean;
}

/** A run-level content control, to go in a paragraph. */
export function contentControl(o: ControlOptions): El {
  const props: El[] = [val('w:alias', o.label), val('w:tag', o.tag)];
  if (o.readOnly) props.push(val('w:lock', 'sdtContentLocked'));
  const empty = o.kind !== 'checkbox' && !(o.runs && o.runs.length);
  if (empty) props.push(el('w:showingPlcHdr'));
  props.push(o.kind === 'checkbox' ? checkBox(o.checked ?? false) : kindElement(o.kind));
  const content: El[] =
    o.kind === 'checkbox'
      ? [run({ children: [el('w:sym', { 'w:char': o.checked ? '2612' : '2610', 'w:font': 'MS Gothic' })] })]
      : empty
        ? [run({ text: BLANK })]
        : o.runs!;
  return el('w:sdt', {}, [el('w:sdtPr', {}, props), el('w:sdtContent', {}, content)]);
}
