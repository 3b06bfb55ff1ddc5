// What every booklet and packet must say, read from source/ and templates/ by a reader of the tests' own: plain line
// reading of the Markdown and the `yaml` package, nothing of src/read, src/editions or src/compose. A composer bug
// cannot change these expectations, so the content tests see it. It reads only the forms of Markdown that source/
// uses; anything it does not know (an edition's `remove`, a `### Competencies` part) is an error here, so a new
// feature of the sources is taught to this reader rather than silently expected wrong.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface ExpectedArea {
  id: string;
  name: string;
  /** The Knowledge / Skill Areas bullets, then the competencies (As Demonstrated By), sub-bullets included. */
  areas: string[];
  competencies: string[];
}

export interface ExpectedLevel {
  level: number;
  title: string;
  areas: ExpectedArea[];
  /** The Impact Map's column titles and items, or null where the level has none. */
  impactMap: { columns: { title: string; items: string[] }[] } | null;
}

export interface ExpectedEdition {
  id: string;
  levels: ExpectedLevel[];
  /** Each glossary entry's term and the first words of its definition, in order. */
  glossary: string[];
}

/** Markdown inline marks and ids out: what a reader sees. */
export function plain(s: string): string {
  return s
    .replace(/\s*\{#[a-z0-9.-]+\}\s*$/, '')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/\*([^*]+)\*/g, '$1')
    .replace(/_([^_]+)_/g, '$1')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/\\(.)/g, '$1')
    .trim();
}

/** A competency's words without its responsibility codes, which writers print in a style of their own. */
export function withoutCodes(s: string): string {
  return s.replace(/\s*\((?:[CSTP](?:,\s*|\s+and\s+)?)+\)\s*$/, '').trim();
}

function frontMatter(text: string): { data: Record<string, unknown>; body: string[] } {
  const lines = text.split(/\r?\n/);
  if (lines[0] !== '---') return { data: {}, body: lines };
  const end = lines.indexOf('---', 1);
  return { data: parseYaml(lines.slice(1, end).join('\n')) as Record<string, unknown>, body: lines.slice(end + 1) };
}

const HEADING = /^(#{1,6})\s+(.*?)\s*(?:\{#([a-z0-9.-]+)\})?\s*$/;
const BULLET = /^(\s*)- (.*)$/;

interface Section {
  title: string;
  id: string;
  lines: string[];
}

/** Splits lines at headings of exactly `depth` #s. */
function sections(lines: string[], depth: number): Section[] {
  const out: Section[] = [];
  for (const line of lines) {
    const h = HEADING.exec(line);
    if (h && h[1].length === depth) out.push({ title: plain(h[2]), id: h[3] ?? '', lines: [] });
    else out.at(-1)?.lines.push(line);
  }
  return out;
}

const bullets = (lines: string[]) => lines.flatMap((l) => (BULLET.exec(l) ? [plain(BULLET.exec(l)![2])] : []));

function readArea(s: Section): ExpectedArea {
  const parts = sections(s.lines, 3);
  const unknown = parts.filter((p) => !['Knowledge Areas', 'Skill Areas', 'As Demonstrated By'].includes(p.title));
  if (unknown.length) throw new Error(`test reader: area ${s.id} has a part "${unknown[0].title}" it does not read`);
  // A line `---` ends the last area: what follows is a note on the whole Competency Detail.
  const demonstrated = parts.find((p) => p.title === 'As Demonstrated By')?.lines ?? [];
  const end = demonstrated.indexOf('---');
  return {
    id: s.id,
    name: s.title,
    areas: bullets(parts.find((p) => p.title !== 'As Demonstrated By')?.lines ?? []),
    competencies: bullets(end < 0 ? demonstrated : demonstrated.slice(0, end)),
  };
}

function readImpactMap(s: Section): ExpectedLevel['impactMap'] {
  return { columns: sections(s.lines, 2).map((c) => ({ title: c.title, items: bullets(c.lines) })) };
}

function readLevelFile(path: string): { level: number; title?: string; sections: Section[] } {
  const { data, body } = frontMatter(readFileSync(path, 'utf8'));
  return { level: Number(data.level), title: data.title as string | undefined, sections: sections(body, 1) };
}

function baseLevel(path: string): ExpectedLevel {
  const file = readLevelFile(path);
  const detail = file.sections.find((s) => s.title === 'Competency Detail');
  const map = file.sections.find((s) => s.title === 'Impact Map');
  return {
    level: file.level,
    title: file.title!,
    areas: detail ? sections(detail.lines, 2).map(readArea) : [],
    impactMap: map ? readImpactMap(map) : null,
  };
}

/** An override: areas replaced by id (or added after the one before them), the Impact Map replaced or added. */
function overlay(edition: string, base: ExpectedLevel, path: string): ExpectedLevel {
  const file = readLevelFile(path);
  const level: ExpectedLevel = { ...base, title: file.title ?? base.title, areas: [...base.areas] };
  const detail = file.sections.find((s) => s.title === 'Competency Detail');
  let after = -1;
  for (const s of detail ? sections(detail.lines, 2) : []) {
    const area = readArea(s);
    const at = level.areas.findIndex((a) => a.id === area.id);
    if (at >= 0) level.areas[(after = at)] = area;
    else if (area.id.startsWith(`${edition}.`)) level.areas.splice((after += 1), 0, area);
    else throw new Error(`test reader: ${path} names area ${area.id}, in no base file`);
  }
  const map = file.sections.find((s) => s.title === 'Impact Map');
  if (map) level.impactMap = readImpactMap(map);
  return level;
}

/** Each entry's term, then the first words of its definition: a lost entry loses both, wherever the term recurs. */
function glossaryTexts(path: string): string[] {
  return [...readFileSync(path, 'utf8').matchAll(/^\*\*(.+?)\*\*:\s*(.*)$/gm)].flatMap((m) => [
    plain(m[1]),
    plain(m[2]).split(/\s+/).slice(0, 6).join(' '),
  ]);
}

/** Every edition of `project`'s source/: its levels (areas, competencies, Impact Map) and glossary terms. */
export function expectedEditions(project = process.cwd()): Map<string, ExpectedEdition> {
  const source = join(project, 'source');
  const base = [1, 2, 3, 4].map((n) => baseLevel(join(source, 'base', `level-${n}.md`)));
  const editions = new Map<string, ExpectedEdition>();
  for (const id of readdirSync(join(source, 'editions')).sort()) {
    const dir = join(source, 'editions', id);
    const settings = parseYaml(readFileSync(join(dir, 'edition.yaml'), 'utf8')) as {
      levels?: number[];
      remove?: string[];
    };
    if (settings.remove?.length) throw new Error(`test reader: ${id} removes ids, which it does not read`);
    const levels = base
      .filter((l) => (settings.levels ?? [1, 2, 3, 4]).includes(l.level))
      .map((l) =>
        existsSync(join(dir, `level-${l.level}.md`)) ? overlay(id, l, join(dir, `level-${l.level}.md`)) : l,
      );
    const glossary = existsSync(join(dir, 'glossary.md'))
      ? join(dir, 'glossary.md')
      : join(source, 'base', 'glossary.md');
    editions.set(id, { id, levels, glossary: glossaryTexts(glossary) });
  }
  return editions;
}

/** The titles of the forms and logs every level packet carries, from templates/packet.yaml, in its order. */
export function expectedFormTitles(level: number, project = process.cwd()): string[] {
  const template = parseYaml(readFileSync(join(project, 'templates', 'packet.yaml'), 'utf8')) as {
    forms: Record<string, { title: string }>;
  };
  return Object.values(template.forms).map((f) => f.title.replace('{level}', String(level)));
}

/**
 * The texts a booklet or packet must hold for a level, in reading order: the level title, each area's name, its
 * Knowledge/Skill Areas and competencies, then the Impact Map's column titles. (The map's items run column by column
 * in one writer and row by row in another, so they are checked apart, by `impactMapItems`.)
 */
export function levelTexts(l: ExpectedLevel): string[] {
  return [
    l.title,
    ...l.areas.flatMap((a) => [a.name, ...a.areas, ...a.competencies.map(withoutCodes)]),
    ...(l.impactMap ? l.impactMap.columns.map((c) => c.title) : []),
  ];
}

export function impactMapItems(l: ExpectedLevel): string[] {
  return l.impactMap?.columns.flatMap((c) => c.items.map(withoutCodes)) ?? [];
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

/** The texts not found in `text` in order, each searched after the one before it (white space ignored). */
export function missingInOrder(expected: string[], text: string): string[] {
  const hay = squash(text);
  let cursor = 0;
  const missing: string[] = [];
  for (const t of expected) {
    const at = hay.indexOf(squash(t), cursor);
    if (at < 0) missing.push(t.slice(0, 100));
    else cursor = at + squash(t).length;
  }
  return missing;
}

/** The texts not found in `text` anywhere. */
export function missingAnywhere(expected: string[], text: string): string[] {
  const hay = squash(text);
  return expected.filter((t) => !hay.includes(squash(t))).map((t) => t.slice(0, 100));
}
