// Composes an edition's booklet from the model: the order of the booklet's own table of contents.
import type { Block, Guidelines, Level, Section } from '../model/schema.js';
import type { EditionSettings } from '../model/settings.js';
import type { Chapter, DocBlock, Logo, Publication } from './document.js';

export function levelHeading(level: Level): string {
  return `Level ${level.level}: ${level.title}`;
}

export function blocksOf(blocks: Block[]): DocBlock[] {
  return blocks.map((b): DocBlock => {
    switch (b.kind) {
      case 'paragraph':
        return { kind: 'paragraph', text: b.text, style: b.text.some((r) => r.text.includes('\n')) ? 'lines' : 'body' };
      case 'list':
        return { kind: 'list', ordered: b.ordered, start: b.start, items: b.items };
      case 'table':
        return { kind: 'table', header: b.header, rows: b.rows };
    }
  });
}

/** A prose section and its sub-sections, headings one level below `depth`. */
export function sectionBlocks(section: Section, depth: 1 | 2 | 3, toc = true): DocBlock[] {
  const out: DocBlock[] = [{ kind: 'heading', level: depth, id: section.id, text: section.title, toc }];
  out.push(...blocksOf(section.blocks));
  const next = Math.min(depth + 1, 3) as 1 | 2 | 3;
  for (const sub of section.sections) out.push(...sectionBlocks(sub, next, toc && depth < 2));
  return out;
}

export function levelChapter(level: Level): Chapter {
  const title = levelHeading(level);
  const blocks: DocBlock[] = [
    { kind: 'heading', level: 1, id: `l${level.level}`, text: title, toc: true },
    { kind: 'heading', level: 2, id: level.intro.id, text: 'Introduction', toc: true },
    ...blocksOf(level.intro.blocks),
  ];
  for (const sub of level.intro.sections) blocks.push(...sectionBlocks(sub, 3, false));
  if (level.requirements) blocks.push(...sectionBlocks(level.requirements, 2));
  blocks.push(
    { kind: 'heading', level: 2, id: level.detail.id, text: 'Competency Detail', toc: true },
    { kind: 'competencyTable', id: level.detail.id, areas: level.detail.areas },
    ...blocksOf(level.detail.notes),
  );
  if (level.impactMap) {
    blocks.push({ kind: 'impactMap', title: `Level ${level.level} Impact Map`, map: level.impactMap });
  }
  return { id: `l${level.level}`, title, runningHead: title, blocks };
}

export function composeBooklet(editionId: string, settings: EditionSettings, g: Guidelines, logo?: Logo): Publication {
  const chapters: Chapter[] = g.levels.map(levelChapter);
  if (g.endorsement) {
    chapters.push({
      id: g.endorsement.id,
      title: g.endorsement.title,
      runningHead: 'Endorsement',
      blocks: sectionBlocks(g.endorsement, 1),
    });
  }
  if (g.committee.length > 0) {
    chapters.push({
      id: g.committee[0].id,
      title: g.committee[0].title,
      runningHead: g.committee.map((s) => s.title).join(' · '),
      blocks: g.committee.flatMap((s) => sectionBlocks(s, 1)),
    });
  }
  if (g.glossary) {
    chapters.push({
      id: g.glossary.id,
      title: g.glossary.title,
      runningHead: g.glossary.title,
      blocks: [
        { kind: 'heading', level: 1, id: g.glossary.id, text: g.glossary.title, toc: true },
        { kind: 'glossary', entries: g.glossary.entries },
      ],
    });
  }
  const a = settings.association;
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
    cover: {
      association: a.name,
      abbreviation: a.abbreviation,
      title: settings.title,
      subtitle: settings.subtitle,
      editionLine: settings.editionLine,
      levelsLine: levelsLine(g.levels.map((l) => l.level)),
      dateLine: formatDate(settings.publicationDate, settings.language),
      color: settings.coverColor,
      ...(logo ? { logo } : {}),
    },
    copyrightPage: { notice: g.copyright, lines: settings.copyrightExtra },
    footerLine: settings.copyrightLine,
    headerLine: `${a.abbreviation} ${settings.title}`,
    tocTitle: 'Contents',
    chapters,
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
