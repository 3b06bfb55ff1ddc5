// Aligns an imported booklet to the edition it is compared with (the base, or the edition being updated): each
// area, competency, section and glossary entry gets the id of its counterpart there, by the bookmark our Word files
// carry, else by structure and position, else by how alike the words are. Then the imported parts replace the
// counterpart's parts they cover: the result is the edition's guidelines after the import.
import type { CompetencyArea, Guidelines, Level, ListItem, Section } from '../model/schema.js';
import { areaText, competencyText, sectionText } from '../editions/text.js';
import { plainText } from '../model/text.js';
import { slug } from '../read/ids.js';
import type { ImportedBooklet, ImportedLevel } from './recognize.js';
import { bookmarkName } from './bookmarks.js';

/** How alike two texts are, 0 to 1: shared words (Dice coefficient over the words, counted with repeats). */
export function similarity(a: string, b: string): number {
  const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const wa = words(a);
  const wb = words(b);
  if (!wa.length && !wb.length) return 1;
  const count = new Map<string, number>();
  for (const w of wa) count.set(w, (count.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = count.get(w) ?? 0;
    if (n > 0) {
      common++;
      count.set(w, n - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

const norm = (s: string) => s.toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, '');

/** Matches imported things to target things: bookmark, then equal key, then the most alike above `threshold`. */
function match<I extends object, T extends { id: string }>(
  imported: I[],
  target: T[],
  opts: { marks: WeakMap<object, string[]>; key: (x: I | T) => string; text: (x: I | T) => string; threshold: number },
): Map<I, T> {
  const out = new Map<I, T>();
  const taken = new Set<T>();
  const byBookmark = new Map(target.map((t) => [bookmarkName(t.id), t]));
  for (const i of imported) {
    for (const name of opts.marks.get(i) ?? []) {
      const t = byBookmark.get(name);
      if (t && !taken.has(t)) {
        out.set(i, t);
        taken.add(t);
        break;
      }
    }
  }
  for (const i of imported) {
    if (out.has(i)) continue;
    const t = target.find((x) => !taken.has(x) && opts.key(x) === opts.key(i));
    if (t) {
      out.set(i, t);
      taken.add(t);
    }
  }
  // The rest, most alike pairs first.
  const pairs: { i: I; t: T; s: number }[] = [];
  for (const i of imported) {
    if (out.has(i)) continue;
    for (const t of target) if (!taken.has(t)) pairs.push({ i, t, s: similarity(opts.text(i), opts.text(t)) });
  }
  pairs.sort((a, b) => b.s - a.s);
  for (const p of pairs) {
    if (p.s < opts.threshold) break;
    if (out.has(p.i) || taken.has(p.t)) continue;
    out.set(p.i, p.t);
    taken.add(p.t);
  }
  return out;
}

/** Ids as the reader derives them: unique within one map of ids. */
class Ids {
  private seen = new Set<string>();
  constructor(taken: Iterable<string> = []) {
    for (const t of taken) this.seen.add(t);
  }
  take(id: string): string {
    let out = id;
    let n = 2;
    while (this.seen.has(out)) out = `${id}-${n++}`;
    this.seen.add(out);
    return out;
  }
}

export interface Merged {
  guidelines: Guidelines;
  /** The parts of the booklet the document held, in words. */
  covered: string[];
}

export function mergeImported(target: Guidelines, imp: ImportedBooklet, editionId: string): Merged {
  const g: Guidelines = structuredClone(target);
  const covered: string[] = [];
  const ids = new Ids();
  for (const il of imp.levels) {
    const level = g.levels.find((l) => l.level === il.level);
    if (!level) continue;
    covered.push(mergeLevel(level, il, imp, editionId, ids));
  }
  if (imp.endorsement) {
    g.endorsement = alignSection(
      imp.endorsement,
      g.endorsement ? [g.endorsement] : [],
      'endorsement',
      editionId,
      imp,
      ids,
    );
    covered.push('the Endorsement introduction');
  }
  if (imp.committee) {
    g.committee = imp.committee.map((s) => alignSection(s, g.committee, 'committee', editionId, imp, ids));
    covered.push('the committee and acknowledgements');
  }
  if (imp.copyright) {
    g.copyright = alignSection(imp.copyright, g.copyright ? [g.copyright] : [], 'copyright', editionId, imp, ids);
    covered.push('the copyright notice');
  }
  if (imp.glossary) {
    const glossaryId = g.glossary?.id ?? 'glossary';
    const before = g.glossary?.entries ?? [];
    const entryIds = new Ids();
    const entries = imp.glossary.entries.map((e) => {
      const same = before.find(
        (b) => norm(b.term) === norm(e.term) || (imp.marks.get(e) ?? []).includes(bookmarkName(b.id)),
      );
      return {
        id:
          same && norm(same.term) === norm(e.term)
            ? entryIds.take(same.id)
            : entryIds.take(`${glossaryId}.${slug(e.term)}`),
        term: e.term,
        definition: e.definition,
        pos: e.pos,
      };
    });
    g.glossary = {
      id: glossaryId,
      title: g.glossary?.title ?? imp.glossary.title,
      entries,
      pos: g.glossary?.pos ?? entries[0]?.pos ?? { file: imp.file, line: 1, column: 1 },
    };
    covered.push(`the glossary (${entries.length} terms)`);
  }
  return { guidelines: g, covered };
}

function mergeLevel(level: Level, il: ImportedLevel, imp: ImportedBooklet, editionId: string, ids: Ids): string {
  const parts: string[] = [];
  const n = level.level;
  if (il.title && il.title !== level.title) level.title = il.title;
  if (il.intro) {
    level.intro = alignSection(
      { ...il.intro, title: level.intro.title },
      [level.intro],
      `l${n}`,
      editionId,
      imp,
      ids,
      `l${n}.intro`,
    );
    parts.push('introduction');
  }
  if (il.requirements) {
    level.requirements = alignSection(
      il.requirements,
      level.requirements ? [level.requirements] : [],
      `l${n}`,
      editionId,
      imp,
      ids,
      level.requirements?.id ?? `${editionId}.l${n}.requirements`,
    );
    parts.push('Endorsement Requirements');
  }
  if (il.areas) {
    level.detail.areas = alignAreas(il.areas, level.detail.areas, n, editionId, imp, ids);
    if (il.detailNotes.length) level.detail.notes = il.detailNotes;
    parts.push(`Competency Detail (${il.areas.length} areas)`);
    // A level that has its Competency Detail is the whole level: what it lacks, it leaves out.
    if (!il.requirements && level.requirements) level.requirements = null;
    if (!il.impactMap) level.impactMap = null;
  }
  if (il.impactMap) {
    level.impactMap = {
      ...il.impactMap,
      id: level.impactMap?.id ?? `l${n}.impact-map`,
      columns: il.impactMap.columns.map((c) => ({
        title: c.title,
        items: deriveIds(c.items, `${level.impactMap?.id ?? `l${n}.impact-map`}.${slug(c.title)}`, new Ids()),
      })),
    };
    parts.push('Impact Map');
  }
  return `Level ${n}: ${parts.join(', ') || 'title only'}`;
}

function alignAreas(
  imported: CompetencyArea[],
  target: CompetencyArea[],
  n: number,
  editionId: string,
  imp: ImportedBooklet,
  ids: Ids,
): CompetencyArea[] {
  const pairs = match(imported, target, { marks: imp.marks, key: (a) => norm(a.name), text: areaText, threshold: 0.5 });
  return imported.map((a) => {
    const t = pairs.get(a);
    const id = t ? t.id : ids.take(`${editionId}.l${n}.${slug(a.name) || 'area'}`);
    const areaIds = new Ids();
    // Competencies: the counterpart's ids where they match (a reworded one keeps its id), new ones get new ids.
    const before = t ? t.groups.flatMap((g) => g.competencies) : [];
    const after = a.groups.flatMap((g) => g.competencies);
    const cp = match(after, before, {
      marks: imp.marks,
      key: (c) => norm(competencyText(c as ListItem)),
      text: (c) => plainText((c as ListItem).text),
      threshold: 0.5,
    });
    for (const c of before) if ([...cp.values()].includes(c)) areaIds.take(c.id);
    const groups = a.groups.map((g) => ({
      ...g,
      competencies: g.competencies.map((c) => {
        const m = cp.get(c);
        const cid = m
          ? m.id
          : areaIds.take(
              t
                ? `${editionId}.${id}.${slug(plainText(c.text), 5) || 'item'}`
                : `${id}.${slug(plainText(c.text), 5) || 'item'}`,
            );
        return { ...c, id: cid, children: deriveIds(c.children, cid, areaIds, m?.children) };
      }),
    }));
    return { ...a, id, groups };
  });
}

/** Sub-items' ids, as the reader derives them from their parent's id and their first five words. */
function deriveIds(items: ListItem[], parentId: string, ids: Ids, before: ListItem[] = []): ListItem[] {
  return items.map((it) => {
    const same = before.find((b) => competencyText(b) === competencyText(it));
    const id = same ? ids.take(same.id) : ids.take(`${parentId}.${slug(plainText(it.text), 5) || 'item'}`);
    return { ...it, id, children: deriveIds(it.children, id, ids, same?.children) };
  });
}

function alignSection(
  s: Section,
  target: Section[],
  scope: string,
  editionId: string,
  imp: ImportedBooklet,
  ids: Ids,
  fixedId?: string,
): Section {
  const byMark = target.find((t) => (imp.marks.get(s) ?? []).includes(bookmarkName(t.id)));
  const same =
    byMark ??
    target.find((t) => norm(t.title) === norm(s.title)) ??
    (target.length === 1 && similarity(sectionText(target[0]), sectionText(s)) > 0.5 ? target[0] : undefined);
  const id =
    fixedId ??
    (same
      ? same.id
      : ids.take(
          `${editionId}.${scope === 'committee' || scope === 'endorsement' || scope === 'copyright' ? '' : `${scope}.`}${slug(s.title) || 'section'}`,
        ));
  return {
    ...s,
    id,
    sections: s.sections.map((sub) => alignSection(sub, same?.sections ?? [], scope, editionId, imp, ids)),
  };
}
