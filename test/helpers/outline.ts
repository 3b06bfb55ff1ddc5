// A document tree as lines of text, one per block, field or item, indented by nesting: what a composer test compares
// with the outline it expects, written out by hand. Runs show their marks: **bold**, _italic_, {code}.
import type { Block, ListItem, Part, Run } from '../../src/compose/tree.js';

export function runs(rs: Run[]): string {
  return rs
    .map((r) =>
      r.role === 'code'
        ? `{${r.text}}`
        : r.bold && r.italic
          ? `**_${r.text}_**`
          : r.bold
            ? `**${r.text}**`
            : r.italic
              ? `_${r.text}_`
              : r.text,
    )
    .join('');
}

function items(list: ListItem[], indent: string): string[] {
  return list.flatMap((it) => [
    `${indent}* ${it.id ? `#${it.id} ` : ''}${runs(it.runs)}`,
    ...items(it.children, indent + '  '),
  ]);
}

export function outline(blocks: Block[], indent = ''): string[] {
  const i2 = indent + '  ';
  return blocks.flatMap((b): string[] => {
    switch (b.kind) {
      case 'heading':
        return [`${indent}H${b.level} #${b.id} ${b.text}${b.toc ? '' : ' (not in contents)'}`];
      case 'paragraph':
        return [`${indent}${b.role}: ${runs(b.runs)}`];
      case 'list':
        return [`${indent}${b.style} list${b.start !== undefined ? ` from ${b.start}` : ''}`, ...items(b.items, i2)];
      case 'table':
        return [
          `${indent}table ${b.role}${b.id ? ` #${b.id}` : ''}: ${b.columns.map((c) => `${runs(c.title)} (${c.share})`).join(' | ')}`,
          ...b.rows.flatMap((r) => [
            `${i2}row${r.id ? ` #${r.id}` : ''}`,
            ...r.cells.flatMap((c) => [
              `${i2}  cell${c.rowHeader ? ' (row header)' : ''}`,
              ...outline(c.blocks, i2 + '    '),
            ]),
          ]),
        ];
      case 'definitions':
        return [`${indent}definitions`, ...b.entries.map((e) => `${i2}#${e.id} ${e.term}: ${runs(e.definition)}`)];
      case 'impactMap':
        return [
          `${indent}map #${b.id} ${b.title}`,
          ...outline(b.notes, i2),
          ...b.columns.flatMap((c) => [`${i2}column ${c.title}`, ...items(c.items, i2 + '  ')]),
        ];
      case 'checklist':
        return [`${indent}checklist #${b.id}`, ...b.items.map((it) => `${i2}[ ] ${runs(it)}`)];
      case 'form':
        return [
          `${indent}form #${b.id}`,
          ...b.intro.map((p) => `${i2}intro: ${runs(p)}`),
          ...b.rows.map(
            (r) =>
              `${i2}row: ${r.map((f) => `${f.name} "${f.label}" ${f.kind} ${f.width}${f.required ? ' required' : ''}${f.readOnly ? ' read-only' : ''}${f.value !== undefined ? ` = ${f.value}` : ''}`).join(' | ')}`,
          ),
        ];
      case 'log':
        return [
          `${indent}log #${b.id}, ${b.rows} rows: ${b.columns.map((c) => `${c.label} (${c.width})`).join(' | ')}`,
          ...b.intro.map((p) => `${i2}intro: ${runs(p)}`),
        ];
      case 'letter':
        return [
          `${indent}letter from ${b.letterhead}, ${b.date}`,
          ...b.address.map((l) => `${i2}to: ${l}`),
          `${i2}${b.salutation}`,
          ...b.paragraphs.map((p) => `${i2}${runs(p)}`),
          ...b.closing.map((l) => `${i2}${l}`),
        ];
      case 'pageBreak':
        return [`${indent}page break`];
    }
  });
}

/** A part's first line (its kind and what it carries besides blocks), then its blocks. */
export function partOutline(p: Part): string[] {
  switch (p.kind) {
    case 'cover':
      return [`cover: ${JSON.stringify({ ...p, logo: p.logo ? p.logo.alt : undefined })}`];
    case 'contents':
      return [`contents ${p.title}`, ...p.entries.map((e) => `  ${e.level} #${e.id} ${e.text}`)];
    case 'copyright':
      return ['copyright', ...outline(p.blocks, '  ')];
    case 'loose':
      return ['loose pages', ...outline(p.blocks, '  ')];
    case 'chapter':
      return [`chapter #${p.id} ${p.title} (running head: ${p.runningHead})`, ...outline(p.blocks, '  ')];
  }
}
