// Compares two versions of the guidelines by id: the changes (for the report) and the overlay that turns `before`
// into `after` in the form the source reader accepts (for source/editions/NAME/).
import type {
  Block,
  CompetencyArea,
  Glossary,
  GlossaryEntry,
  Guidelines,
  ImpactMap,
  LevelNumber,
  ListItem,
  Section,
} from '../model/schema.js';
import { areaText, competencyText, glossaryEntryText, impactMapText, sectionText } from '../editions/text.js';
import { plainText } from '../model/text.js';

export interface ImportChange {
  op: 'replace' | 'add' | 'remove';
  kind: 'level title' | 'section' | 'area' | 'competency' | 'impact map' | 'glossary entry' | 'detail notes';
  id: string;
  title: string;
  where: string;
  before?: string;
  after?: string;
}

/** What an edition's level file holds: only what differs from the base. */
export interface LevelOverlay {
  level: LevelNumber;
  title?: string;
  intro?: Section;
  requirements?: Section;
  /** Whole areas (replaced or added) and competency patches, in the order of the booklet. */
  areas: (
    { kind: 'area'; area: CompetencyArea } | { kind: 'patch'; id: string; name: string; competencies: ListItem[] }
  )[];
  notes?: Block[];
  impactMap?: ImpactMap;
}

export interface OverlayPlan {
  levels: LevelOverlay[];
  prose: { name: 'endorsement' | 'committee' | 'copyright'; sections: Section[] }[];
  glossary: { id: string; title: string; entries: GlossaryEntry[] } | null;
  remove: string[];
}

/**
 * `patchLimit`: how many competencies of one area may change before the whole area is written instead. The overlay
 * takes 1 (an area with more changes is the association's own version of it, and reads best whole); the report
 * lists every competency (Infinity).
 */
export function compareGuidelines(
  before: Guidelines,
  after: Guidelines,
  patchLimit = 1,
): { changes: ImportChange[]; plan: OverlayPlan } {
  const changes: ImportChange[] = [];
  const plan: OverlayPlan = { levels: [], prose: [], glossary: null, remove: [] };
  for (const al of after.levels) {
    const bl = before.levels.find((l) => l.level === al.level);
    if (!bl) continue;
    const where = `Level ${al.level}`;
    const lo: LevelOverlay = { level: al.level, areas: [] };
    if (al.title !== bl.title) {
      lo.title = al.title;
      changes.push({
        op: 'replace',
        kind: 'level title',
        id: `l${al.level}`,
        title: 'Level title',
        where,
        before: bl.title,
        after: al.title,
      });
    }
    if (sectionText(al.intro) !== sectionText(bl.intro)) {
      lo.intro = al.intro;
      changes.push({
        op: 'replace',
        kind: 'section',
        id: al.intro.id,
        title: al.intro.title,
        where,
        before: sectionText(bl.intro),
        after: sectionText(al.intro),
      });
    }
    if (al.requirements && (!bl.requirements || sectionText(al.requirements) !== sectionText(bl.requirements))) {
      lo.requirements = al.requirements;
      changes.push({
        op: bl.requirements ? 'replace' : 'add',
        kind: 'section',
        id: al.requirements.id,
        title: al.requirements.title,
        where,
        before: bl.requirements ? sectionText(bl.requirements) : undefined,
        after: sectionText(al.requirements),
      });
    } else if (!al.requirements && bl.requirements) {
      plan.remove.push(bl.requirements.id);
      changes.push({
        op: 'remove',
        kind: 'section',
        id: bl.requirements.id,
        title: bl.requirements.title,
        where,
        before: sectionText(bl.requirements),
      });
    }
    compareAreas(bl.detail.areas, al.detail.areas, where, lo, plan, changes, patchLimit);
    if (blocksText(al.detail.notes) !== blocksText(bl.detail.notes) && al.detail.notes.length) {
      lo.notes = al.detail.notes;
      changes.push({
        op: bl.detail.notes.length ? 'replace' : 'add',
        kind: 'detail notes',
        id: al.detail.id,
        title: 'Notes on the Competency Detail',
        where,
        before: blocksText(bl.detail.notes),
        after: blocksText(al.detail.notes),
      });
    }
    if (al.impactMap && (!bl.impactMap || impactMapText(al.impactMap) !== impactMapText(bl.impactMap))) {
      lo.impactMap = al.impactMap;
      changes.push({
        op: bl.impactMap ? 'replace' : 'add',
        kind: 'impact map',
        id: al.impactMap.id,
        title: `Level ${al.level} Impact Map`,
        where,
        before: bl.impactMap ? impactMapText(bl.impactMap) : undefined,
        after: impactMapText(al.impactMap),
      });
    } else if (!al.impactMap && bl.impactMap) {
      plan.remove.push(bl.impactMap.id);
      changes.push({
        op: 'remove',
        kind: 'impact map',
        id: bl.impactMap.id,
        title: `Level ${al.level} Impact Map`,
        where,
        before: impactMapText(bl.impactMap),
      });
    }
    if (lo.title || lo.intro || lo.requirements || lo.areas.length || lo.notes || lo.impactMap) plan.levels.push(lo);
  }
  const prose = (name: 'endorsement' | 'committee' | 'copyright', b: Section[], a: Section[]) => {
    const sections: Section[] = [];
    for (const s of a) {
      const old = b.find((x) => x.id === s.id);
      // Prose compares by its words: a re-save by another program may nest or space a list differently.
      if (old && words(sectionText(old)) === words(sectionText(s))) continue;
      sections.push(s);
      changes.push({
        op: old ? 'replace' : 'add',
        kind: 'section',
        id: s.id,
        title: s.title,
        where: name,
        before: old ? sectionText(old) : undefined,
        after: sectionText(s),
      });
    }
    for (const old of b) {
      if (a.some((x) => x.id === old.id)) continue;
      plan.remove.push(old.id);
      changes.push({
        op: 'remove',
        kind: 'section',
        id: old.id,
        title: old.title,
        where: name,
        before: sectionText(old),
      });
    }
    if (sections.length) plan.prose.push({ name, sections });
  };
  prose('endorsement', before.endorsement ? [before.endorsement] : [], after.endorsement ? [after.endorsement] : []);
  prose('committee', before.committee, after.committee);
  prose('copyright', before.copyright ? [before.copyright] : [], after.copyright ? [after.copyright] : []);
  compareGlossary(before.glossary, after.glossary, plan, changes);
  return { changes, plan };
}

const words = (s: string) =>
  s
    .replace(/^\s*(-|\d+\.)\s/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function blocksText(blocks: Block[]): string {
  return sectionText({ id: '', title: '', blocks, sections: [], pos: { file: '', line: 1, column: 1 } });
}

/** An area's shape besides its competencies' words: a change there needs the whole area written. */
function shape(a: CompetencyArea): string {
  return JSON.stringify([
    a.name,
    a.areasLabel,
    a.areas,
    a.groups.map((g) => [g.leadIn ? plainText(g.leadIn) : null, g.codes]),
    a.notes.map((n) => blocksText([n])),
  ]);
}

function compareAreas(
  before: CompetencyArea[],
  after: CompetencyArea[],
  where: string,
  lo: LevelOverlay,
  plan: OverlayPlan,
  changes: ImportChange[],
  patchLimit: number,
): void {
  for (const a of after) {
    const b = before.find((x) => x.id === a.id);
    if (!b) {
      lo.areas.push({ kind: 'area', area: a });
      changes.push({ op: 'add', kind: 'area', id: a.id, title: a.name, where, after: areaText(a) });
      continue;
    }
    if (areaText(a) === areaText(b)) continue;
    const patch = competencyPatch(b, a, patchLimit);
    if (!patch) {
      lo.areas.push({ kind: 'area', area: a });
      changes.push({
        op: 'replace',
        kind: 'area',
        id: a.id,
        title: a.name,
        where,
        before: areaText(b),
        after: areaText(a),
      });
      continue;
    }
    if (patch.items.length) lo.areas.push({ kind: 'patch', id: a.id, name: a.name, competencies: patch.items });
    for (const c of patch.items) {
      const old = b.groups.flatMap((g) => g.competencies).find((x) => x.id === c.id);
      changes.push({
        op: old ? 'replace' : 'add',
        kind: 'competency',
        id: c.id,
        title: a.name,
        where,
        before: old ? competencyText(old) : undefined,
        after: competencyText(c),
      });
    }
    for (const old of patch.removed) {
      plan.remove.push(old.id);
      changes.push({ op: 'remove', kind: 'competency', id: old.id, title: b.name, where, before: competencyText(old) });
    }
  }
  for (const b of before) {
    if (after.some((x) => x.id === b.id)) continue;
    plan.remove.push(b.id);
    changes.push({ op: 'remove', kind: 'area', id: b.id, title: b.name, where, before: areaText(b) });
  }
}

/**
 * The competencies to replace, add and remove to turn area `b` into `a`, or null when the overlay cannot say it that
 * way (the area's name, labels, lead-ins or notes changed; competencies were reordered; one was added anywhere but
 * at the end; or more than `patchLimit` competencies changed): then the whole area is written.
 */
function competencyPatch(
  b: CompetencyArea,
  a: CompetencyArea,
  patchLimit: number,
): { items: ListItem[]; removed: ListItem[] } | null {
  if (shape(a) !== shape(b)) return null;
  const bItems = b.groups.map((g) => g.competencies);
  const aItems = a.groups.map((g) => g.competencies);
  const items: ListItem[] = [];
  const removed: ListItem[] = [];
  const allB = bItems.flat();
  const allA = aItems.flat();
  // Kept ones in the same order.
  const kept = allA.filter((c) => allB.some((x) => x.id === c.id));
  const keptOrder = allB.filter((x) => kept.some((c) => c.id === x.id)).map((x) => x.id);
  if (kept.map((c) => c.id).join() !== keptOrder.join()) return null;
  // Each kept one in the same group.
  for (let gi = 0; gi < aItems.length; gi++) {
    for (const c of aItems[gi]) {
      const bi = bItems.findIndex((list) => list.some((x) => x.id === c.id));
      if (bi >= 0 && bi !== gi) return null;
    }
  }
  // Added ones only at the end of the last group.
  const last = aItems.length - 1;
  let seenNew = false;
  for (let gi = 0; gi < aItems.length; gi++) {
    for (const c of aItems[gi]) {
      const isNew = !allB.some((x) => x.id === c.id);
      if (isNew && gi !== last) return null;
      if (isNew) seenNew = true;
      else if (seenNew) return null;
    }
  }
  for (const c of allA) {
    const old = allB.find((x) => x.id === c.id);
    if (!old || competencyText(old) !== competencyText(c)) items.push(c);
  }
  for (const old of allB) if (!allA.some((c) => c.id === old.id)) removed.push(old);
  if (items.length + removed.length > patchLimit) return null;
  return { items, removed };
}

function compareGlossary(b: Glossary | null, a: Glossary | null, plan: OverlayPlan, changes: ImportChange[]): void {
  if (!a) return;
  const entries: GlossaryEntry[] = [];
  for (const e of a.entries) {
    const old = b?.entries.find((x) => x.id === e.id);
    if (old && glossaryEntryText(old) === glossaryEntryText(e)) continue;
    entries.push(e);
    changes.push({
      op: old ? 'replace' : 'add',
      kind: 'glossary entry',
      id: e.id,
      title: e.term,
      where: 'glossary',
      before: old ? glossaryEntryText(old) : undefined,
      after: glossaryEntryText(e),
    });
  }
  for (const old of b?.entries ?? []) {
    if (a.entries.some((x) => x.id === old.id)) continue;
    plan.remove.push(old.id);
    changes.push({
      op: 'remove',
      kind: 'glossary entry',
      id: old.id,
      title: old.term,
      where: 'glossary',
      before: glossaryEntryText(old),
    });
  }
  if (entries.length) plan.glossary = { id: a.id, title: a.title, entries };
}
