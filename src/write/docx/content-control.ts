// Word content controls (w:sdt) for a packet's fields: typed answers have a place, a screen reader announces each by its
// alias (the field's label), and the tag is the PDF field's name, so collect:packets reads both formats the same way.
import { BuilderElement, CheckBoxUtil, SymbolRun, TextRun, type ParagraphChild, type XmlComponent } from 'docx';

export type ControlKind = 'text' | 'multiline' | 'date' | 'checkbox';

/** What an empty control shows, and what Word shows as its placeholder: room to write on paper. */
const BLANK = '_'.repeat(32);

const val = (name: string, value: string) => new BuilderElement<{ val: string }>({ name, attributes: { val: { key: 'w:val', value } } });

function kindElement(kind: Exclude<ControlKind, 'checkbox'>): XmlComponent {
  switch (kind) {
    case 'date':
      return new BuilderElement({ name: 'w:date', children: [val('w:dateFormat', 'M/d/yyyy'), val('w:lid', 'en-US'), val('w:storeMappedDataAs', 'dateTime'), val('w:calendar', 'gregorian')] });
    case 'multiline':
      return new BuilderElement<{ multiLine: string }>({ name: 'w:text', attributes: { multiLine: { key: 'w:multiLine', value: '1' } } });
    default:
      return new BuilderElement({ name: 'w:text' });
  }
}

export interface ControlOptions {
  /** The field's name: the same as the PDF form field's. */
  tag: string;
  /** The field's label: its accessible name. */
  label: string;
  kind: ControlKind;
  /** Content to show (a read-only control's value, or a ticked box); empty: a placeholder to type over. */
  runs?: ParagraphChild[];
  checked?: boolean;
  /** Not to be typed into: the packet id. */
  readOnly?: boolean;
}

/** A run-level content control, to go in a paragraph. */
export function contentControl(o: ControlOptions): ParagraphChild {
  const props: XmlComponent[] = [val('w:alias', o.label), val('w:tag', o.tag)];
  if (o.readOnly) props.push(val('w:lock', 'sdtContentLocked'));
  const empty = o.kind !== 'checkbox' && !(o.runs && o.runs.length);
  if (empty) props.push(new BuilderElement({ name: 'w:showingPlcHdr' }));
  props.push(o.kind === 'checkbox' ? new CheckBoxUtil({ checked: o.checked ?? false }) : kindElement(o.kind));
  const content: XmlComponent[] =
    o.kind === 'checkbox'
      ? [new SymbolRun({ char: o.checked ? '2612' : '2610', symbolfont: 'MS Gothic' }) as unknown as XmlComponent]
      : empty
        ? [new TextRun({ text: BLANK }) as unknown as XmlComponent]
        : (o.runs as unknown as XmlComponent[]);
  return new BuilderElement({ name: 'w:sdt', children: [new BuilderElement({ name: 'w:sdtPr', children: props }), new BuilderElement({ name: 'w:sdtContent', children: content })] }) as unknown as ParagraphChild;
}
