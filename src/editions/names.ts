// The editions a project has, by folder name, and the message for one it does not have: read before anything else, so
// a mistyped --edition is refused before the command prints or loads anything.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The edition folders in source/editions/, sorted. */
export function editionIds(project: string): string[] {
  const dir = join(project, 'source', 'editions');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => !d.startsWith('.') && statSync(join(dir, d)).isDirectory())
    .sort();
}

/** Edits (insert, delete, replace a letter) from one word to another. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++)
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** The known name nearest a mistyped one, if it is near enough to be what was meant (at most a third of it differs). */
export function nearest(word: string, known: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(word.toLowerCase(), k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== null && bestD <= Math.max(1, Math.floor(Math.max(word.length, best.length) / 3)) ? best : null;
}

/** `unknown edition "cascadai"; did you mean "cascadia"? (the editions are …)`, or `…; expected one of: …`. */
export function unknownEdition(id: string, known: string[]): string {
  const near = nearest(id, known);
  const list = known.join(', ') || 'none in source/editions/';
  return near
    ? `unknown edition "${id}"; did you mean "${near}"? (the editions are ${list})`
    : `unknown edition "${id}"; expected one of: ${list}`;
}
