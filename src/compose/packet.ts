// Composes a candidate application packet for one level of an edition, optionally for one applicant.
import type { Block, Inline, Level, Paragraph, Section } from '../model/schema.js';
import type { FormSpec, LogSpec, PacketTemplate } from '../model/templates.js';
import type { Edition } from '../editions/edition.js';
import { plainText } from '../model/text.js';
import { blocksOf, composeBooklet, formatDate, levelChapter } from './booklet.js';
import type { Chapter, DocBlock, Form, Letter, Log, Publication } from './document.js';
import { addressLines } from './envelope.js';

export interface Applicant {
  first_name: string;
  last_name: string;
  address_line1: string;
  address_line2?: string;
  city: string;
  state: string;
  postal_code: string;
  email: string;
}

export interface ComposedPacket {
  publication: Publication;
  /** Settings the packet needed but the edition does not give: printed as blanks. */
  missing: string[];
}

const text = (s: string): Inline[] => [{ text: s }];

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

/** Finds a block of the Endorsement introduction by its `{#id}`. */
function blockById(section: Section | null, id: string): Block | null {
  if (!section) return null;
  for (const b of section.blocks) if (b.id === id) return b;
  for (const s of section.sections) {
    const found = blockById(s, id);
    if (found) return found;
  }
  return null;
}

/** The portfolio sentence's items ("…; …; and …."), each one a box to tick. */
export function portfolioItems(p: Paragraph): Inline[][] {
  const sentence = plainText(p.text).replace(/^The portfolio consists of\s+/i, '').replace(/\.\s*$/, '');
  return sentence
    .split(/;\s*/)
    .map((s) => s.replace(/^and\s+/, ''))
    .filter(Boolean)
    .map((s) => text(s.charAt(0).toUpperCase() + s.slice(1)));
}

function form(spec: FormSpec, id: string, vars: Record<string, string>, values: Record<string, string>): Form {
  return {
    id,
    title: fill(spec.title, vars),
    intro: spec.intro.map((p) => text(fill(p, vars))),
    rows: spec.rows.map((row) => row.map((f) => ({ name: f.name, label: f.label, kind: f.kind, width: f.width, ...(values[f.name] ? { value: values[f.name] } : {}) }))),
  };
}

function log(spec: LogSpec, id: string, vars: Record<string, string>): Log {
  return { id, title: fill(spec.title, vars), intro: spec.intro.map((p) => text(fill(p, vars))), columns: spec.columns, rows: spec.rows };
}

export interface PacketOptions {
  /** Leave out the application form and the letter: what a mail merge shares between applicants. */
  shared?: boolean;
}

/** The pages of a packet that name the applicant: the letter and the filled-in application form. */
export function personalParts(edition: Edition, level: Level, t: PacketTemplate, applicant: Applicant): { letter: Letter; application: Form } {
  const vars = varsOf(edition, level, applicant);
  return { letter: letterFor(edition, t, vars, applicant), application: form(t.forms.application, `packet.l${level.level}.application`, vars, valuesOf(level, applicant)) };
}

function varsOf(edition: Edition, level: Level, applicant?: Applicant): Record<string, string> {
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

function valuesOf(level: Level, applicant?: Applicant): Record<string, string> {
  const levelName = `Level ${level.level}, ${level.title}`;
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

function letterFor(edition: Edition, t: PacketTemplate, vars: Record<string, string>, applicant?: Applicant): Letter {
  return {
    date: formatDate(edition.settings.publicationDate),
    address: applicant ? addressLines(applicant).map((l) => l.text) : [],
    salutation: fill(applicant ? t.letter.salutation : t.letter.genericSalutation, vars),
    paragraphs: t.letter.paragraphs.map((p) => text(fill(p, vars))),
    closing: t.letter.closing.map((c) => fill(c, vars)),
  };
}

export function composePacket(edition: Edition, level: Level, t: PacketTemplate, applicant?: Applicant, options: PacketOptions = {}): ComposedPacket {
  const s = edition.settings;
  const g = edition.guidelines;
  const missing: string[] = [];
  const officeName = s.office?.name ?? s.association.name;
  const vars = varsOf(edition, level, applicant);
  const h = (key: keyof PacketTemplate['headings'], lvl: 1 | 2, id: string): DocBlock => ({ kind: 'heading', level: lvl, id, text: fill(t.headings[key], vars), toc: true });
  const pick = (id: string) => blockById(g.endorsement, id);
  // Official text the packet takes from endorsement.md by id; one that is not there is left out and reported.
  const picked = (ids: string[]) =>
    ids.map((id) => {
      const b = pick(id);
      if (!b) missing.push(`source/base/endorsement.md block {#${id}}`);
      return b;
    }).filter((b): b is Block => b != null);
  const lid = `packet.l${level.level}`;

  // How to apply: the official process, requirements, portfolio, exam and continuing requirements.
  const applying: DocBlock[] = [h('applying', 1, `${lid}.applying`), h('process', 2, `${lid}.process`), ...blocksOf(picked(['endorsement.steps', 'endorsement.process']))];
  applying.push(h('requirements', 2, `${lid}.requirements`));
  if (level.requirements) applying.push(...blocksOf(level.requirements.blocks));
  else applying.push(...blocksOf(picked(['endorsement.prerequisites-intro', 'endorsement.prerequisites'])));
  const [portfolio] = picked(['endorsement.portfolio']);
  if (portfolio?.kind === 'paragraph') {
    applying.push(h('portfolio', 2, `${lid}.portfolio`), ...blocksOf([portfolio]), { kind: 'checklist', id: `${lid}.portfolio-checklist`, items: portfolioItems(portfolio) });
  }
  // The written exam is taken at Levels 3 and 4 only (Endorsement introduction).
  if (level.level >= 3) applying.push(h('exam', 2, `${lid}.exam`), ...blocksOf(picked(['endorsement.exam', 'endorsement.panel'])));
  applying.push(h('continuing', 2, `${lid}.continuing`), ...blocksOf(picked(['endorsement.continuing'])));

  // The office: facts the texts do not give. Missing ones print as a blank line to fill in.
  const L = t.officeLabels;
  const officeLines: Inline[][] = [];
  if (s.office) {
    officeLines.push(text(s.office.name), ...s.office.address.map(text));
    if (s.office.phone) officeLines.push(text(`${L.phone}: ${s.office.phone}`));
    if (s.office.email) officeLines.push(text(`${L.email}: ${s.office.email}`));
  } else {
    missing.push('office (name and address)');
    officeLines.push(text(`${officeName}`), text(`${L.address}: ______________________________________________`));
  }
  const fee = s.fees?.[String(level.level) as '1'];
  if (!fee) missing.push(`fees.${level.level} (application fee)`);
  officeLines.push(text(`${L.fee}: ${fee ?? '______________'}`));
  if (!s.applicationDeadline) missing.push('applicationDeadline');
  officeLines.push(text(`${L.deadline}: ${s.applicationDeadline ?? '______________'}`));
  applying.push(h('office', 2, `${lid}.office`), ...officeLines.map((line): DocBlock => ({ kind: 'paragraph', text: line, style: 'body' })));

  const values = valuesOf(level, applicant);
  const F = t.forms;
  const forms: DocBlock[] = [h('forms', 1, `${lid}.forms`)];
  const formBlocks: DocBlock[] = [
    ...(options.shared ? [] : [{ kind: 'form', form: form(F.application, `${lid}.application`, vars, values) } as DocBlock]),
    { kind: 'log', log: log(F.trainingLog, `${lid}.training-log`, vars) },
    { kind: 'log', log: log(F.workLog, `${lid}.work-log`, vars) },
    { kind: 'log', log: log(F.supervisionLog, `${lid}.supervision-log`, vars) },
    { kind: 'form', form: form(F.reference, `${lid}.reference`, vars, values) },
    { kind: 'form', form: form(F.ethics, `${lid}.ethics`, vars, values) },
  ];
  formBlocks.forEach((b, i) => forms.push(...(i > 0 ? [{ kind: 'pageBreak' } as DocBlock] : []), b));

  const chapters: Chapter[] = [
    { id: `${lid}.applying`, title: fill(t.headings.applying, vars), runningHead: fill(t.headings.applying, vars), blocks: applying },
    { id: `${lid}.forms`, title: fill(t.headings.forms, vars), runningHead: fill(t.headings.forms, vars), blocks: forms },
    levelChapter(level),
  ];
  if (g.glossary) {
    chapters.push({ id: g.glossary.id, title: g.glossary.title, runningHead: g.glossary.title, blocks: [{ kind: 'heading', level: 1, id: g.glossary.id, text: g.glossary.title, toc: true }, { kind: 'glossary', entries: g.glossary.entries }] });
  }

  // Cover, copyright page, metadata and page setup as for the booklet.
  const booklet = composeBooklet(edition.id, s, { ...g, levels: [level] }, edition.logo);
  const publication: Publication = {
    ...booklet,
    kind: 'packet',
    level: level.level,
    meta: { ...booklet.meta, title: `${s.association.abbreviation} ${t.coverTitle}: Level ${level.level}`, subject: `${t.coverTitle}, Level ${level.level} ${level.title}` },
    cover: { ...booklet.cover, title: t.coverTitle, subtitle: `Level ${level.level}: ${level.title}`, editionLine: s.editionLine, levelsLine: `Level ${level.level}` },
    headerLine: `${s.association.abbreviation} ${t.coverTitle}`,
    chapters,
    ...(options.shared ? {} : { frontLetter: letterFor(edition, t, vars, applicant) }),
  };
  return { publication, missing };
}
