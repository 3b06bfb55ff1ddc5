// Composes an edition's booklet as a document tree, in the order of the booklet's own contents.
import type { Guidelines, Level, Logo, Section } from '../model/schema.js';
import type { EditionSettings } from '../model/settings.js';
import { competencyDetail, glossaryBlocks, impactMap, paragraph, proseBlocks, sectionBlocks, text } from './blocks.js';
import { contentsEntries, type Block, type Chapter, type Contents, type CopyrightPage, type Cover, type Document, type Part } from './tree.js';

export function levelHeading(level: Level): string {
  return `Level ${level.level}: ${level.title}`;
}

export function levelChapter(level: Level): Chapter {
  const title = levelHeading(level);
  const blocks: Block[] = [
    { kind: 'heading', level: 1, id: `l${level.level}`, text: title, toc: true },
    { kind: 'heading', level: 2, id: level.intro.id, text: 'Introduction', toc: true },
    ...proseBlocks(level.intro.blocks),
  ];
  for (const sub of level.intro.sections) blocks.push(...sectionBlocks(sub, 3, false));
  if (level.requirements) blocks.push(...sectionBlocks(level.requirements, 2));
  blocks.push(
    { kind: 'heading', level: 2, id: level.detail.id, text: 'Competency Detail', toc: true },
    competencyDetail(level.detail.id, level.detail.areas),
    ...proseBlocks(level.detail.notes),
  );
  if (level.impactMap) blocks.push(impactMap(`Level ${level.level} Impact Map`, level.impactMap));
  return { kind: 'chapter', id: `l${level.level}`, title, runningHead: title, blocks };
}

/** The chapters after the levels: the Endorsement introduction, the committee, the glossary. */
function backMatter(g: Guidelines): Chapter[] {
  const chapters: Chapter[] = [];
  if (g.endorsement) chapters.push({ kind: 'chapter', id: g.endorsement.id, title: g.endorsement.title, runningHead: 'Endorsement', blocks: sectionBlocks(g.endorsement, 1) });
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
  return { kind: 'chapter', id: glossary.id, title: glossary.title, runningHead: glossary.title, blocks: glossaryBlocks(glossary) };
}

export interface CoverLines {
  title: string;
  subtitle?: string;
  editionLine?: string;
  levels: number[];
}

export function cover(settings: EditionSettings, lines: CoverLines, logo?: Logo): Cover {
  const a = settings.association;
  const levels = levelsLine(lines.levels);
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
    ...(logo ? { logo: { alt: `${a.name} logo`, image: logo } } : {}),
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
  blocks.push(paragraph(text(`${a.name} (${a.abbreviation}) · ${formatDate(settings.publicationDate, settings.language)}`), 'muted'));
  return { kind: 'copyright', blocks };
}

/** The contents: every heading listed in it, in order (writers add the page numbers). */
export function contents(title: string, chapters: Chapter[]): Contents {
  return { kind: 'contents', title, entries: contentsEntries(chapters.flatMap((c) => c.blocks)) };
}

export function composeBooklet(editionId: string, settings: EditionSettings, g: Guidelines, logo?: Logo): Document {
  const chapters: Chapter[] = [...g.levels.map(levelChapter), ...backMatter(g)];
  const a = settings.association;
  const parts: Part[] = [
    cover(settings, { title: settings.title, subtitle: settings.subtitle, editionLine: settings.editionLine, levels: g.levels.map((l) => l.level) }, logo),
    copyrightPage(g.copyright, settings),
    contents('Contents', chapters),
    ...chapters,
  ];
  return {
    editionId,
    kind: 'booklet',
    meta: {
      title: `${a.abbreviation} ${settings.title}`,
      author: a.name,
      subject: `${settings.title} for Endorsement, Levels ${g.levels.map((l) => l.level).join(', ')}`,
      keywords: 'infant mental health; competency guidelines; endorsement',
      language: settings.language,
      date: settings.publicationDate,
    },
    page: { size: settings.pageSize, twoSided: settings.twoSided, padToMultipleOf4: settings.padToMultipleOf4 },
    accent: settings.coverColor,
    furniture: { headerLine: `${a.abbreviation} ${settings.title}`, footerLine: settings.copyrightLine },
    parts,
  };
}

/** "November 2026" in the edition's language; UTC, so the month never depends on the machine's time zone. */
export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

export function levelsLine(levels: number[]): string {
  if (levels.length === 1) return `Level ${levels[0]}`;
  const sorted = [...levels].sort();
  const contiguous = sorted.every((l, i) => i === 0 || l === sorted[i - 1] + 1);
  return contiguous ? `Levels ${sorted[0]}–${sorted[sorted.length - 1]}` : `Levels ${sorted.join(', ')}`;
}
