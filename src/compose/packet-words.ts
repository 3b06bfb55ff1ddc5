// The packet template (templates/packet.yaml, in English) in an edition's language: its texts replaced by the
// language table's `packet` words (form fields by name, log columns in order); the layout stays the template's.
import type { PacketTemplate } from '../model/templates.js';
import type { Words } from '../model/words.js';

export function packetInLanguage(t: PacketTemplate, words: Words): PacketTemplate {
  const w = words.packet;
  if (!w) return t;
  const f = w.forms ?? {};
  const form = (spec: PacketTemplate['forms']['application'], fw: (typeof f)['application']) => ({
    ...spec,
    title: fw?.title ?? spec.title,
    intro: fw?.intro ?? spec.intro,
    rows: spec.rows.map((row) => row.map((field) => ({ ...field, label: fw?.labels?.[field.name] ?? field.label }))),
  });
  const log = (spec: PacketTemplate['forms']['trainingLog'], lw: (typeof f)['trainingLog']) => ({
    ...spec,
    title: lw?.title ?? spec.title,
    intro: lw?.intro ?? spec.intro,
    columns: spec.columns.map((c, i) => ({ ...c, label: lw?.columns?.[i] ?? c.label })),
  });
  const out: PacketTemplate = {
    coverTitle: w.coverTitle ?? t.coverTitle,
    letter: { ...t.letter, ...w.letter },
    headings: { ...t.headings, ...w.headings },
    officeLabels: { ...t.officeLabels, ...w.officeLabels },
    forms: {
      application: form(t.forms.application, f.application),
      trainingLog: log(t.forms.trainingLog, f.trainingLog),
      workLog: log(t.forms.workLog, f.workLog),
      supervisionLog: log(t.forms.supervisionLog, f.supervisionLog),
      reference: form(t.forms.reference, f.reference),
      ethics: form(t.forms.ethics, f.ethics),
    },
  };
  return out;
}
