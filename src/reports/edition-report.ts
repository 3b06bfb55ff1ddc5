// The edition report: what an edition changes from the base (word by word) and what it lacks.
import { diffWords } from 'diff';
import type { Edition } from '../editions/edition.js';
import type { Change } from '../editions/overlay.js';
import { idGroups } from './ids.js';

const CONTEXT_WORDS = 10;

/** Marks removed words ~~so~~ and added words **so**, eliding long unchanged stretches. */
export function wordDiff(before: string, after: string): { text: string; removed: number; added: number } {
  let removed = 0;
  let added = 0;
  const parts = diffWords(before, after).map((p, i, all) => {
    const words = p.value.trim() ? p.value.trim().split(/\s+/).length : 0;
    if (p.removed) {
      removed += words;
      return mark(p.value, '~~');
    }
    if (p.added) {
      added += words;
      return mark(p.value, '**');
    }
    const tokens = p.value.split(/(\s+)/);
    const limit = CONTEXT_WORDS * 2;
    if (tokens.length <= limit * 2 + 4) return p.value;
    const head = i === 0 ? [] : tokens.slice(0, limit);
    const tail = i === all.length - 1 ? [] : tokens.slice(-limit);
    return `${head.join('')} … ${tail.join('')}`;
  });
  return { text: parts.join(''), removed, added };
}

function mark(value: string, m: string): string {
  // Markdown emphasis cannot span line ends or start with a space: mark each line's words.
  return value
    .split('\n')
    .map((line) => {
      const lead = line.match(/^\s*/)![0];
      const trail = line.match(/\s*$/)![0];
      const core = line.trim();
      return core ? `${lead}${m}${core}${m}${trail}` : line;
    })
    .join('\n');
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('  \n');
}

const VERB: Record<Change['op'], string> = { replace: 'Changed', add: 'Added', remove: 'Removed' };

/** `Changed competency “Assists families to …” in Systems Expertise`: what changed, by its own name. */
function changeHeading(c: Change): string {
  if (c.kind === 'level title') return `${VERB[c.op]} level title: “${c.title}”`;
  if (c.kind === 'detail notes') return `${VERB[c.op]} notes on the Competency Detail`;
  return `${VERB[c.op]} ${c.kind} “${c.title}”${c.within ? ` in ${c.within}` : ''}`;
}

function changeSection(c: Change): string {
  const head = `### ${changeHeading(c)} (\`${c.id}\`)\n\nSource: \`${c.pos.file}:${c.pos.line}\``;
  if (c.op === 'replace' && c.before != null && c.after != null) {
    if (c.before === c.after) return `${head}\n\nIdentical to the base: this override can be deleted so that later corrections to the base reach this edition.`;
    const d = wordDiff(c.before, c.after);
    if (d.removed + d.added === 0) {
      // Same words: only spacing, hyphen spacing or bullet nesting differ. Show the lines that changed.
      const old = new Set(c.before.split('\n'));
      const changed = c.after.split('\n').filter((l) => !old.has(l));
      return `${head} · same words, different spacing or nesting; the edition's lines that differ:\n\n${quote(changed.join('\n'))}`;
    }
    return `${head} · ${d.removed} word(s) removed, ${d.added} added (~~removed~~, **added**)\n\n${quote(d.text)}`;
  }
  if (c.op === 'add' && c.after) return `${head}\n\n${quote(c.after)}`;
  if (c.op === 'remove' && c.before) return `${head}\n\n${quote(mark(c.before, '~~'))}`;
  return head;
}

/** `packetMissing`: the form fields the edition's packets lack (the build finds them when it composes the packets). */
export function summaryLine(e: Edition, packetMissing: string[] = []): string {
  const packets = packetMissing.length ? `; packets lack ${packetMissing.join(', ')}` : '';
  return `${changeLine(e)}; lacks ${e.lacks.length ? e.lacks.join(', ') : 'nothing'}${packets}`;
}

/** What the edition changes from the base, in numbers. */
export function changeLine(e: Edition): string {
  const count = (op: Change['op']) => e.changes.filter((c) => c.op === op).length;
  return `${e.id}: ${count('replace')} changed, ${count('add')} added, ${count('remove')} removed from the base`;
}

/** What the edition and its packets lack, or null when nothing. */
export function lacksLine(e: Edition, packetMissing: string[] = []): string | null {
  const parts = [...(e.wordsFallback ? [`has ${e.wordsFallback}`] : []), ...(e.lacks.length ? [`lacks ${e.lacks.join(', ')}`] : []), ...(packetMissing.length ? [`its packets lack ${packetMissing.join(', ')}`] : [])];
  return parts.length ? `${e.id} ${parts.join('; ')}` : null;
}

export function editionReport(e: Edition, packetMissing: string[] = []): string {
  const a = e.settings.association;
  const out: string[] = [
    `# ${a.name} (${a.abbreviation}): ${e.settings.title}`,
    '',
    `Edition \`${e.id}\`, dated ${e.settings.publicationDate}. Read this before you send the edition to print.`,
    '',
    `**Summary:** ${summaryLine(e, packetMissing)}.`,
    '',
    '## What this edition lacks',
    '',
    ...(e.lacks.length
      ? [...e.lacks.map((l) => `- ${l}: not in the source texts, so the booklet leaves it out (nothing is printed in its place).`)]
      : ['Nothing: every section of the booklet has its text.']),
    '',
    '## What the application packets lack',
    '',
    ...(packetMissing.length
      ? [
          'Settings print as a blank line to fill in (add them to `edition.yaml`); official text missing from the sources is left out. Nothing is invented in their place:',
          '',
          ...packetMissing.map((m) => `- \`${m}\``),
        ]
      : ['All given.']),
    '',
    '## What this edition changes from the base (MI-AIMH)',
    '',
  ];
  out.push(...coverSection(e));
  if (e.changes.length === 0) out.push('Nothing else: this edition prints the base text as it is.', '');
  // In the booklet's reading order: the copyright page, the levels in order, the chapters after them.
  const groups = [...new Set(e.changes.map((c) => c.where))].sort((a, b) => readingOrder(a) - readingOrder(b));
  for (const where of groups) {
    out.push(`## ${GROUP_TITLES[where] ?? where}`, '');
    for (const c of e.changes.filter((x) => x.where === where).sort((a, b) => partOrder(a) - partOrder(b))) out.push(changeSection(c), '');
  }
  out.push('## Edition files', '', ...e.files.map((f) => `- \`${f}\``), '');
  out.push(...idsSection(e));
  return out.join('\n');
}

const GROUP_TITLES: Record<string, string> = { copyright: 'Copyright page', endorsement: 'Endorsement', committee: 'Committee and Acknowledgements', glossary: 'Glossary' };

function readingOrder(where: string): number {
  const level = where.match(/^Level (\d)$/);
  if (level) return 10 + Number(level[1]);
  return { copyright: 1, endorsement: 20, committee: 21, glossary: 22 }[where] ?? 30;
}

/** Within a level, the order of its chapter: title, introduction, requirements, the Competency Detail, the Impact Map. */
function partOrder(c: Change): number {
  if (c.kind === 'level title') return 0;
  if (c.kind === 'section') return c.id.endsWith('.intro') ? 1 : 2;
  if (c.kind === 'area' || c.kind === 'competency') return 3;
  if (c.kind === 'detail notes') return 4;
  if (c.kind === 'impact map') return 5;
  return 2;
}

/** What the cover prints from edition.yaml (the first page, so first in the report). */
function coverSection(e: Edition): string[] {
  const s = e.settings;
  return [
    '## Cover',
    '',
    `- ${s.association.name} (${s.association.abbreviation})`,
    `- ${[s.title, s.subtitle, s.editionLine].filter(Boolean).join(' · ')}`,
    `- colour \`${s.coverColor}\`, ${s.logo ? `logo \`${s.logo}\`` : 'no logo'}, ${s.pageSize === 'A4' ? 'A4' : 'US Letter'}, dated ${s.publicationDate}`,
    '',
  ];
}

/** Every id the edition can use in its override files and `remove:`, per level, with the first words of each. */
function idsSection(e: Edition): string[] {
  const out = [
    '## Ids you can change',
    '',
    `Use these in override files named like the base file (\`level-2.md\`, …) to replace a part, and in \`remove:\` in \`edition.yaml\` to leave one out; new parts take ids starting with \`${e.id}.\`. \`npm run check -- --ids --level N\` prints the same list.`,
    '',
  ];
  for (const g of idGroups(e.guidelines)) {
    out.push(`### ${g.title}`, '', ...g.ids.map((i) => `- \`${i.id}\` ${i.what}: ${i.words}`), '');
  }
  return out;
}
