// The web edition's search index: pagefind (its binary ships in the npm package) indexes the
// written pages and writes a static index and its small UI next to them; no server is needed
// beyond one that serves files.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import * as pagefind from 'pagefind';
import type { WebFile } from './site.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

/** The index's files (under `pagefind/`) for a site's pages. */
export async function searchIndex(site: WebFile[], language: string): Promise<WebFile[]> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-web-'));
  try {
    for (const f of site) {
      if (!f.path.endsWith('.html')) continue;
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.bytes);
    }
    const { index, errors } = await pagefind.createIndex({ forceLanguage: language.split('-')[0], keepIndexUrl: false });
    if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: dir });
    if (added.errors.length) throw new Error(`pagefind could not index the web edition: ${added.errors.join('; ')}`);
    const out = join(dir, 'pagefind');
    const written = await index.writeFiles({ outputPath: out });
    if (written.errors.length) throw new Error(`pagefind could not write its index: ${written.errors.join('; ')}`);
    await index.deleteIndex();
    return filesUnder(out)
      .sort()
      .map((f) => ({ path: `pagefind/${relative(out, f).split('\\').join('/')}`, bytes: new Uint8Array(readFileSync(f)) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stops pagefind's helper process, so the command can exit. */
export async function closeSearch(): Promise<void> {
  await pagefind.close();
}
