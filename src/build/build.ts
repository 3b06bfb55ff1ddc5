// One build: read source/ once, then compose and render every requested edition into a staging out/.
import { join } from 'node:path';
import { composeBooklet } from '../compose/booklet.js';
import { type Edition, resolveEdition } from '../editions/edition.js';
import { loadSource, type SourceTree } from '../read/source.js';
import { writeBookletDocx } from '../write/docx/booklet.js';
import { writeBookletPdf } from '../write/pdf/booklet.js';
import { type ManifestEntry, Staging } from './output.js';
import { editionReport } from '../reports/edition-report.js';

export class UsageError extends Error {}

export interface BuildOptions {
  project: string;
  outDir?: string;
  editions?: string[];
  log?: (line: string) => void;
}

export interface EditionResult {
  edition: Edition;
  files: ManifestEntry[];
}

export interface BuildResult {
  editions: EditionResult[];
  manifest: ManifestEntry[];
  ms: number;
}

export function selectEditions(tree: SourceTree, wanted: string[] | undefined): Edition[] {
  const all = tree.editions.map((e) => resolveEdition(tree, e));
  if (!wanted || wanted.length === 0) return all;
  return wanted.map((id) => {
    const found = all.find((e) => e.id === id);
    if (!found) throw new UsageError(`unknown edition "${id}"; expected one of: ${all.map((e) => e.id).join(', ')}`);
    return found;
  });
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const tree = loadSource(opts.project);
  const editions = selectEditions(tree, opts.editions);
  const outDir = opts.outDir ?? join(opts.project, 'out');
  const staging = new Staging(outDir, opts.editions?.length ? new Set(editions.map((e) => e.id)) : 'all');
  try {
    const results: EditionResult[] = [];
    for (const edition of editions) {
      const pub = composeBooklet(edition.id, edition.settings, edition.guidelines);
      const [pdf, docx] = await Promise.all([writeBookletPdf(pub), writeBookletDocx(pub)]);
      const base = `${edition.id}/competency-guidelines`;
      const files = [
        staging.write({ path: `${base}.pdf`, edition: edition.id, kind: 'booklet', format: 'pdf', pages: pdf.pages }, pdf.bytes),
        staging.write({ path: `${base}.docx`, edition: edition.id, kind: 'booklet', format: 'docx' }, docx),
        staging.write({ path: `${edition.id}/report.md`, edition: edition.id, kind: 'report', format: 'md' }, editionReport(edition)),
      ];
      opts.log?.(`${edition.id}: booklet ${pdf.pages} pages (PDF, Word)`);
      results.push({ edition, files });
    }
    const manifest = staging.commit();
    return { editions: results, manifest, ms: performance.now() - started };
  } catch (e) {
    staging.abandon();
    throw e;
  }
}
