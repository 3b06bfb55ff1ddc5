// Model parts to tree blocks: prose, lists with their responsibility codes, the Competency Detail
// table, the Impact Map and the glossary. The only place that decides what these print.
import type {
  Block as ModelBlock,
  CompetencyArea,
  Glossary,
  ImpactMap as ModelMap,
  Inline,
  ListItem as ModelItem,
  ResponsibilityCode,
  Section,
} from '../model/schema.js';
import type { Words } from '../model/words.js';
import { englishWords } from '../read/words.js';
import type { Block, Cell, ImpactMap, ListItem, Paragraph, ParagraphRole, Run, Table } from './tree.js';

/** The Competency Detail's column titles (in the edition's language) and their shares of the width. */
export function detailColumns(words: Words): { title: string; share: number }[] {
  return [
    { title: words.areaOfExpertise, share: 0.3 },
    { title: words.asDemonstratedBy, share: 0.7 },
  ];
}

/** " (S, T)": a competency's responsibility codes, after its text, as the booklets print them. */
export function codesRun(codes: ResponsibilityCode[]): Run[] {
  return codes.length ? [{ text: ` (${codes.join(', ')})`, role: 'code' }] : [];
}

export function runsOf(text: Inline[]): Run[] {
  return text.map((r) => ({ text: r.text, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}) }));
}

export const text = (s: string): Run[] => [{ text: s }];

export function listItems(items: ModelItem[]): ListItem[] {
  return items.map((it) => ({
    id: it.id,
    runs: [...runsOf(it.text), ...codesRun(it.codes)],
    children: listItems(it.children),
  }));
}

export function paragraph(runs: Run[], role: ParagraphRole = 'body'): Paragraph {
  return { kind: 'paragraph', role, runs };
}

/** Prose blocks; `role` for their paragraphs (notes under an area or a map are `note`). */
export function proseBlocks(blocks: ModelBlock[], role: ParagraphRole = 'body'): Block[] {
  return blocks.map((b): Block => {
    switch (b.kind) {
      case 'paragraph':
        return paragraph(runsOf(b.text), role);
      case 'list':
        return {
          kind: 'list',
          style: b.ordered ? 'number' : 'bullet',
          ...(b.start !== undefined && b.ordered ? { start: b.start } : {}),
          items: listItems(b.items),
        };
      case 'table':
        return {
          kind: 'table',
          role: 'plain',
          ...(b.id ? { id: b.id } : {}),
          // The first column names the row (a requirement); it gets a little less than its share.
          columns: b.header.map((h, i) => ({
            title: runsOf(h),
            share: b.header.length === 1 ? 1 : i === 0 ? 0.28 : 0.72 / (b.header.length - 1),
          })),
          rows: b.rows.map((r) => ({
            cells: r.map((c, i): Cell => ({ blocks: [paragraph(runsOf(c))], ...(i === 0 ? { rowHeader: true } : {}) })),
          })),
        };
    }
  });
}

/** A section and its sub-sections, headings from `depth` down; `toc`: listed in the contents. */
export function sectionBlocks(section: Section, depth: 1 | 2 | 3, toc = true): Block[] {
  const out: Block[] = [{ kind: 'heading', level: depth, id: section.id, text: section.title, toc }];
  out.push(...proseBlocks(section.blocks));
  const next = Math.min(depth + 1, 3) as 1 | 2 | 3;
  // Only the first two levels of a section are listed in the contents.
  for (const sub of section.sections) out.push(...sectionBlocks(sub, next, toc && depth < 2));
  return out;
}

/** One area of expertise: its name, label and areas on the left; its competencies on the right. */
function areaRow(area: CompetencyArea): Table['rows'][number] {
  const left: Block[] = [
    { kind: 'heading', level: 3, id: area.id, text: area.name, toc: true },
    paragraph(text(area.areasLabel), 'label'),
    { kind: 'list', style: 'plain', items: area.areas.map((a) => ({ runs: text(a), children: [] })) },
  ];
  const right: Block[] = [];
  for (const g of area.groups) {
    if (g.leadIn) right.push(paragraph(runsOf(g.leadIn), 'leadIn'));
    if (g.competencies.length) right.push({ kind: 'list', style: 'bullet', items: listItems(g.competencies) });
  }
  right.push(...proseBlocks(area.notes, 'note'));
  return { id: area.id, cells: [{ blocks: left, rowHeader: true }, { blocks: right }] };
}

export function competencyDetail(id: string, areas: CompetencyArea[], words: Words = englishWords()): Table {
  return {
    kind: 'table',
    id,
    role: 'competencyDetail',
    columns: detailColumns(words).map((c) => ({ title: text(c.title), share: c.share })),
    rows: areas.map(areaRow),
  };
}

export function impactMap(title: string, map: ModelMap): ImpactMap {
  return {
    kind: 'impactMap',
    id: map.id,
    title,
    notes: proseBlocks(map.notes, 'note'),
    columns: map.columns.map((c) => ({ title: c.title, items: listItems(c.items) })),
  };
}

export function glossaryBlocks(g: Glossary): Block[] {
  return [
    { kind: 'heading', level: 1, id: g.id, text: g.title, toc: true },
    {
      kind: 'definitions',
      entries: g.entries.map((e) => ({ id: e.id, term: e.term, definition: runsOf(e.definition) })),
    },
  ];
}
