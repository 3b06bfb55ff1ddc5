// `npm run import:edition`: a Word booklet to an edition's overlay in source/editions/NAME/, and a report.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { loadSource } from '../editions/source.js';
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
  if (!EDITION_ID.test(o.edition))
    throw new ImportUsageError(
      `--edition "${o.edition}" is not a valid edition id; expected lower-case letters, digits and "-", like "ohio"`,
    );
  const tree = loadSource(o.project);
  const base = tree.editions.find((e) => e.id === o.base);
  if (!base)
    throw new ImportUsageError(
      `--base "${o.base}" is not an edition in source/editions/; expected one of ${tree.editions.map((e) => e.id).join(', ')}`,
    );
  const existing = tree.editions.find((e) => e.id === o.edition);
  const target = existing ?? base;
  const shown = relative(o.project, o.file) || o.file;
  const book = readDocx(o.file, shown.startsWith('..') ? o.file : shown);
  const imported = recognize(book);
  const merged = mergeImported(target.guidelines, imported, o.edition);
  const { changes } = compareGuidelines(target.guidelines, merged.guidelines, Infinity);
  const { changes: overlayChanges, plan } = compareGuidelines(tree.base, merged.guidelines);
  const files = overlayFiles(plan);
  const dir = join(o.project, 'source', 'editions', o.edition);
  const settings = editionYaml(
    existing ? readFileSync(join(dir, 'edition.yaml'), 'utf8') : null,
    imported,
    plan.remove,
    o.edition,
  );
  files.set('edition.yaml', settings.text);

  const blocked = imported.unplaced.length > 0 && !o.partial;
  const write = !o.dryRun && !blocked;
  const written = write ? [...files.keys()].map((f) => relative(o.project, join(dir, f))) : [];
  const reportPath = o.report ?? join(o.project, 'out', 'import', `${o.edition}.md`);
  mkdirSync(dirname(reportPath), { recursive: true });
  const ms = performance.now() - t0;
  writeFileSync(
    reportPath,
    importReport({
      file: book.file,
      edition: o.edition,
      comparedWith: existing ? `${o.edition} (as it is in source/)` : `${base.id} (the base)`,
      imported,
      covered: merged.covered,
      changes,
      stated: settings.stated,
      leftOut: settings.leftOut,
      written,
      dryRun: !!o.dryRun,
      blocked,
      ms,
    }),
  );
  if (write) {
    const swap = replaceEditionFolder(dir, files);
    // The files must read back as the source reader reads them; a setting the document did not state is the only
    // problem allowed (staff add it).
    let problems: string[] = [];
    try {
      loadSource(o.project);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const own = `source/editions/${o.edition}/`;
      problems = e.messages.filter((m) => m.startsWith(own) && !m.startsWith(`${own}edition.yaml`));
    }
    if (problems.length) {
      swap.restore();
      throw new Error(
        `the overlay written for ${o.edition} does not read back (${problems[0]}); source/ was left as it was`,
      );
    }
    swap.commit();
  }
  return {
    code: blocked ? 1 : 0,
    reportPath,
    changes,
    overlayChanges,
    written,
    unplaced: imported.unplaced,
    covered: merged.covered,
    ms,
  };
}

/**
 * edition.yaml: an edition's own file keeps everything it says, only `remove:` is made to match the document. A new
 * edition's file holds only what the document states; what it does not state is left out and listed.
 */
function editionYaml(
  current: string | null,
  imp: ImportedBooklet,
  remove: string[],
  id: string,
): { text: string; stated: string[]; leftOut: string[] } {
  const s = imp.stated;
  const stated: string[] = [];
  const leftOut: string[] = [];
  if (current !== null) {
    const doc = parseDocument(current);
    if (remove.length) doc.set('remove', remove);
    else doc.delete('remove');
    return { text: doc.toString(), stated: ['remove (from the document)'], leftOut: [] };
  }
  const settings: Record<string, unknown> = {};
  if (s.associationName && s.abbreviation) {
    settings.association = { name: s.associationName, abbreviation: s.abbreviation };
    stated.push(`association: ${s.associationName} (${s.abbreviation})`);
  } else leftOut.push('association.name and association.abbreviation (the document does not name the association)');
  const put = (key: string, value: string | undefined, what: string) => {
    if (value) {
      settings[key] = value;
      stated.push(`${key}: ${value}`);
    } else leftOut.push(`${key} (${what})`);
  };
  put(
    'pageSize',
    s.pageSize,
    imp.pageTwips ? 'the page size is neither US Letter nor A4' : 'the document does not state its page size',
  );
  put('language', s.language, 'the document does not state its language');
  put('publicationDate', s.publicationDate, 'the document states no date of publication');
  put('copyrightLine', s.copyrightLine, 'the pages have no footer line');
  if (remove.length) settings.remove = remove;
  leftOut.push(
    'coverColor, logo, office, fees, applicationDeadline (not read from a Word file; the defaults apply until you add them)',
  );
  const head = [
    `${s.associationName ?? id}: imported from a Word booklet by npm run import:edition.`,
    ...leftOut.map((l) => `Not stated in the document: ${l}`),
  ];
  const lines = [head.map((l) => `# ${l}\n`).join(''), stringify(settings)];
  return { text: lines.join(''), stated, leftOut };
}

/** Puts the edition's new folder in place, keeping the previous one until `commit` (or putting it back: `restore`). */
function replaceEditionFolder(dir: string, files: Map<string, string>): { commit: () => void; restore: () => void } {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const staging = join(parent, `.${basename(dir)}.import-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  // Files the importer does not make (a logo) stay.
  if (existsSync(dir))
    for (const f of readdirSync(dir))
      if (!f.endsWith('.md') && f !== 'edition.yaml') cpSync(join(dir, f), join(staging, f), { recursive: true });
  for (const [name, text] of files) writeFileSync(join(staging, name), text);
  // Kept outside source/editions/, where the reader would take it for an edition.
  const old = join(dirname(parent), `.${basename(dir)}.previous-${process.pid}`);
  const had = existsSync(dir);
  if (had) renameSync(dir, old);
  renameSync(staging, dir);
  return {
    commit: () => rmSync(old, { recursive: true, force: true }),
    restore: () => {
      rmSync(dir, { recursive: true, force: true });
      if (had) renameSync(old, dir);
    },
  };
}

export { InputError };
