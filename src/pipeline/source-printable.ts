// Every character of source/, templates/ and the edition settings must print in the booklet fonts: a character
// they lack would print as an empty box or not at all, and no reader of the PDF would be told.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../model/diagnostics.js';
import { unprintableInBase } from '../text/coverage.js';

const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Problems as file:line:column messages, for the files of a source tree (paths relative to the project). */
export function unprintableInFiles(project: string, files: string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(project, file), 'utf8');
    } catch {
      continue; // a missing file is reported by the reader
    }
    text.split('\n').forEach((line, i) => {
      const bad = unprintableInBase(line);
      if (bad)
        problems.push(
          `${file}:${i + 1}:${bad.index + 1}: "${String.fromCodePoint(bad.cp)}" (${codePoint(bad.cp)}) is a character the booklet fonts cannot print; expected letters, digits and punctuation that Source Serif 4 and Source Sans 3 have (Latin, Greek, Cyrillic)`,
        );
    });
  }
  return problems;
}

/** Throws InputError with every unprintable character of the tree's files. */
export function checkPrintable(project: string, files: string[]): void {
  const problems = unprintableInFiles(project, files);
  if (problems.length) throw new InputError(problems);
}
