// templates/translations/<language>.yaml: the furniture of an edition's language, read and checked once per table.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Words } from '../model/words.js';
import type { Diagnostics } from '../model/diagnostics.js';
import type { SourcePos } from '../model/schema.js';
import type { PacketTemplate } from '../model/templates.js';
import { readText } from './files.js';
import { readYaml } from './yaml.js';
import { parse } from 'yaml';
import { packageRoot } from '../util/package-root.js';

export const TRANSLATIONS_DIR = 'templates/translations';
const FALLBACK = 'en';

export interface WordsRead {
  words: Words;
  /** The table read, relative to the project. */
  file: string;
  /** Why the edition's furniture is in English though its language is not (no table for it). */
  fallback?: string;
}

/**
 * The table for `language` ("es-MX"): es-MX.yaml, else es.yaml; else the English one, with a notice naming the
 * table that is missing. Each table is read once per `cache`.
 */
export interface WordsTable {
  words: Words;
  file: string;
  locate: (path: (string | number)[]) => SourcePos;
}

export function readWords(
  project: string,
  language: string,
  diag: Diagnostics,
  cache: Map<string, WordsTable | null>,
): WordsRead | null {
  const tags = [language, language.split('-')[0]];
  const found = tags.find((t) => existsSync(join(project, TRANSLATIONS_DIR, `${t}.yaml`)));
  const tag = found ?? FALLBACK;
  const file = `${TRANSLATIONS_DIR}/${tag}.yaml`;
  if (!cache.has(tag)) {
    const abs = join(project, file);
    if (!existsSync(abs)) {
      diag.error(
        { file, line: 1, column: 1 },
        'the English furniture table is missing',
        `${file} (see the copy in the repository)`,
      );
      cache.set(tag, null);
    } else {
      const text = readText(abs, file, diag);
      const read = text == null ? null : readYaml(file, text, Words, diag);
      cache.set(tag, read ? { words: read.value, file, locate: read.locate } : null);
    }
  }
  const words = cache.get(tag)?.words;
  if (!words) return null;
  const fallback = found
    ? undefined
    : `no furniture table ${TRANSLATIONS_DIR}/${tags[1]}.yaml for language ${language}: its furniture is in English`;
  return { words, file, ...(fallback ? { fallback } : {}) };
}

/**
 * The table's packet words must name what the packet template has: a label for a field of that form, no more log
 * columns than the log has (a misspelt field name would otherwise leave its English label in place unnoticed).
 */
export function checkPacketWords(table: WordsTable, t: PacketTemplate, diag: Diagnostics): void {
  const forms = table.words.packet?.forms ?? {};
  for (const [key, fw] of Object.entries(forms)) {
    const spec = t.forms[key as keyof PacketTemplate['forms']];
    if (fw && 'labels' in fw && fw.labels && Array.isArray(spec.rows)) {
      const names = spec.rows.flat().map((f) => f.name);
      for (const name of Object.keys(fw.labels)) {
        if (!names.includes(name))
          diag.error(
            table.locate(['packet', 'forms', key, 'labels', name]),
            `"${name}" is not a field of the ${key} form in templates/packet.yaml`,
            `one of ${names.join(', ')}`,
          );
      }
    }
    if (fw && 'columns' in fw && fw.columns && 'columns' in spec && fw.columns.length > spec.columns.length) {
      diag.error(
        table.locate(['packet', 'forms', key, 'columns']),
        `${fw.columns.length} column labels for the ${key}, which has ${spec.columns.length}`,
        `one label per column of templates/packet.yaml, in order`,
      );
    }
  }
}

let english: Words | undefined;
/** The publisher's own English table: the furniture of a tree composed without an edition's (tests, tools). */
export function englishWords(): Words {
  if (!english) {
    const file = join(packageRoot(import.meta.url), TRANSLATIONS_DIR, `${FALLBACK}.yaml`);
    english = Words.parse(parse(readFileSync(file, 'utf8')));
  }
  return english;
}
