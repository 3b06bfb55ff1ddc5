// A layout fault (text the PDF writer would cut or lose, write/pdf/layout-guard.ts) as a problem in the sources: the
// text is looked up in the files the document is made from, so staff are told which line to change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../model/diagnostics.js';
import { LayoutFault } from '../write/pdf/layout-guard.js';

/** At most this much of the text is quoted. */
const QUOTED = 40;

const quote = (text: string) => JSON.stringify(text.length > QUOTED ? `${text.slice(0, QUOTED)}…` : text);

/**
 * Where the text is in the files (the first file that has it), as file:line:column: the line as drawn, else its
 * longest words (markup, such as emphasis, may stand between the words in the source).
 */
export function locateText(project: string, files: string[], text: string): string | null {
  const words = [...new Set(text.split(/\s+/).filter((w) => w.length >= 3))].sort((a, b) => b.length - a.length);
  for (const candidate of [text.trim(), ...words.slice(0, 3)]) {
    const probe = candidate.slice(0, QUOTED);
    for (const file of files) {
      let lines: string[];
      try {
        lines = readFileSync(join(project, file), 'utf8').split('\n');
      } catch {
        continue;
      }
      const i = lines.findIndex((l) => l.includes(probe));
      if (i >= 0) return `${file}:${i + 1}:${lines[i].indexOf(probe) + 1}`;
    }
  }
  return null;
}

/** A layout fault becomes an InputError naming the source line; any other error is given back as it is. */
export function asSourceProblem(error: unknown, project: string, files: string[], document: string): unknown {
  const fault = error instanceof Error ? LayoutFault.parse(error.message) : null;
  if (!fault) return error;
  const where = locateText(project, files, fault.text) ?? document;
  // Not the page: a booklet's parts are laid out alone, so the page is counted from the part's start.
  return new InputError([`${where}: ${quote(fault.text)} ${fault.advice} (in ${document})`]);
}
