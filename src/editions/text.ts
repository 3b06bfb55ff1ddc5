// Plain-text renderings of model elements: what reports diff and compare.
import type { Block, CompetencyArea, GlossaryEntry, ImpactMap, ListItem, Section } from '../model/schema.js';
import { plainText } from '../model/text.js';

function itemLines(items: ListItem[], depth = 0): string[] {
  return items.flatMap((it) => [
    `${'  '.repeat(depth)}- ${plainText(it.text)}${it.codes.length ? ` (${it.codes.join(', ')})` : ''}`,
    ...itemLines(it.children, depth + 1),
  ]);
}

function blockLines(b: Block): string[] {
  switch (b.kind) {
    case 'paragraph':
      return [plainText(b.text)];
    case 'list':
      return itemLines(b.items);
    case 'table':
      return [b.header, ...b.rows].map((row) => `| ${row.map(plainText).join(' | ')} |`);
  }
}

export function sectionText(s: Section): string {
  return [s.title, ...s.blocks.flatMap(blockLines), ...s.sections.map(sectionText)].join('\n');
}

export function areaText(a: CompetencyArea): string {
  return [
    a.name,
    `${a.areasLabel}: ${a.areas.join('; ')}`,
    ...a.groups.flatMap((g) => [...(g.leadIn ? [plainText(g.leadIn)] : []), ...itemLines(g.competencies)]),
    ...a.notes.flatMap(blockLines),
  ].join('\n');
}

export function competencyText(c: ListItem): string {
  return itemLines([c]).join('\n');
}

export function impactMapText(m: ImpactMap): string {
  return [...m.notes.flatMap(blockLines), ...m.columns.flatMap((c) => [`${c.title}:`, ...itemLines(c.items)])].join(
    '\n',
  );
}

export function glossaryEntryText(e: GlossaryEntry): string {
  return `${e.term}: ${plainText(e.definition)}`;
}
