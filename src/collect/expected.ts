// The fields a packet of an edition and level has, in the form's order, named and labelled as the writers name them:
// the spreadsheet's columns, and the map for a Word packet whose program dropped the controls' tags.
import type { Document } from '../compose/tree.js';
import { fieldName } from '../compose/packet.js';

export interface ExpectedField {
  name: string;
  label: string;
  checkbox: boolean;
  date?: boolean;
  /** The form or log it is on ("training log"), for column titles that share a label. */
  form: string;
}

/** Every fillable field of a composed packet, in document order (checklists, forms, logs), as both writers name them. */
export function packetFields(doc: Document): ExpectedField[] {
  const out: ExpectedField[] = [];
  const formOf = (id: unknown) => String(id).split('.').pop()!.replace(/-/g, ' ');
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const b = node as { kind?: string } & Record<string, unknown>;
    if (b.kind === 'checklist') {
      const items = b.items as { text: string }[][];
      items.forEach((item, i) =>
        out.push({
          name: fieldName(b.id as string, String(i + 1)),
          label: item.map((r) => r.text).join(''),
          checkbox: true,
          form: formOf(b.id),
        }),
      );
      return;
    }
    if (b.kind === 'form') {
      for (const f of (
        b.rows as { name: string; label: string; kind: string; value?: string; readOnly?: boolean }[][]
      ).flat()) {
        if (f.value && !f.readOnly) continue;
        if (f.readOnly) continue;
        out.push({
          name: fieldName(b.id as string, f.name),
          label: f.label,
          checkbox: f.kind === 'checkbox',
          date: f.kind === 'date',
          form: formOf(b.id),
        });
      }
      return;
    }
    if (b.kind === 'log') {
      const columns = b.columns as { label: string }[];
      for (let r = 1; r <= (b.rows as number); r++)
        for (const c of columns)
          out.push({
            name: fieldName(b.id as string, `r${r}_${c.label}`),
            label: `${c.label}, row ${r}`,
            checkbox: false,
            form: formOf(b.id),
          });
      return;
    }
    for (const v of Object.values(b)) if (v && typeof v === 'object') visit(v);
  };
  visit(doc.parts);
  return out;
}

/** A field's column key: its name without the level ("packet_l3_ethics_ethics_date" → "ethics_ethics_date"). */
export const columnKey = (name: string) => name.replace(/^packet_l\d+_/, '');
