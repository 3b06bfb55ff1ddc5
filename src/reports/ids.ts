// The ids an edition can use (in override files and `remove:`), with the first words of what each names: for
// `npm run check -- --ids` and the edition report.
import type { Guidelines, ListItem, Section } from '../model/schema.js';
import { firstWords, plainText } from '../model/text.js';

export interface IdEntry {
  id: string;
  /** What the id names: "section", "area", "competency", … */
  what: string;
  /** Its title, or the first words of its text. */
  words: string;
}

export interface IdGroup {
  /** "Level 2", "Endorsement", "Committee", "Copyright", "Glossary". */
  title: string;
  level?: number;
  ids: IdEntry[];
}

function competencies(items: ListItem[]): IdEntry[] {
  return items.flatMap((c) => [{ id: c.id, what: 'competency', words: firstWords(plainText(c.text)) }, ...competencies(c.children)]);
}

function sections(s: Section, what = 'section'): IdEntry[] {
  return [{ id: s.id, what, words: s.title }, ...s.sections.flatMap((x) => sections(x))];
}

/** Every id of the guidelines, by level and then the chapters after the levels, in the booklet's order. */
export function idGroups(g: Guidelines): IdGroup[] {
  const groups: IdGroup[] = [...g.levels]
    .sort((a, b) => a.level - b.level)
    .map((l) => ({
      title: `Level ${l.level}`,
      level: l.level,
      ids: [
        ...sections(l.intro),
        ...(l.requirements ? sections(l.requirements) : []),
        { id: l.detail.id, what: 'heading', words: 'Competency Detail (the areas go under it)' },
        ...l.detail.areas.flatMap((a) => [{ id: a.id, what: 'area', words: a.name }, ...a.groups.flatMap((gr) => competencies(gr.competencies))]),
        ...(l.impactMap ? [{ id: l.impactMap.id, what: 'Impact Map', words: `Level ${l.level} Impact Map` }] : []),
      ],
    }));
  if (g.endorsement) groups.push({ title: 'Endorsement', ids: sections(g.endorsement) });
  if (g.committee.length) groups.push({ title: 'Committee', ids: g.committee.flatMap((s) => sections(s)) });
  if (g.copyright) groups.push({ title: 'Copyright', ids: sections(g.copyright) });
  if (g.glossary) groups.push({ title: 'Glossary', ids: g.glossary.entries.map((e) => ({ id: e.id, what: 'glossary entry', words: e.term })) });
  return groups;
}

/** The groups as plain text lines: what `npm run check -- --ids` prints. */
export function idLines(groups: IdGroup[]): string[] {
  return groups.flatMap((g, k) => [...(k ? [''] : []), `${g.title}:`, ...g.ids.map((i) => `  ${i.id}  ${i.what}: ${i.words}`)]);
}
