// Applies an edition's overrides (by stable id) to the base guidelines, logging each change.
import type { CompetencyArea, Glossary, Guidelines, Level, ListItem, Section, SourcePos } from '../model/schema.js';
import type { Diagnostics } from '../model/diagnostics.js';
import type { LevelParts } from '../model/parts.js';
import { areaText, competencyText, glossaryEntryText, impactMapText, sectionText } from './text.js';
import { firstWords, plainText } from '../model/text.js';

/** A competency named by its first words. */
const named = (c: ListItem) => firstWords(plainText(c.text));

export interface Change {
  op: 'replace' | 'add' | 'remove';
  kind: 'level title' | 'section' | 'area' | 'competency' | 'impact map' | 'glossary entry' | 'detail notes';
  id: string;
  /** What changed, by its own name: a section's or area's title, a competency's first words, a glossary term. */
  title: string;
  /** The area a competency is in. */
  within?: string;
  /** Where the change is: a level number, or the prose file's name. */
  where: string;
  before?: string;
  after?: string;
  pos: SourcePos;
}

export interface Overlay {
  editionId: string;
  levels: LevelParts[];
  /** Prose files by base name (endorsement, committee, copyright): their sections. */
  prose: { name: 'endorsement' | 'committee' | 'copyright'; sections: Section[] }[];
  glossary: Glossary | null;
  remove: { id: string; pos: SourcePos }[];
}

/**
 * A deep copy of the guidelines, which are plain data (objects, arrays, strings, numbers): structuredClone took a
 * third of the time of reading source/ (2 ms per edition, this 0.3 ms). Anything else is copied by structuredClone.
 */
function clone<T>(x: T): T {
  if (Array.isArray(x)) return x.map(clone) as T;
  if (x === null || typeof x !== 'object') return x;
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return structuredClone(x);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(x)) copy[key] = clone((x as Record<string, unknown>)[key]);
  return copy as T;
}

/**
 * `broken`: base files (by name without ".md": "level-2", "glossary") that had problems of their own. What overrides
 * them is not checked against them (their problem is already reported once), and an id `remove:` does not find may be
 * in one of them.
 */
export function applyOverlay(
  base: Guidelines,
  overlay: Overlay,
  diag: Diagnostics,
  broken: ReadonlySet<string> = new Set(),
): { guidelines: Guidelines; changes: Change[] } {
  const g = clone(base);
  const changes: Change[] = [];
  const prefix = `${overlay.editionId}.`;
  const isNew = (id: string) => id.startsWith(prefix);
  const unknown = (pos: SourcePos, what: string, id: string, known: string[]) =>
    diag.error(
      pos,
      `no ${what} with id "${id}" in the base`,
      `one of ${known.slice(0, 6).join(', ')}${known.length > 6 ? ', …' : ''}, or a new id starting with "${prefix}"`,
    );

  for (const lp of overlay.levels) {
    if (broken.has(`level-${lp.level}`)) continue;
    const level = g.levels.find((l) => l.level === lp.level);
    if (!level) {
      diag.error(lp.pos, `level ${lp.level} is not in the base`, 'a level from 1 to 4');
      continue;
    }
    const where = `Level ${level.level}`;
    if (lp.title && lp.title !== level.title) {
      changes.push({
        op: 'replace',
        kind: 'level title',
        id: `l${level.level}`,
        title: lp.title,
        where,
        before: level.title,
        after: lp.title,
        pos: lp.pos,
      });
      level.title = lp.title;
    }
    const slot = (key: 'intro' | 'requirements', s: Section | null) => {
      if (!s) return;
      const current = level[key];
      const canonical = `l${level.level}.${key}`;
      if (current ? s.id !== current.id : s.id !== canonical && !isNew(s.id)) {
        unknown(s.pos, 'section', s.id, [current?.id ?? canonical]);
        return;
      }
      changes.push({
        op: current ? 'replace' : 'add',
        kind: 'section',
        id: s.id,
        title: s.title,
        where,
        before: current ? sectionText(current) : undefined,
        after: sectionText(s),
        pos: s.pos,
      });
      level[key] = s;
    };
    slot('intro', lp.intro);
    slot('requirements', lp.requirements);
    if (lp.impactMap) {
      const m = lp.impactMap;
      const canonical = `l${level.level}.impact-map`;
      if (m.id !== canonical && m.id !== level.impactMap?.id && !isNew(m.id))
        unknown(m.pos, 'Impact Map', m.id, [canonical]);
      else {
        changes.push({
          op: level.impactMap ? 'replace' : 'add',
          kind: 'impact map',
          id: m.id,
          title: `Level ${level.level} Impact Map`,
          where,
          before: level.impactMap ? impactMapText(level.impactMap) : undefined,
          after: impactMapText(m),
          pos: m.pos,
        });
        level.impactMap = m;
      }
    }
    if (lp.detail) applyDetail(level, lp.detail, where, changes, isNew, unknown, diag);
  }

  for (const file of overlay.prose) {
    if (broken.has(file.name)) continue;
    const target =
      file.name === 'committee'
        ? g.committee
        : file.name === 'endorsement'
          ? g.endorsement
            ? [g.endorsement]
            : []
          : g.copyright
            ? [g.copyright]
            : [];
    for (const s of file.sections) {
      const found = findSection(target, s.id);
      if (found) {
        changes.push({
          op: 'replace',
          kind: 'section',
          id: s.id,
          title: s.title,
          where: file.name,
          before: sectionText(found.list[found.index]),
          after: sectionText(s),
          pos: s.pos,
        });
        found.list[found.index] = s;
      } else if (isNew(s.id) || target.length === 0) {
        changes.push({
          op: 'add',
          kind: 'section',
          id: s.id,
          title: s.title,
          where: file.name,
          after: sectionText(s),
          pos: s.pos,
        });
        target.push(s);
      } else unknown(s.pos, 'section', s.id, allSectionIds(target));
    }
    if (file.name === 'endorsement') g.endorsement = target[0] ?? null;
    if (file.name === 'copyright') g.copyright = target[0] ?? null;
  }

  if (overlay.glossary && !broken.has('glossary')) {
    if (!g.glossary) g.glossary = { ...overlay.glossary, entries: [] };
    for (const e of overlay.glossary.entries) {
      const i = g.glossary.entries.findIndex((x) => x.id === e.id);
      changes.push({
        op: i >= 0 ? 'replace' : 'add',
        kind: 'glossary entry',
        id: e.id,
        title: e.term,
        where: 'glossary',
        before: i >= 0 ? glossaryEntryText(g.glossary.entries[i]) : undefined,
        after: glossaryEntryText(e),
        pos: e.pos,
      });
      if (i >= 0) g.glossary.entries[i] = e;
      else g.glossary.entries.push(e);
    }
  }

  for (const r of overlay.remove) {
    const removed = removeById(g, r.id);
    if (!removed) {
      if (broken.size) continue;
      diag.error(
        r.pos,
        `nothing with id "${r.id}" to remove`,
        'the id of an area, competency, section, Impact Map or glossary entry',
      );
      continue;
    }
    changes.push({
      op: 'remove',
      kind: removed.kind,
      id: r.id,
      title: removed.title,
      ...(removed.within ? { within: removed.within } : {}),
      where: removed.where,
      before: removed.text,
      pos: r.pos,
    });
  }
  return { guidelines: g, changes };
}

function applyDetail(
  level: Level,
  d: NonNullable<LevelParts['detail']>,
  where: string,
  changes: Change[],
  isNew: (id: string) => boolean,
  unknown: (pos: SourcePos, what: string, id: string, known: string[]) => void,
  diag: Diagnostics,
): void {
  const areas = level.detail.areas;
  let insertAt = areas.length;
  // Areas and competency patches in the order the override file names them: an added
  // area goes after the area named just before it.
  const entries = [
    ...d.areas.map((a) => ({ area: a, patch: null })),
    ...d.patches.map((p) => ({ area: null, patch: p })),
  ].sort((x, y) => (x.area ?? x.patch)!.pos.line - (y.area ?? y.patch)!.pos.line);
  for (const { area: a, patch: p } of entries) {
    if (a) {
      const i = areas.findIndex((x) => x.id === a.id);
      if (i >= 0) {
        changes.push({
          op: 'replace',
          kind: 'area',
          id: a.id,
          title: a.name,
          where,
          before: areaText(areas[i]),
          after: areaText(a),
          pos: a.pos,
        });
        areas[i] = a;
        insertAt = i + 1;
      } else if (isNew(a.id)) {
        changes.push({ op: 'add', kind: 'area', id: a.id, title: a.name, where, after: areaText(a), pos: a.pos });
        areas.splice(insertAt, 0, a);
        insertAt++;
      } else
        unknown(
          a.pos,
          'area',
          a.id,
          areas.map((x) => x.id),
        );
      continue;
    }
    const area = areas.find((x) => x.id === p!.id);
    if (!area) {
      unknown(
        p!.pos,
        'area',
        p!.id,
        areas.map((x) => x.id),
      );
      continue;
    }
    insertAt = areas.indexOf(area) + 1;
    for (const c of p!.competencies) {
      const found = findCompetency(area, c.id);
      if (found) {
        changes.push({
          op: 'replace',
          kind: 'competency',
          id: c.id,
          title: named(c),
          within: area.name,
          where,
          before: competencyText(found.list[found.index]),
          after: competencyText(c),
          pos: c.pos,
        });
        found.list[found.index] = c;
      } else if (isNew(c.id)) {
        if (area.groups.length === 0)
          diag.error(c.pos, `area "${area.name}" has no group to add to`, 'an area with competencies');
        else {
          area.groups[area.groups.length - 1].competencies.push(c);
          changes.push({
            op: 'add',
            kind: 'competency',
            id: c.id,
            title: named(c),
            within: area.name,
            where,
            after: competencyText(c),
            pos: c.pos,
          });
        }
      } else
        unknown(
          c.pos,
          'competency',
          c.id,
          area.groups.flatMap((gr) => gr.competencies.map((x) => x.id)),
        );
    }
  }
  if (d.notes.length) {
    changes.push({
      op: level.detail.notes.length ? 'replace' : 'add',
      kind: 'detail notes',
      id: level.detail.id,
      title: 'Notes on the Competency Detail',
      where,
      pos: d.pos,
    });
    level.detail.notes = d.notes;
  }
}

function findCompetency(area: CompetencyArea, id: string): { list: ListItem[]; index: number } | null {
  const search = (list: ListItem[]): { list: ListItem[]; index: number } | null => {
    for (let i = 0; i < list.length; i++) {
      if (list[i].id === id) return { list, index: i };
      const inner = search(list[i].children);
      if (inner) return inner;
    }
    return null;
  };
  for (const g of area.groups) {
    const f = search(g.competencies);
    if (f) return f;
  }
  return null;
}

function findSection(list: Section[], id: string): { list: Section[]; index: number } | null {
  for (let i = 0; i < list.length; i++) {
    if (list[i].id === id) return { list, index: i };
    const inner = findSection(list[i].sections, id);
    if (inner) return inner;
  }
  return null;
}

function allSectionIds(list: Section[]): string[] {
  return list.flatMap((s) => [s.id, ...allSectionIds(s.sections)]);
}

function removeById(
  g: Guidelines,
  id: string,
): { kind: Change['kind']; title: string; within?: string; where: string; text: string } | null {
  for (const level of g.levels) {
    const where = `Level ${level.level}`;
    const ai = level.detail.areas.findIndex((a) => a.id === id);
    if (ai >= 0) {
      const [a] = level.detail.areas.splice(ai, 1);
      return { kind: 'area', title: a.name, where, text: areaText(a) };
    }
    for (const a of level.detail.areas) {
      const f = findCompetency(a, id);
      if (f) {
        const [c] = f.list.splice(f.index, 1);
        return { kind: 'competency', title: named(c), within: a.name, where, text: competencyText(c) };
      }
    }
    if (level.impactMap?.id === id) {
      const text = impactMapText(level.impactMap);
      level.impactMap = null;
      return { kind: 'impact map', title: `Level ${level.level} Impact Map`, where, text };
    }
    if (level.requirements?.id === id) {
      const text = sectionText(level.requirements);
      const title = level.requirements.title;
      level.requirements = null;
      return { kind: 'section', title, where, text };
    }
  }
  if (g.endorsement?.id === id) {
    const text = sectionText(g.endorsement);
    const title = g.endorsement.title;
    g.endorsement = null;
    return { kind: 'section', title, where: 'endorsement', text };
  }
  const holders: [string, Section[]][] = [
    ['committee', g.committee],
    ['endorsement', g.endorsement ? [g.endorsement] : []],
  ];
  for (const [where, list] of holders) {
    const f = findSection(list, id);
    if (f) {
      const [s] = f.list.splice(f.index, 1);
      return { kind: 'section', title: s.title, where, text: sectionText(s) };
    }
  }
  const gi = g.glossary?.entries.findIndex((e) => e.id === id) ?? -1;
  if (g.glossary && gi >= 0) {
    const [e] = g.glossary.entries.splice(gi, 1);
    return { kind: 'glossary entry', title: e.term, where: 'glossary', text: glossaryEntryText(e) };
  }
  return null;
}
