// Composes a candidate application packet for one level of an edition as a document tree,
// optionally for one applicant; and the pages that name one applicant, for the mail merge.
import type { Block as ModelBlock, Level, Paragraph as ModelParagraph, Section } from '../model/schema.js';
import type { FormSpec, LogSpec, PacketTemplate } from '../model/templates.js';
import type { Edition } from '../editions/edition.js';
import { plainText } from '../model/text.js';
import {
  composeBooklet,
  contents,
  cover,
  formatDay,
  formatFee,
  glossaryChapter,
  levelChapter,
  levelHeading,
} from './booklet.js';
import { packetInLanguage } from './packet-words.js';
import { fill as fillWords } from '../text/fill.js';
import { paragraph, proseBlocks, text } from './blocks.js';
import type { Block, Chapter, Document, Form, Letter, Log, Run } from './tree.js';
import { addressLines, envelopeWindow, foldsFor, type PostalAddress } from './envelope.js';

/** An Addressee's fields in the roster's order: the columns a roster row prints (mailmerge/ builds on this list). */
export const ADDRESSEE_FIELDS = [
  'first_name',
  'last_name',
  'address_line1',
  'address_line2',
  'city',
  'state',
  'postal_code',
  'email',
] as const;

/** Whom a personalized packet is addressed to: their postal address (envelope.ts) and e-mail (a roster row, mailmerge/roster.ts, is one). */
export interface Addressee extends PostalAddress {
  email: string;
  /** The applicant's line in the roster: carried in the packet id, so a return matches its row. */
  line?: number | string;
}

/** The read-only field of every packet's application form that says whose packet it is (collect:packets reads it). */
export const PACKET_ID_FIELD = 'packet_id';

/** The packet id: "edition=us; level=3" and, for one applicant, "; line=4; applicant=Ana Pérez". */
export function packetId(editionId: string, level: number, applicant?: Addressee): string {
  const base = `edition=${editionId}; level=${level}`;
  if (!applicant) return base;
  return `${base}; line=${applicant.line ?? ''}; applicant=${applicant.first_name} ${applicant.last_name}`;
}

/** A form field's name in both the PDF and the Word packet: the form's id and the field's name ("packet_l3_ethics_ethics_date"). */
export function fieldName(formId: string, name: string): string {
  return `${formId}_${name}`.replace(/[^A-Za-z0-9_]/g, '_');
}

/** The forms of a packet, by the key of their template and the id suffix their fields are named by. */
export const PACKET_FORMS = [
  ['application', 'application'],
  ['reference', 'reference'],
  ['ethics', 'ethics'],
] as const;

/** The fields the packet template declares required, by their name without the level ("application_email"), with labels. */
export function requiredFields(t: PacketTemplate): { key: string; label: string }[] {
  return PACKET_FORMS.flatMap(([key, suffix]) =>
    t.forms[key].rows
      .flat()
      .filter((f) => f.required)
      .map((f) => ({ key: fieldName(suffix, f.name), label: f.label })),
  );
}

export interface ComposedPacket {
  document: Document;
  /** Settings the packet needed but the edition does not give: printed as blanks. */
  missing: string[];
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** Finds a block of the Endorsement introduction by its `{#id}`. */
function blockById(section: Section | null, id: string): ModelBlock | null {
  if (!section) return null;
  for (const b of section.blocks) if (b.id === id) return b;
  for (const s of section.sections) {
    const found = blockById(s, id);
    if (found) return found;
  }
  return null;
}

/** The portfolio sentence's items ("…; …; and …."), each one a box to tick. */
export function portfolioItems(p: ModelParagraph): Run[][] {
  const sentence = plainText(p.text)
    .replace(/^The portfolio consists of\s+/i, '')
    .replace(/\.\s*$/, '');
  return sentence
    .split(/;\s*/)
    .map((s) => s.replace(/^and\s+/, ''))
    .filter(Boolean)
    .map((s) => text(s.charAt(0).toUpperCase() + s.slice(1)));
}

/** A form under its heading (listed in the contents). */
function form(
  spec: FormSpec,
  id: string,
  vars: Record<string, string>,
  values: Record<string, string>,
  packetIdField?: { value: string; label: string },
): Block[] {
  const f: Form = {
    kind: 'form',
    id,
    intro: spec.intro.map((p) => text(fill(p, vars))),
    rows: spec.rows.map((row) =>
      row.map((f) => ({
        name: f.name,
        label: f.label,
        kind: f.kind,
        width: f.width,
        ...(f.required ? { required: true } : {}),
        ...(values[f.name] ? { value: values[f.name] } : {}),
      })),
    ),
  };
  if (packetIdField)
    f.rows.push([
      {
        name: PACKET_ID_FIELD,
        label: packetIdField.label,
        kind: 'text',
        width: 1,
        value: packetIdField.value,
        readOnly: true,
      },
    ]);
  return [{ kind: 'heading', level: 2, id, text: fill(spec.title, vars), toc: true }, f];
}

function log(spec: LogSpec, id: string, vars: Record<string, string>): Block[] {
  const l: Log = {
    kind: 'log',
    id,
    intro: spec.intro.map((p) => text(fill(p, vars))),
    columns: spec.columns,
    rows: spec.rows,
  };
  return [{ kind: 'heading', level: 2, id, text: fill(spec.title, vars), toc: true }, l];
}

export interface PacketOptions {
  /** Leave out the application form and the letter: what a mail merge shares between applicants. */
  shared?: boolean;
}

/** The pages of a packet that name the applicant: the letter and the filled-in application form. */
export function personalParts(
  edition: Edition,
  level: Level,
  template: PacketTemplate,
  applicant: Addressee,
): { letter: Letter; application: Block[] } {
  const t = packetInLanguage(template, edition.words);
  const vars = varsOf(edition, level, applicant);
  return {
    letter: letterFor(edition, t, vars, applicant),
    application: form(
      t.forms.application,
      `packet.l${level.level}.application`,
      vars,
      valuesOf(edition, level, applicant),
      { value: packetId(edition.id, level.level, applicant), label: edition.words.packetId },
    ),
  };
}

/** What every applicant's pages of an edition and level share (metadata, page setup, furniture): the shared packet. */
export function sharedPacket(edition: Edition, level: Level, t: PacketTemplate): Document {
  return composePacket(edition, level, t, undefined, { shared: true }).document;
}

/**
 * The pages a mail merge puts in front of the packet it renders once for everyone: the letter
 * addressed to the applicant, then their filled-in application form (each part on a new sheet).
 * `shared`: the edition and level's sharedPacket(), which a caller composing many applicants' pages composes once.
 */
export function composePersonalPages(
  edition: Edition,
  level: Level,
  t: PacketTemplate,
  applicant: Addressee,
  shared: Document = sharedPacket(edition, level, t),
): Document {
  const { letter, application } = personalParts(edition, level, t, applicant);
  return {
    ...shared,
    kind: 'personal',
    parts: [
      { kind: 'loose', blocks: [letter] },
      { kind: 'loose', blocks: application },
    ],
  };
}

function varsOf(edition: Edition, level: Level, applicant?: Addressee): Record<string, string> {
  const s = edition.settings;
  return {
    association: s.association.name,
    abbreviation: s.association.abbreviation,
    level: String(level.level),
    levelTitle: level.title,
    officeName: s.office?.name ?? s.association.name,
    firstName: applicant?.first_name ?? '',
    lastName: applicant?.last_name ?? '',
  };
}

function valuesOf(edition: Edition, level: Level, applicant?: Addressee): Record<string, string> {
  const levelName = fillWords(edition.words.levelApplied, { level: level.level, title: level.title });
  if (!applicant) return { ref_level: levelName };
  return {
    first_name: applicant.first_name,
    last_name: applicant.last_name,
    address_line1: applicant.address_line1,
    address_line2: applicant.address_line2 ?? '',
    city: applicant.city,
    state: applicant.state,
    postal_code: applicant.postal_code,
    email: applicant.email,
    ref_candidate: `${applicant.first_name} ${applicant.last_name}`,
    ref_level: levelName,
  };
}

function letterFor(edition: Edition, t: PacketTemplate, vars: Record<string, string>, applicant?: Addressee): Letter {
  return {
    kind: 'letter',
    window: envelopeWindow(edition.settings),
    folds: foldsFor(edition.settings),
    letterhead: edition.settings.association.name,
    date: formatDay(edition.settings.publicationDate, edition.settings.language),
    address: applicant ? addressLines(applicant).map((l) => l.text) : [],
    salutation: fill(applicant ? t.letter.salutation : t.letter.genericSalutation, vars),
    paragraphs: t.letter.paragraphs.map((p) => text(fill(p, vars))),
    closing: t.letter.closing.map((c) => fill(c, vars)),
  };
}

export function composePacket(
  edition: Edition,
  level: Level,
  template: PacketTemplate,
  applicant?: Addressee,
  options: PacketOptions = {},
): ComposedPacket {
  const t = packetInLanguage(template, edition.words);
  const w = edition.words;
  const s = edition.settings;
  const g = edition.guidelines;
  const missing: string[] = [];
  const officeName = s.office?.name ?? s.association.name;
  const vars = varsOf(edition, level, applicant);
  const h = (key: keyof PacketTemplate['headings'], lvl: 1 | 2, id: string): Block => ({
    kind: 'heading',
    level: lvl,
    id,
    text: fill(t.headings[key], vars),
    toc: true,
  });
  const pick = (id: string) => blockById(g.endorsement, id);
  // Official text the packet takes from endorsement.md by id; one that is not there is left out and reported.
  const picked = (ids: string[]) =>
    ids
      .map((id) => {
        const b = pick(id);
        if (!b) missing.push(`source/base/endorsement.md block {#${id}}`);
        return b;
      })
      .filter((b): b is ModelBlock => b != null);
  const lid = `packet.l${level.level}`;

  // How to apply: the official process, requirements, portfolio, exam and continuing requirements.
  const applying: Block[] = [
    h('applying', 1, `${lid}.applying`),
    h('process', 2, `${lid}.process`),
    ...proseBlocks(picked(['endorsement.steps', 'endorsement.process'])),
  ];
  applying.push(h('requirements', 2, `${lid}.requirements`));
  if (level.requirements) applying.push(...proseBlocks(level.requirements.blocks));
  else applying.push(...proseBlocks(picked(['endorsement.prerequisites-intro', 'endorsement.prerequisites'])));
  const [portfolio] = picked(['endorsement.portfolio']);
  if (portfolio?.kind === 'paragraph') {
    applying.push(h('portfolio', 2, `${lid}.portfolio`), ...proseBlocks([portfolio]), {
      kind: 'checklist',
      id: `${lid}.portfolio-checklist`,
      items: portfolioItems(portfolio),
    });
  }
  // The written exam is taken at Levels 3 and 4 only (Endorsement introduction).
  if (level.level >= 3)
    applying.push(h('exam', 2, `${lid}.exam`), ...proseBlocks(picked(['endorsement.exam', 'endorsement.panel'])));
  applying.push(h('continuing', 2, `${lid}.continuing`), ...proseBlocks(picked(['endorsement.continuing'])));

  // The office: facts the texts do not give. Missing ones print as a blank line to fill in.
  const L = t.officeLabels;
  const officeLines: Run[][] = [];
  if (s.office) {
    officeLines.push(text(s.office.name), ...s.office.address.map(text));
    if (s.office.phone) officeLines.push(text(`${L.phone}: ${s.office.phone}`));
    if (s.office.email) officeLines.push(text(`${L.email}: ${s.office.email}`));
  } else {
    missing.push('office (name and address)');
    officeLines.push(text(`${officeName}`), text(`${L.address}: ______________________________________________`));
  }
  const fee = formatFee(s.fees?.[String(level.level) as '1'], s);
  if (!fee) missing.push(`fees.${level.level} (application fee)`);
  officeLines.push(text(`${L.fee}: ${fee ?? '______________'}`));
  if (!s.applicationDeadline) missing.push('applicationDeadline');
  officeLines.push(text(`${L.deadline}: ${s.applicationDeadline ?? '______________'}`));
  applying.push(h('office', 2, `${lid}.office`), ...officeLines.map((line) => paragraph(line)));

  const values = valuesOf(edition, level, applicant);
  const F = t.forms;
  const formBlocks: Block[][] = [
    ...(options.shared
      ? []
      : [
          form(F.application, `${lid}.application`, vars, values, {
            value: packetId(edition.id, level.level, applicant),
            label: edition.words.packetId,
          }),
        ]),
    log(F.trainingLog, `${lid}.training-log`, vars),
    log(F.workLog, `${lid}.work-log`, vars),
    log(F.supervisionLog, `${lid}.supervision-log`, vars),
    form(F.reference, `${lid}.reference`, vars, values),
    form(F.ethics, `${lid}.ethics`, vars, values),
  ];
  // Each form on a page of its own.
  const forms: Block[] = [
    h('forms', 1, `${lid}.forms`),
    ...formBlocks.flatMap((b, i): Block[] => (i > 0 ? [{ kind: 'pageBreak' }, ...b] : b)),
  ];

  const chapters: Chapter[] = [
    {
      kind: 'chapter',
      id: `${lid}.applying`,
      title: fill(t.headings.applying, vars),
      runningHead: fill(t.headings.applying, vars),
      blocks: applying,
    },
    {
      kind: 'chapter',
      id: `${lid}.forms`,
      title: fill(t.headings.forms, vars),
      runningHead: fill(t.headings.forms, vars),
      blocks: forms,
    },
    levelChapter(level, w),
    ...(g.glossary ? [glossaryChapter(g)] : []),
  ];

  // Metadata, page setup, copyright page as for the booklet.
  const booklet = composeBooklet(edition.id, s, { ...g, levels: [level] }, edition.logo, w);
  const [, copyright] = booklet.parts;
  const document: Document = {
    ...booklet,
    kind: 'packet',
    level: level.level,
    meta: {
      ...booklet.meta,
      title: `${s.association.abbreviation} ${t.coverTitle}: ${fillWords(w.level, { level: level.level })}`,
      subject: `${t.coverTitle}, ${fillWords(w.level, { level: level.level })} ${level.title}`,
    },
    furniture: { ...booklet.furniture, headerLine: `${s.association.abbreviation} ${t.coverTitle}` },
    parts: [
      // A level packet opens with a letter to every candidate, before the cover (the mail merge puts the applicant's own there).
      ...(options.shared ? [] : [{ kind: 'loose' as const, blocks: [letterFor(edition, t, vars, applicant)] }]),
      cover(
        s,
        { title: t.coverTitle, subtitle: levelHeading(level, w), editionLine: s.editionLine, levels: [level.level] },
        edition.logo,
        w,
      ),
      copyright,
      contents(w.contents, chapters),
      ...chapters,
    ],
  };
  return { document, missing };
}
