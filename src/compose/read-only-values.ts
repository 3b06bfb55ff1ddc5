// The values of a part's read-only fields (the packet id, "edition=michigan; level=1"), bound when a document is
// assembled rather than when its part is laid out.
//
// A read-only field's value moves nothing on the page (the PDF viewer draws it: NeedAppearances; Word's content control
// is not measured), yet it names the edition: left in a part's key it would make the packet's forms chapter one part
// per edition. So a writer lays the part out with a placeholder for each value (its place among the part's read-only
// fields: the k-th), and the assembly writes the document's own value in (write/pdf/parts/linked-document.ts,
// write/docx/package.ts). Only a form's fields at the top of a part are bound; any other keeps its value in the part.
import type { Block, FormField, Part } from './tree.js';

const OPEN = '\u0001read-only-value ';
const CLOSE = '\u0002';
const PLACEHOLDER = /^\u0001read-only-value (\d+)\u0002$/;

/** What the k-th read-only value of a part is laid out as: control characters, so no text of the tree is one. */
export const valuePlaceholder = (k: number): string => `${OPEN}${k}${CLOSE}`;

/** The place of the value a placeholder stands for, or undefined for any other text. */
export function placeholderIndex(text: string): number | undefined {
  const m = PLACEHOLDER.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** A field whose value is bound at assembly: read-only, with a value (an empty one is laid out as it is). */
const bound = (f: FormField): boolean => f.readOnly === true && f.value !== undefined && f.value !== '';

/** The values of the part's bound fields, in order: the k-th fills placeholder k. */
export function readOnlyValues(part: Part): string[] {
  if (!('blocks' in part)) return [];
  const values: string[] = [];
  for (const b of part.blocks as Block[])
    if (b.kind === 'form') for (const f of b.rows.flat()) if (bound(f)) values.push(f.value!);
  return values;
}

/** The part with each bound value replaced by its placeholder (the part itself when it has none). */
export function withValuePlaceholders<P extends Part>(part: P): P {
  if (!('blocks' in part) || readOnlyValues(part).length === 0) return part;
  let k = 0;
  const blocks = (part.blocks as Block[]).map((b): Block =>
    b.kind !== 'form'
      ? b
      : { ...b, rows: b.rows.map((row) => row.map((f) => (bound(f) ? { ...f, value: valuePlaceholder(k++) } : f))) },
  );
  return { ...part, blocks };
}
