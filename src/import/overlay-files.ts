// An overlay plan as the edition's Markdown files, in the format source/README.md describes (the reader's input).
import type { Block, CompetencyArea, ImpactMap, Inline, ListItem, Section } from '../model/schema.js';
import type { LevelOverlay, OverlayPlan } from './compare.js';
import { plainText } from '../model/text.js';
import { slug } from '../read/ids.js';

/** Text as Markdown: the characters Markdown would read as syntax escaped, emphasis as * and **, breaks as "\". */
export function inline(runs: Inline[]): string {
  return runs
    .map((r) => {
      const text = escape(r.text);
      if (!r.bold && !r.italic) return text;
      // Emphasis cannot start or end with a space: keep the spaces outside the markers.
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
      if (!m[2]) return text;
      const mark = r.bold && r.italic ? '***' : r.bold ? '**' : '*';
      return `${m[1]}${mark}${m[2]}${mark}${m[3]}`;
    })
    .join('')
    .replace(/\n/g, '\\\n');
}

function escape(text: string): string {
  return text
    .replace(/([\\`*_[\]<>|{}])/g, '\\$1')
    .replace(
      /^(\s*)([#>+-]|\d+[.)])(?=\s)/gm,
      (_, s: string, m: string) => `${s}${m.replace(/^(\d+)([.)])$/, '$1\\$2').replace(/^([#>+-])$/, '\\$1')}`,
    );
}

/** A line of text that must not run onto the next: line breaks inside it become spaces. */
const line = (runs: Inline[]) => inline(runs.map((r) => ({ ...r, text: r.text.replace(/\n/g, ' ') })));

/**
 * Bullets. `pin`: whether a bullet ends with its `{#id}`: every top-level bullet of a patch (the id it replaces or
 * adds), and elsewhere each bullet whose id is not the one the reader derives from its parent and first five words (a
 * reworded competency keeps its base id, an added one its new "NAME." id, at its place).
 */
function items(
  list: ListItem[],
  depth: number,
  pin: 'all' | 'derived' | 'none',
  parentId = '',
  ordered = false,
): string[] {
  return list.flatMap((it, i) => {
    const codes = it.codes.length ? ` (${it.codes.join(', ')})` : '';
    const derived = `${parentId}.${slug(plainText(it.text), 5) || 'item'}`;
    const show = (pin === 'all' && depth === 0) || (pin === 'derived' && it.id && it.id !== derived);
    const id = show ? ` {#${it.id}}` : '';
    const marker = ordered ? `${i + 1}.` : '-';
    return [
      `${'  '.repeat(depth)}${marker} ${line(it.text)}${codes}${id}`,
      ...items(it.children, depth + 1, pin === 'none' ? 'none' : 'derived', it.id),
    ];
  });
}

function block(b: Block): string {
  switch (b.kind) {
    case 'paragraph':
      return inline(b.text);
    case 'list':
      return items(b.items, 0, 'none', '', b.ordered).join('\n');
    case 'table': {
      const width = Math.max(b.header.length, ...b.rows.map((r) => r.length));
      const cell = (c: Inline[] | undefined) => (c ? inline(c).replace(/\\\n/g, '<br>').replace(/<br>/g, ' ') : '');
      const row = (r: Inline[][]) => `| ${Array.from({ length: width }, (_, i) => cell(r[i])).join(' | ')} |`;
      return [row(b.header), `|${'---|'.repeat(width)}`, ...b.rows.map(row)].join('\n');
    }
  }
}

function blocks(list: Block[]): string[] {
  return list.map(block);
}

function section(s: Section, depth: number): string[] {
  return [
    `${'#'.repeat(depth)} ${line([{ text: s.title }])} {#${s.id}}`,
    ...blocks(s.blocks),
    ...s.sections.flatMap((sub) => section(sub, Math.min(depth + 1, 6))),
  ];
}

function area(a: CompetencyArea): string[] {
  const out = [
    `## ${line([{ text: a.name }])} {#${a.id}}`,
    `### ${a.areasLabel}`,
    a.areas.map((x) => `- ${line([{ text: x }])}`).join('\n'),
    '### As Demonstrated By',
  ];
  for (const g of a.groups) {
    if (g.leadIn) out.push(`*${line(g.leadIn.map((r) => ({ text: r.text, ...(r.bold ? { bold: true } : {}) })))}*`);
    out.push(items(g.competencies, 0, 'derived', a.id).join('\n'));
  }
  for (const n of a.notes)
    out.push(
      blocks([n])
        .map((t) => `> ${t.replace(/\n/g, '\n> ')}`)
        .join('\n'),
    );
  return out;
}

function impactMap(m: ImpactMap): string[] {
  return [
    `# Impact Map {#${m.id}}`,
    ...blocks(m.notes),
    ...m.columns.flatMap((c) => [`## ${c.title}`, items(c.items, 0, 'none').join('\n')]),
  ];
}

export function levelFile(lo: LevelOverlay): string {
  const out: string[] = [
    ['---', `level: ${lo.level}`, ...(lo.title ? [`title: ${JSON.stringify(lo.title)}`] : []), '---'].join('\n'),
  ];
  if (lo.intro) out.push(...section({ ...lo.intro, title: 'Introduction' }, 1));
  if (lo.requirements) out.push(...section({ ...lo.requirements, title: 'Endorsement Requirements' }, 1));
  if (lo.areas.length || lo.notes) {
    out.push(`# Competency Detail {#l${lo.level}.detail}`);
    for (const a of lo.areas) {
      if (a.kind === 'area') out.push(...area(a.area));
      else
        out.push(
          `## ${line([{ text: a.name }])} {#${a.id}}`,
          '### Competencies',
          items(a.competencies, 0, 'all', a.id).join('\n'),
        );
    }
    if (lo.notes) out.push('---', ...blocks(lo.notes));
  }
  if (lo.impactMap) out.push(...impactMap(lo.impactMap));
  return `${out.filter((x) => x.length).join('\n\n')}\n`;
}

/** File name → contents, for every file the plan needs (edition.yaml aside). */
export function overlayFiles(plan: OverlayPlan): Map<string, string> {
  const files = new Map<string, string>();
  for (const lo of plan.levels) files.set(`level-${lo.level}.md`, levelFile(lo));
  for (const p of plan.prose) files.set(`${p.name}.md`, `${p.sections.flatMap((s) => section(s, 1)).join('\n\n')}\n`);
  if (plan.glossary) {
    const g = plan.glossary;
    files.set(
      'glossary.md',
      `${[`# ${g.title} {#${g.id}}`, ...g.entries.map((e) => `**${line([{ text: e.term }])}**: ${line(e.definition)}`)].join('\n\n')}\n`,
    );
  }
  return files;
}
