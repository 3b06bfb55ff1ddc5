// What the importer reads from a Word file, as text: each level's parts, the glossary, the passages it could not place.
import { readDocx } from '../../src/import/docx.js';
import { recognize } from '../../src/import/recognize.js';
import { areaText, impactMapText, sectionText } from '../../src/editions/text.js';
import { plainText } from '../../src/model/text.js';

export function summary(path: string): string {
  const r = recognize(readDocx(path, 'fixture.docx'));
  const out: string[] = [];
  for (const l of r.levels) {
    out.push(`# Level ${l.level}: ${l.title}`);
    if (l.intro) out.push('## Introduction', sectionText(l.intro));
    for (const a of l.areas ?? []) out.push('## Area', areaText(a));
    if (l.impactMap) out.push('## Impact Map', impactMapText(l.impactMap));
  }
  if (r.glossary) out.push('# Glossary', ...r.glossary.entries.map((e) => `${e.term} = ${plainText(e.definition)}`));
  out.push('# Not placed', ...r.unplaced.map((p) => `${p.path.join(' > ')}: ${p.text}`));
  out.push(`# Language: ${r.stated.language ?? '(not stated)'}`);
  return `${out.join('\n')}\n`;
}
