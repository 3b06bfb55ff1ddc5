// `npm run import:edition`: a Word booklet to an edition's overlay in source/editions/NAME/, and a report.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { loadSource } from '../read/source.js';
import { InputError } from '../model/diagnostics.js';
import { readDocx } from './docx.js';
import { recognize, type ImportedBooklet } from './recognize.js';
import { mergeImported } from './align.js';
import { compareGuidelines, type ImportChange } from './compare.js';
import { overlayFiles } from './overlay-files.js';
import { importReport } from './report.js';

export class ImportUsageError extends Error {}

export interface ImportOptions {
  project: string;
  file: string;
  edition: string;
  base: string;
  dryRun?: boolean;
  partial?: boolean;
  report?: string;
}

export interface ImportResult {
  code: 0 | 1;
  reportPath: string;
  changes: ImportChange[];
  /** Changes of the written overlay from source/base (what the edition's own report will list). */
  overlayChanges: ImportChange[];
  written: string[];
  unplaced: ImportedBooklet['unplaced'];
  covered: string[];
  ms: number;
}

const EDITION_ID = /^[a-z0-9][a-z0-9-]*$/;

export function importEdition(o: ImportOptions): ImportResult {
  const t0 = performance.now();
  if (!EDITION_ID.test(o.edition)) throw new ImportUsageError(`--edition "${o.edition}" is not a valid edition id; expected lower-case letters, digits and "-", like "ohio"`);
  const tree = loadSource(o.project);
  const base = tree.editions.find((e) => e.id === o.base);
  if (!base) throw new ImportUsageError(`--base "${o.base}" is not an edition in source/editions/; expected one of ${tree.editions.map((e) => e.id).join(', ')}`);
  const existing = tree.editions.find((e) => e.id === o.edition);
  const target = existing ?? base;
  const shown = relative(o.project, o.file) || o.file;
  const book = readDocx(o.file, shown.startsWith('..') ? o.file : shown);
  const imported = recognize(book);
  const merged = mergeImported(target.guidelines, imported, o.edition);
  const { changes } = compareGuidelines(target.guidelines, merged.guidelines);
  const { changes: overlayChanges, plan } = compareGuidelines(tree.base, merged.guidelines);
  const files = overlayFiles(plan);
  const dir = join(o.project, 'source', 'editions', o.edition);
  const settings = editionYaml(existing ? readFileSync(join(dir, 'edition.yaml'), 'utf8') : null, imported, plan.remove, o.edition);
  files.set('edition.yaml', settings.text);

  const blocked = imported.unplaced.length > 0 && !o.partial;
  const write = !o.dryRun && !blocked;
  const written = write ? [...files.keys()].map((f) => relative(o.project, join(dir, f))) : [];
  const reportPath = o.report ?? join(o.project, 'out', 'import', `${o.edition}.md`);
  mkdirSync(dirname(reportPath), { recursive: true });
  const ms = performance.now() - t0;
  writeFileSync(
    reportPath,
    importReport({ file: book.file, edition: o.edition, comparedWith: existing ? `${o.edition} (as it is in source/)` : `${base.id} (the base)`, imported, covered: merged.covered, changes, stated: settings.stated, leftOut: settings.leftOut, written, dryRun: !!o.dryRun, blocked, ms }),
  );
  if (write) replaceEditionFolder(o.project, dir, files);
  return { code: blocked ? 1 : 0, reportPath, changes, overlayChanges, written, unplaced: imported.unplaced, covered: merged.covered, ms };
}

/**
 * edition.yaml: an edition's own file keeps everything it says, only `remove:` is made to match the document. A new
 * edition's file holds only what the document states; what it does not state is left out and listed.
 */
function editionYaml(current: string | null, imp: ImportedBooklet, remove: string[], id: string): { text: string; stated: string[]; leftOut: string[] } {
  const s = imp.stated;
  const stated: string[] = [];
  const leftOut: string[] = [];
  if (current !== null) {
    const doc = parseDocument(current);
    if (remove.length) doc.set('remove', remove);
    else doc.delete('remove');
    return { text: doc.toString(), stated: ['remove (from the document)'], leftOut: [] };
  }
  const doc = parseDocument('{}');
  const lines: string[] = [];
  if (s.associationName && s.abbreviation) {
    doc.set('association', { name: s.associationName, abbreviation: s.abbreviation });
    stated.push(`association: ${s.associationName} (${s.abbreviation})`);
  } else leftOut.push('association.name and association.abbreviation (the document does not name the association)');
  const put = (key: string, value: string | undefined, what: string) => {
    if (value) {
      doc.set(key, value);
      stated.push(`${key}: ${value}`);
    } else leftOut.push(`${key} (${what})`);
  };
  put('pageSize', s.pageSize, 'the page size is neither US Letter nor A4');
  put('language', s.language, 'the document does not state its language');
  put('publicationDate', s.publicationDate, 'the document states no date of publication');
  put('copyrightLine', s.copyrightLine, 'the pages have no footer line');
  if (remove.length) doc.set('remove', remove);
  leftOut.push('coverColor, logo, office, fees, applicationDeadline (not read from a Word file; the defaults apply until you add them)');
  doc.commentBefore = [` ${s.associationName ?? id}: imported from a Word booklet by npm run import:edition.`, ...leftOut.map((l) => ` Not stated in the document: ${l}`)].join('\n');
  lines.push(doc.toString());
  return { text: lines.join(''), stated, leftOut };
}

/** Replaces the edition's folder whole: a copy is kept until the new files are all written. */
function replaceEditionFolder(project: string, dir: string, files: Map<string, string>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(dir)}.import-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  // Files the importer does not make (a logo) stay.
  if (existsSync(dir)) for (const f of readdirSync(dir)) if (!f.endsWith('.md') && f !== 'edition.yaml') cpSync(join(dir, f), join(staging, f), { recursive: true });
  for (const [name, text] of files) writeFileSync(join(staging, name), text);
  const old = join(parent, `.${basename(dir)}.previous-${process.pid}`);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(staging, dir);
  rmSync(old, { recursive: true, force: true });
  void project;
}

export { InputError };
