// Finds the booklet's parts in a Word file's paragraphs: levels (introduction, requirements, Competency Detail,
// Impact Map), the Endorsement introduction, the committee, the copyright notice and the glossary. Headings may be
// real headings or bold lines; the Competency Detail may be a table (with or without a header row) or headed text.
import type {
  Block,
  CompetencyArea,
  CompetencyGroup,
  ImpactMap,
  Inline,
  LevelNumber,
  ListItem,
  Section,
  SourcePos,
} from '../model/schema.js';
import { takeTrailingCodes, codesInLeadIn } from '../read/codes.js';
import type { DocxBlock, DocxBook, DocxParagraph } from './docx.js';
import { headingLike, listLine, nestItems, oneLine, plain, posOf, proseOf, trimRuns, type ListLine } from './blocks.js';

/** A passage the importer could not place, with where it stands in the Word file. */
export interface Passage {
  path: string[];
  text: string;
  n: number;
}

export interface ImportedLevel {
  level: LevelNumber;
  title: string;
  intro: Section | null;
  requirements: Section | null;
  /** Null when the document has no Competency Detail for the level. */
  areas: CompetencyArea[] | null;
  detailNotes: Block[];
  impactMap: ImpactMap | null;
  pos: SourcePos;
}

export interface ImportedGlossary {
  title: string;
  entries: { term: string; definition: Inline[]; pos: SourcePos }[];
}

export interface ImportedBooklet {
  file: string;
  levels: ImportedLevel[];
  endorsement: Section | null;
  committee: Section[] | null;
  glossary: ImportedGlossary | null;
  copyright: Section | null;
  /** What the document states about its edition. */
  /** The page's size in twips, when the document states one. */
  pageTwips?: [number, number];
  stated: {
    associationName?: string;
    abbreviation?: string;
    pageSize?: 'LETTER' | 'A4';
    language?: string;
    copyrightLine?: string;
    publicationDate?: string;
  };
  /** Bookmark names on areas, competencies, sections and glossary entries (our own Word files carry their ids). */
  marks: WeakMap<object, string[]>;
  unplaced: Passage[];
  /** The short lines before the first part (the cover), read for the settings only; listed in the report. */
  cover: string[];
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const LEVEL_HEADING = /^level\s+([1-4]|iv|iii|ii|i)\s*[:.\-–—]\s*(.+)$/i;

type Chapter =
  | { kind: 'level'; level: LevelNumber; title: string }
  | { kind: 'contents' | 'glossary' | 'committee' | 'endorsement' | 'copyright'; title: string };

function chapterOf(p: DocxParagraph): Chapter | null {
  const t = oneLineText(p);
  if (!t) return null;
  if (/^copyright$/i.test(t)) return { kind: 'copyright', title: t };
  if (!headingLike(p) || (p.outline !== null && p.outline > 1)) return null;
  const level = LEVEL_HEADING.exec(t);
  if (level)
    return {
      kind: 'level',
      level: (Number(level[1]) || ROMAN[level[1].toLowerCase()]) as LevelNumber,
      title: level[2].trim(),
    };
  if (/^(table of )?contents$/i.test(t)) return { kind: 'contents', title: t };
  if (/^glossary\b/i.test(t)) return { kind: 'glossary', title: t };
  if (/committee|acknowledg/i.test(t)) return { kind: 'committee', title: t };
  if (/endorsement/i.test(t) && /introduction|overview/i.test(t)) return { kind: 'endorsement', title: t };
  return null;
}

const oneLineText = (p: DocxParagraph) => plain(oneLine(p.runs));

type LevelPart = 'intro' | 'requirements' | 'detail' | 'impactMap';
function levelPartOf(p: DocxParagraph): LevelPart | null {
  if (!headingLike(p)) return null;
  const t = oneLineText(p);
  if (/^introduction$/i.test(t)) return 'intro';
  if (/^(endorsement )?requirements$/i.test(t)) return 'requirements';
  if (/^competency detail$/i.test(t)) return 'detail';
  if (/impact map$/i.test(t)) return 'impactMap';
  return null;
}

export function recognize(book: DocxBook): ImportedBooklet {
  const file = book.file;
  const out: ImportedBooklet = {
    file,
    levels: [],
    endorsement: null,
    committee: null,
    glossary: null,
    copyright: null,
    stated: {},
    marks: new WeakMap(),
    unplaced: [],
    cover: [],
  };
  // Chapters: the body split at chapter headings; what comes before the first is the cover.
  const chapters: { chapter: Chapter; heading: DocxParagraph; blocks: DocxBlock[] }[] = [];
  const front: DocxBlock[] = [];
  for (const b of book.blocks) {
    const c = b.kind === 'p' ? chapterOf(b) : null;
    if (c && b.kind === 'p') chapters.push({ chapter: c, heading: b, blocks: [] });
    else (chapters.length ? chapters[chapters.length - 1].blocks : front).push(b);
  }
  readStated(book, front, chapters.find((c) => c.chapter.kind === 'copyright')?.blocks ?? [], out);
  // Before the first part: the cover's short lines. Anything longer is text the importer does not know where to put.
  for (const p of front.flatMap((b) =>
    b.kind === 'p' ? [b] : b.rows.flat(2).filter((x): x is DocxParagraph => x.kind === 'p'),
  )) {
    const t = oneLineText(p);
    if (!t) continue;
    if (t.length > 150) out.unplaced.push({ path: ['(before the first part)'], text: t, n: p.n });
    else out.cover.push(t);
  }

  for (const { chapter, heading, blocks } of chapters) {
    switch (chapter.kind) {
      case 'contents':
        // A table of contents typed or pasted as text: entries, not the booklet's text.
        break;
      case 'copyright': {
        // The copyright page ends at the line naming the association and the date (our own files), or at its first
        // paragraph after the notice.
        const body = blocks.filter((b) => !(b.kind === 'p' && /\(([A-Z][A-Za-z-]{1,15})\)\s*·/.test(b.text)));
        out.copyright = sectionOf(file, chapter.title, heading, body, 2, out, ['Copyright']);
        break;
      }
      case 'level':
        out.levels.push(readLevel(file, chapter.level, chapter.title, heading, blocks, out));
        break;
      case 'glossary':
        out.glossary = readGlossary(file, chapter.title, blocks, out);
        break;
      case 'committee':
        (out.committee ??= []).push(sectionOf(file, chapter.title, heading, blocks, 1, out, [chapter.title]));
        break;
      case 'endorsement':
        out.endorsement = sectionOf(file, chapter.title, heading, blocks, 1, out, [chapter.title]);
        break;
    }
  }
  return out;
}

function readStated(book: DocxBook, front: DocxBlock[], copyrightBlocks: DocxBlock[], out: ImportedBooklet): void {
  const lines = [...front, ...copyrightBlocks].flatMap((b) =>
    b.kind === 'p' ? [b.text.trim()] : b.rows.flat(2).flatMap((x) => (x.kind === 'p' ? [x.text.trim()] : [])),
  );
  // "Texas Association for Infant Mental Health (TAIMH) · November 2026", or the name and the abbreviation on lines of
  // their own (the cover).
  for (const l of lines) {
    const m = /^(.*?Association[^()]*?)\s*\(([A-Z][A-Za-z-]{1,15})\)/.exec(l);
    if (m) {
      out.stated.associationName = m[1].trim();
      out.stated.abbreviation = m[2];
      break;
    }
  }
  if (!out.stated.associationName) {
    const name = lines.find((l) => /\bAssociation\b/.test(l) && l.length < 120);
    const abbr = lines.find((l) => /^[A-Z][A-Z-]{1,14}$/.test(l));
    if (name) out.stated.associationName = name;
    if (abbr) out.stated.abbreviation = abbr;
  }
  out.stated.pageSize = book.meta.pageSize;
  out.pageTwips = book.meta.pageTwips;
  out.stated.language = book.meta.language;
  // The footer line every page repeats, without its page number.
  const footer = book.meta.footers
    .map((f) =>
      f
        .split('\n')[0]
        .replace(/\s*\d+\s*$/, '')
        .replace(/^\s*\d+\s*/, '')
        .trim(),
    )
    .find((f) => f.length > 0);
  if (footer) out.stated.copyrightLine = footer;
  // The cover names the month; the file's creation date gives the day only when it falls in that month (our own
  // files are dated with the publication date).
  const months = [
    'january',
    'february',
    'march',
    'april',
    'may',
    'june',
    'july',
    'august',
    'september',
    'october',
    'november',
    'december',
  ];
  const month = lines
    .map((l) => /^([A-Za-z]+)\s+(\d{4})$/.exec(l.replace(/^.*·\s*/, '')))
    .find((m) => m && months.includes(m[1].toLowerCase()));
  const created = /^(\d{4})-(\d{2})-(\d{2})/.exec(book.meta.created ?? '');
  if (
    month &&
    created &&
    Number(created[1]) === Number(month[2]) &&
    Number(created[2]) === months.indexOf(month[1].toLowerCase()) + 1
  ) {
    out.stated.publicationDate = created.slice(1, 4).join('-');
  }
}

/** A prose section: paragraphs, lists and tables, with sub-sections at headings deeper than `depth`. */
function sectionOf(
  file: string,
  title: string,
  heading: DocxParagraph,
  blocks: DocxBlock[],
  depth: number,
  out: ImportedBooklet,
  path: string[],
): Section {
  const section: Section = { id: '', title, blocks: [], sections: [], pos: posOf(file, heading) };
  if (heading.bookmarks.length) out.marks.set(section, heading.bookmarks);
  const parts: { heading: DocxParagraph; blocks: DocxBlock[] }[] = [];
  const own: DocxBlock[] = [];
  const subDepth = (p: DocxParagraph) => p.outline ?? depth + 1;
  let partDepth = Infinity;
  for (const b of blocks) {
    const isSub =
      b.kind === 'p' && headingLike(b) && subDepth(b) > depth && subDepth(b) <= partDepth && oneLineText(b).length > 0;
    if (isSub && b.kind === 'p') {
      partDepth = Math.min(partDepth, subDepth(b));
      parts.push({ heading: b, blocks: [] });
    } else (parts.length ? parts[parts.length - 1].blocks : own).push(b);
  }
  section.blocks = proseOf(file, own, out.marks);
  section.sections = parts.map((p) =>
    sectionOf(file, oneLineText(p.heading), p.heading, p.blocks, subDepth(p.heading), out, [
      ...path,
      oneLineText(p.heading),
    ]),
  );
  return section;
}

function readLevel(
  file: string,
  level: LevelNumber,
  title: string,
  heading: DocxParagraph,
  blocks: DocxBlock[],
  out: ImportedBooklet,
): ImportedLevel {
  const result: ImportedLevel = {
    level,
    title,
    intro: null,
    requirements: null,
    areas: null,
    detailNotes: [],
    impactMap: null,
    pos: posOf(file, heading),
  };
  const path = [`Level ${level}: ${title}`];
  const parts: { part: LevelPart; heading: DocxParagraph; blocks: DocxBlock[] }[] = [];
  const before: DocxBlock[] = [];
  for (const b of blocks) {
    const part = b.kind === 'p' ? levelPartOf(b) : null;
    if (part && b.kind === 'p') parts.push({ part, heading: b, blocks: [] });
    else (parts.length ? parts[parts.length - 1].blocks : before).push(b);
  }
  // Text between the level's title and its first part is its introduction (a booklet without an "Introduction" heading).
  if (before.some((b) => b.kind === 'table' || b.text.trim()))
    parts.unshift({ part: 'intro', heading, blocks: before });
  for (const p of parts) {
    const name = oneLineText(p.heading);
    if (p.part === 'intro')
      result.intro = sectionOf(file, 'Introduction', p.heading, p.blocks, p.heading.outline ?? 2, out, [
        ...path,
        'Introduction',
      ]);
    if (p.part === 'requirements')
      result.requirements = sectionOf(file, name, p.heading, p.blocks, p.heading.outline ?? 2, out, [...path, name]);
    if (p.part === 'detail') {
      const d = readDetail(file, p.blocks, out, [...path, 'Competency Detail']);
      result.areas = d.areas;
      result.detailNotes = d.notes;
    }
    if (p.part === 'impactMap') result.impactMap = readImpactMap(file, level, p.blocks, out, [...path, name]);
  }
  return result;
}

// ---- Competency Detail ----

type Token = { cell: 0 | 1 } | { p: DocxParagraph };
const LABEL = /^(knowledge|skill)\s+areas\s*:?$/i;
const DEMONSTRATED = /^as demonstrated by\s*:?$/i;

function readDetail(
  file: string,
  blocks: DocxBlock[],
  out: ImportedBooklet,
  path: string[],
): { areas: CompetencyArea[]; notes: Block[] } {
  const tokens: Token[] = [];
  const after: DocxBlock[] = [];
  let seenTable = false;
  for (const b of blocks) {
    if (b.kind === 'table' && !seenTable) {
      seenTable = true;
      b.rows.forEach((row, i) => {
        const texts = row.map((c) => c.flatMap((x) => (x.kind === 'p' ? [x.text.trim()] : [])).join(' '));
        if (
          i === 0 &&
          (b.headerRow || (/area of expertise/i.test(texts[0] ?? '') && /demonstrated/i.test(texts[1] ?? '')))
        )
          return;
        row.forEach((cell, ci) => {
          tokens.push({ cell: ci === 0 ? 0 : 1 });
          for (const x of cell) if (x.kind === 'p') tokens.push({ p: x });
        });
      });
    } else if (seenTable) after.push(b);
    else if (b.kind === 'p') tokens.push({ p: b });
  }
  const areas: CompetencyArea[] = [];
  let area: CompetencyArea | null = null;
  let mode: 'name' | 'areas' | 'competencies' = 'name';
  let lines: (ListLine & { pos: SourcePos; bookmarks: string[] })[] = [];
  let group: CompetencyGroup | null = null;
  const flushGroup = () => {
    if (area && group) {
      group.competencies = nestItems(lines, competencyItem, out.marks);
      if (group.competencies.length || group.leadIn) area.groups.push(group);
    }
    group = null;
    lines = [];
  };
  const unplaced = (p: DocxParagraph) =>
    out.unplaced.push({ path: [...path, ...(area ? [area.name] : [])], text: oneLineText(p), n: p.n });
  const startArea = (p: DocxParagraph) => {
    flushGroup();
    area = {
      id: '',
      name: oneLineText(p),
      areasLabel: 'Knowledge Areas',
      areas: [],
      groups: [],
      notes: [],
      pos: posOf(file, p),
    };
    if (p.bookmarks.length) out.marks.set(area, p.bookmarks);
    areas.push(area);
    mode = 'name';
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if ('cell' in t) {
      if (t.cell === 0) {
        flushGroup();
        area = null;
        mode = 'name';
      } else mode = 'competencies';
      continue;
    }
    const p = t.p;
    const text = oneLineText(p);
    if (!text) continue;
    // In a table an area starts with its row; in headed text, at a heading after the competencies of the one before.
    const startsArea =
      !area ||
      (!seenTable &&
        mode === 'competencies' &&
        headingLike(p) &&
        !LABEL.test(text) &&
        !DEMONSTRATED.test(text) &&
        !p.italic &&
        !listLine(p));
    if (startsArea) {
      startArea(p);
      continue;
    }
    const a = area as unknown as CompetencyArea;
    if (mode === 'name') {
      if (LABEL.test(text)) {
        a.areasLabel = /skill/i.test(text) ? 'Skill Areas' : 'Knowledge Areas';
        mode = 'areas';
      } else if (DEMONSTRATED.test(text)) mode = 'competencies';
      else if (a.areas.length === 0 && nextLabelBefore(tokens, i)) {
        // A name wrapped onto a second line (pandoc cuts a heading in a narrow cell anywhere, even inside a word).
        a.name = (a.name + text).trim();
      } else {
        mode = 'areas';
        a.areas.push(text);
      }
      continue;
    }
    if (mode === 'areas') {
      if (DEMONSTRATED.test(text)) mode = 'competencies';
      else if (LABEL.test(text)) a.areasLabel = /skill/i.test(text) ? 'Skill Areas' : 'Knowledge Areas';
      else a.areas.push(plain(oneLine(listLine(p)?.runs ?? p.runs)));
      continue;
    }
    // Competencies: bullets, lead-in lines (italic or ending in a colon) that start a group, notes.
    if (DEMONSTRATED.test(text)) continue;
    const line = listLine(p);
    if (line) {
      if (!group) group = { leadIn: null, codes: [], competencies: [], pos: posOf(file, p) };
      lines.push({ ...line, pos: posOf(file, p), bookmarks: p.bookmarks });
    } else if (/^note\b/i.test(text) || p.style === 'Note') {
      a.notes.push({ kind: 'paragraph', text: oneLine(p.runs), pos: posOf(file, p) });
    } else if (lines.length && /^[a-z(]/.test(text)) {
      // A line pasted from a PDF that continues the bullet before it.
      const last = lines[lines.length - 1];
      last.runs = oneLine([...last.runs, { text: ' ' }, ...p.runs]);
    } else if (p.italic || /:\s*$/.test(text)) {
      flushGroup();
      const leadIn = oneLine(p.runs);
      group = { leadIn, codes: codesInLeadIn(plain(leadIn)), competencies: [], pos: posOf(file, p) };
    } else unplaced(p);
  }
  flushGroup();
  return { areas, notes: proseOf(file, after, out.marks) };
}

/** Whether a Knowledge/Skill Areas label comes before the next list line or cell. */
function nextLabelBefore(tokens: Token[], i: number): boolean {
  for (let k = i + 1; k < tokens.length; k++) {
    const t = tokens[k];
    if ('cell' in t) return false;
    if (LABEL.test(oneLineText(t.p))) return true;
    if (listLine(t.p)) return false;
  }
  return false;
}

function competencyItem(l: ListLine, pos: SourcePos): ListItem {
  const coded = takeTrailingCodes(oneLine(l.runs));
  return { id: '', text: trimRuns(coded.runs), codes: coded.unknown.length ? [] : coded.codes, children: [], pos };
}

// ---- Impact Map ----

function readImpactMap(
  file: string,
  level: number,
  blocks: DocxBlock[],
  out: ImportedBooklet,
  path: string[],
): ImpactMap | null {
  const table = blocks.find((b) => b.kind === 'table');
  const notesBlocks = table ? blocks.slice(0, blocks.indexOf(table)) : [];
  const columns: { title: string; items: ListItem[] }[] = [];
  const itemsOf = (ps: DocxParagraph[]) =>
    nestItems(
      ps.flatMap((p) => {
        const l = listLine(p) ?? (p.text.trim() ? { level: 0, ordered: false, runs: trimRuns(p.runs) } : null);
        return l ? [{ ...l, pos: posOf(file, p), bookmarks: p.bookmarks }] : [];
      }),
      competencyItem,
    );
  if (table && table.kind === 'table') {
    const paragraphs = (cell: DocxBlock[]) => cell.filter((x): x is DocxParagraph => x.kind === 'p');
    const titles = table.rows[0].map((c) => paragraphs(c).map(oneLineText).join(' ').trim());
    // Keep the columns with a title; the narrow columns between them hold only arrows.
    const keep = titles.map((t, i) => (t && !/^[→➔➜>]*$/.test(t) ? i : -1)).filter((i) => i >= 0);
    for (const i of keep)
      columns.push({
        title: columnTitle(titles[i], level),
        items: itemsOf(table.rows.slice(1).flatMap((r) => paragraphs(r[i] ?? []))),
      });
    for (const b of blocks.slice(blocks.indexOf(table) + 1))
      if (b.kind === 'p' && b.text.trim()) out.unplaced.push({ path, text: oneLineText(b), n: b.n });
  } else {
    // Columns as headed lists.
    let current: { title: string; ps: DocxParagraph[] } | null = null;
    const found: { title: string; ps: DocxParagraph[] }[] = [];
    for (const b of blocks) {
      if (b.kind !== 'p') continue;
      const t = oneLineText(b);
      if (/^(capabilities|key responsibilities|(level \d )?results|service objectives|service goals?)$/i.test(t))
        found.push((current = { title: t, ps: [] }));
      else if (current) current.ps.push(b);
      else notesBlocks.push(b);
    }
    for (const f of found) columns.push({ title: columnTitle(f.title, level), items: itemsOf(f.ps) });
  }
  if (columns.length !== 5) {
    out.unplaced.push({
      path,
      text: `an Impact Map with ${columns.length} columns (${columns.map((c) => c.title).join(', ')}); expected Capabilities, Key Responsibilities, Level ${level} Results, Service Objectives, Service Goal`,
      n: 0,
    });
    return null;
  }
  return { id: '', notes: proseOf(file, notesBlocks), columns, pos: posOf(file, table ?? blocks[0]) };
}

/** A column's title as the source names it, when it is one of the five (pandoc may cut a title in a narrow cell). */
function columnTitle(title: string, level: number): string {
  const known = [
    'Capabilities',
    'Key Responsibilities',
    `Level ${level} Results`,
    'Service Objectives',
    'Service Goal',
  ];
  const squeeze = (s: string) => s.toLowerCase().replace(/\s+/g, '');
  return known.find((k) => squeeze(k) === squeeze(title)) ?? title;
}

// ---- Glossary ----

function readGlossary(file: string, title: string, blocks: DocxBlock[], out: ImportedBooklet): ImportedGlossary {
  const entries: ImportedGlossary['entries'] = [];
  for (const b of blocks) {
    if (b.kind !== 'p') {
      out.unplaced.push({ path: [title], text: 'a table', n: b.n });
      continue;
    }
    const runs = oneLine(b.runs);
    const text = plain(runs);
    if (!text) continue;
    // "Term: definition" with the term in bold (ours), or a term and a colon, a dash or a tab.
    let term = '';
    let rest = '';
    const boldLead = runs[0]?.bold ? runs[0].text : '';
    if (boldLead && boldLead.replace(/[:\s]+$/, '').length > 0 && boldLead.length < text.length) {
      term = boldLead.replace(/[:\-–—\s]+$/, '').trim();
      rest = text.slice(boldLead.length).replace(/^\s*[:\-–—]\s*/, '');
    } else {
      const m = /^([^:]{1,80}?)\s*(?::|\s[–—-]\s|\t)\s*(.+)$/.exec(b.text.replace(/\n/g, ' ').trim());
      if (m) {
        term = m[1].trim();
        rest = m[2];
      }
    }
    if (term && rest) {
      const entry = { term, definition: definitionRuns(runs, text.length - rest.length), pos: posOf(file, b) };
      if (b.bookmarks.length) out.marks.set(entry, b.bookmarks);
      entries.push(entry);
    } else if (entries.length && /^[a-z(]/.test(text)) {
      // The rest of a definition broken onto a new line (text pasted from a PDF).
      const last = entries[entries.length - 1];
      last.definition = oneLine([...last.definition, { text: ' ' }, ...runs]);
    } else out.unplaced.push({ path: [title], text, n: b.n });
  }
  return { title, entries };
}

function definitionRuns(runs: Inline[], skip: number): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    if (skip >= r.text.length) {
      skip -= r.text.length;
      continue;
    }
    out.push({ ...r, text: r.text.slice(skip) });
    skip = 0;
  }
  return trimRuns(out);
}
