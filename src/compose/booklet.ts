// Composes an edition's booklet as a document tree, in the order of the booklet's own contents.
import type { Guidelines, Level, Logo, Section } from '../model/schema.js';
import type { EditionSettings } from '../model/settings.js';
import type { DocumentWords, Words } from '../model/words.js';
import { fill } from '../text/fill.js';
import { englishWords } from '../read/words.js';
import { competencyDetail, glossaryBlocks, impactMap, paragraph, proseBlocks, sectionBlocks, text } from './blocks.js';
import {
  contentsEntries,
  type Block,
  type Chapter,
  type Contents,
  type CopyrightPage,
  type Cover,
  type Document,
  type Part,
} from './tree.js';

export function levelHeading(level: Level, words: Words = englishWords()): string {
  return fill(words.levelHeading, { level: level.level, title: level.title });
}

export function levelChapter(level: Level, words: Words = englishWords()): Chapter {
  const title = levelHeading(level, words);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, id: `l${level.level}`, text: title, toc: true },
    { kind: 'heading', level: 2, id: level.intro.id, text: words.introduction, toc: true },
    ...proseBlocks(level.intro.blocks),
  ];
  for (const sub of level.intro.sections) blocks.push(...sectionBlocks(sub, 3, false));
  if (level.requirements) blocks.push(...sectionBlocks(level.requirements, 2));
  blocks.push(
    { kind: 'heading', level: 2, id: level.detail.id, text: words.competencyDetail, toc: true },
    competencyDetail(level.detail.id, level.detail.areas, words),
    ...proseBlocks(level.detail.notes),
  );
  if (level.impactMap) blocks.push(impactMap(fill(words.impactMap, { level: level.level }), level.impactMap));
  return { kind: 'chapter', id: `l${level.level}`, title, runningHead: title, blocks };
}

/** The chapters after the levels: the Endorsement introduction, the committee, the glossary. */
function backMatter(g: Guidelines, words: Words): Chapter[] {
  const chapters: Chapter[] = [];
  if (g.endorsement)
    chapters.push({
      kind: 'chapter',
      id: g.endorsement.id,
      title: g.endorsement.title,
      runningHead: words.endorsement,
      blocks: sectionBlocks(g.endorsement, 1),
    });
  if (g.committee.length > 0) {
    chapters.push({
      kind: 'chapter',
      id: g.committee[0].id,
      title: g.committee[0].title,
      runningHead: g.committee.map((s) => s.title).join(' · '),
      blocks: g.committee.flatMap((s) => sectionBlocks(s, 1)),
    });
  }
  if (g.glossary) chapters.push(glossaryChapter(g));
  return chapters;
}

export function glossaryChapter(g: Guidelines): Chapter {
  const glossary = g.glossary!;
  return {
    kind: 'chapter',
    id: glossary.id,
    title: glossary.title,
    runningHead: glossary.title,
    blocks: glossaryBlocks(glossary),
  };
}

export interface CoverLines {
  title: string;
  subtitle?: string;
  editionLine?: string;
  levels: number[];
}

export function cover(settings: EditionSettings, lines: CoverLines, logo?: Logo, words: Words = englishWords()): Cover {
  const a = settings.association;
  const levels = levelsLine(lines.levels, words);
  return {
    kind: 'cover',
    association: a.name,
    abbreviation: a.abbreviation,
    title: lines.title,
    ...(lines.subtitle ? { subtitle: lines.subtitle } : {}),
    ...(lines.editionLine ? { editionLine: lines.editionLine } : {}),
    // The levels covered, unless the title or subtitle says it already (a packet's "Level 2: …").
    ...(`${lines.title} ${lines.subtitle ?? ''}`.includes(levels) ? {} : { levelsLine: levels }),
    dateLine: formatDate(settings.publicationDate, settings.language),
    color: settings.coverColor,
    ...(logo ? { logo: { alt: fill(words.logo, { association: a.name }), image: logo } } : {}),
  };
}

/** The copyright notice (title, text, sub-sections), the edition's own lines, who published it and when. */
export function copyrightPage(notice: Section | null, settings: EditionSettings): CopyrightPage {
  const blocks: Block[] = [];
  const add = (s: Section) => {
    blocks.push({ kind: 'heading', level: 2, id: s.id, text: s.title, toc: false }, ...proseBlocks(s.blocks, 'small'));
    s.sections.forEach(add);
  };
  if (notice) add(notice);
  for (const line of settings.copyrightExtra) blocks.push(paragraph(text(line), 'small'));
  const a = settings.association;
  blocks.push(
    paragraph(
      text(`${a.name} (${a.abbreviation}) · ${formatDate(settings.publicationDate, settings.language)}`),
      'muted',
    ),
  );
  return { kind: 'copyright', blocks };
}

/** The contents: every heading listed in it, in order (writers add the page numbers). */
export function contents(title: string, chapters: Chapter[]): Contents {
  return { kind: 'contents', title, entries: contentsEntries(chapters.flatMap((c) => c.blocks)) };
}

export function composeBooklet(
  editionId: string,
  settings: EditionSettings,
  g: Guidelines,
  logo?: Logo,
  words: Words = englishWords(),
): Document {
  const chapters: Chapter[] = [...g.levels.map((l) => levelChapter(l, words)), ...backMatter(g, words)];
  const a = settings.association;
  const parts: Part[] = [
    cover(
      settings,
      {
        title: settings.title,
        subtitle: settings.subtitle,
        editionLine: settings.editionLine,
        levels: g.levels.map((l) => l.level),
      },
      logo,
      words,
    ),
    copyrightPage(g.copyright, settings),
    contents(words.contents, chapters),
    ...chapters,
  ];
  return {
    editionId,
    kind: 'booklet',
    meta: {
      title: `${a.abbreviation} ${settings.title}`,
      author: a.name,
      subject: fill(words.subject, { title: settings.title, levels: g.levels.map((l) => l.level).join(', ') }),
      keywords: words.keywords,
      language: settings.language,
      date: settings.publicationDate,
    },
    page: { size: settings.pageSize, twoSided: settings.twoSided, padToMultipleOf4: settings.padToMultipleOf4 },
    accent: settings.coverColor,
    furniture: { headerLine: `${a.abbreviation} ${settings.title}`, footerLine: settings.copyrightLine },
    words: documentWords(words),
    parts,
  };
}

/**
 * "November 2026" in the edition's language; UTC, so the month never depends on the machine's time zone. Month names
 * come from the runtime's ICU data: Node ships full ICU, and Node 22, 24 and 26 give the same names (CI builds with
 * all three and compares the files).
 */
export function formatDate(iso: string, language: string): string {
  return formatter(language, 'month').format(new Date(`${iso}T00:00:00Z`));
}

/** A formatter per language and precision, made once: making one costs about a millisecond, using one microseconds. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, precision: 'month' | 'day'): Intl.DateTimeFormat {
  const key = `${precision} ${language}`;
  let f = formatters.get(key);
  if (!f)
    formatters.set(
      key,
      (f = new Intl.DateTimeFormat(language, {
        ...(precision === 'day' ? { day: 'numeric' } : {}),
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      })),
    );
  return f;
}

/** A letter's date, to the day: "November 1, 2026" (en-US), "1 November 2026" (en-IE, en-GB, en-AU), "1 de noviembre de 2026" (es). */
export function formatDay(iso: string, language: string): string {
  return formatter(language, 'day').format(new Date(`${iso}T00:00:00Z`));
}

/** An application fee: as written, or an amount in the edition's currency ("50,00 €" in es-ES). */
export function formatFee(
  fee: string | number | undefined,
  settings: Pick<EditionSettings, 'language' | 'currency'>,
): string | undefined {
  if (typeof fee !== 'number') return fee;
  return new Intl.NumberFormat(settings.language, { style: 'currency', currency: settings.currency! }).format(fee);
}

export function levelsLine(levels: number[], words: Words = englishWords()): string {
  if (levels.length === 1) return fill(words.level, { level: levels[0] });
  const sorted = [...levels].sort();
  const contiguous = sorted.every((l, i) => i === 0 || l === sorted[i - 1] + 1);
  return contiguous
    ? fill(words.levelRange, { first: sorted[0], last: sorted[sorted.length - 1] })
    : fill(words.levelList, { list: sorted.join(', ') });
}

/** The words a document tree carries for its writers (the packet's are used up in compose). */
export function documentWords(words: Words): DocumentWords {
  const { packet: _packet, ...rest } = words;
  return rest;
}

/** The publisher's English words for a tree composed without an edition's (tests, tools). */
export function englishDocumentWords(): DocumentWords {
  return documentWords(englishWords());
}
