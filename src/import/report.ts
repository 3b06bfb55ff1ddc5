// The import report (Markdown): what the document covered, every change with its id and a word diff, every passage
// that could not be placed with where it stands in the Word file, the settings it stated and those it left out.
import { wordDiff } from '../reports/edition-report.js';
import type { ImportChange } from './compare.js';
import type { ImportedBooklet } from './recognize.js';

const VERB: Record<ImportChange['op'], string> = { replace: 'Changed', add: 'Added', remove: 'Removed' };

export interface ReportInput {
  file: string;
  edition: string;
  comparedWith: string;
  imported: ImportedBooklet;
  covered: string[];
  changes: ImportChange[];
  stated: string[];
  leftOut: string[];
  written: string[];
  dryRun: boolean;
  blocked: boolean;
  ms: number;
}

export function countsLine(changes: ImportChange[]): string {
  const n = (op: ImportChange['op']) => changes.filter((c) => c.op === op).length;
  return `${n('replace')} changed, ${n('add')} added, ${n('remove')} removed`;
}

export function importReport(r: ReportInput): string {
  const out: string[] = [`# Import of ${r.file} as edition “${r.edition}”`, ''];
  out.push(
    `Compared with ${r.comparedWith}: **${countsLine(r.changes)}**; ${r.imported.unplaced.length} passage${r.imported.unplaced.length === 1 ? '' : 's'} not placed. Read in ${(r.ms / 1000).toFixed(2)} s.`,
    '',
  );
  if (r.blocked)
    out.push(
      '**Nothing was written to source/**: some passages could not be placed (below). Fix them in the Word file, or run again with `--partial` to write what was placed.',
      '',
    );
  else if (r.dryRun) out.push('A dry run (`--dry-run`): nothing was written to source/.', '');
  out.push('## What the document covers', '', ...r.covered.map((c) => `- ${c}`), '');
  out.push('Parts it does not hold are left as they are.', '');
  if (r.imported.cover.length)
    out.push(
      `Read as the cover (for the settings only, not as the guidelines' text): ${r.imported.cover.map((l) => `“${firstWords(l, 8)}”`).join(', ')}.`,
      '',
    );
  out.push('## Passages not placed', '');
  if (r.imported.unplaced.length === 0) out.push('None: every paragraph was placed.', '');
  for (const p of r.imported.unplaced)
    out.push(
      `- ${p.path.join(' › ') || '(before the first heading)'}${p.n ? `, paragraph ${p.n}` : ''}: “${firstWords(p.text)}”`,
    );
  if (r.imported.unplaced.length) out.push('');
  out.push('## Changes', '');
  if (r.changes.length === 0) out.push('None: the document says what the edition already says.', '');
  let where = '';
  for (const c of r.changes) {
    if (c.where !== where) {
      where = c.where;
      out.push(`### ${where}`, '');
    }
    out.push(`#### ${VERB[c.op]} ${c.kind} “${c.title}” (\`${c.id}\`)`, '');
    if (c.op === 'replace' && c.before != null && c.after != null)
      out.push(
        wordDiff(c.before, c.after)
          .text.split('\n')
          .map((l) => `> ${l}`)
          .join('  \n'),
        '',
      );
    else if (c.op === 'add' && c.after)
      out.push(
        c.after
          .split('\n')
          .map((l) => `> ${l}`)
          .join('  \n'),
        '',
      );
    else if (c.before) out.push(`~~${firstWords(c.before, 30)}~~`, '');
  }
  out.push(
    '## edition.yaml',
    '',
    ...r.stated.map((s) => `- stated: ${s}`),
    ...r.leftOut.map((s) => `- left out: ${s}`),
    '',
  );
  if (r.written.length) out.push('## Files written', '', ...r.written.map((f) => `- \`${f}\``), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function firstWords(text: string, n = 12): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  return words.length > n ? `${words.slice(0, n).join(' ')} …` : words.join(' ');
}
