// Incremental builds: an edition's outputs are rebuilt only when something they depend on changed.
//
// The key of an edition hashes the bytes of everything its outputs are made from: the base
// text, the edition's own files, the templates, the generator (src/ and the locked package
// versions, which include the fonts). It is read before any source is parsed, so a no-op
// rebuild costs a few file reads.
import { createHash } from 'node:crypto';
import { sha256 } from '../util/hash.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readManifest } from './output.js';
import { packageRoot } from '../util/package-root.js';

export const CACHE_FILE = 'build-cache.json';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]))
    .sort();
}

function hashFiles(project: string, files: string[]): string {
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(project, f));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

/**
 * The generator: the running code (src/, patches/) and its locked package versions (which pin the fonts and
 * the libraries), wherever the sources it builds are. Read when a run's context is made (pipeline/context.ts).
 */
/** By the code's folder: the code does not change while it runs. */
const generators = new Map<string, string>();

export function generatorKey(): string {
  const root = packageRoot(import.meta.url);
  const known = generators.get(root);
  if (known) return known;
  const files = [
    ...filesUnder(join(root, 'src')),
    ...filesUnder(join(root, 'patches')),
    join(root, 'package-lock.json'),
  ];
  const key = hashFiles(
    root,
    files.filter((f) => existsSync(f) && statSync(f).isFile()),
  );
  generators.set(root, key);
  return key;
}

/** Keys of every edition folder in source/editions, by edition id. */
export function editionKeys(project: string): Map<string, string> {
  // The generator is the running code's (generatorKey), not the project's: the sources may be a folder of their own.
  const shared = sha256(
    hashFiles(
      project,
      [...filesUnder(join(project, 'source', 'base')), ...filesUnder(join(project, 'templates'))].filter(
        (f) => existsSync(f) && statSync(f).isFile(),
      ),
    ),
    generatorKey(),
  );
  const editionsDir = join(project, 'source', 'editions');
  const keys = new Map<string, string>();
  if (!existsSync(editionsDir)) return keys;
  for (const id of readdirSync(editionsDir).sort()) {
    const dir = join(editionsDir, id);
    if (!statSync(dir).isDirectory()) continue;
    keys.set(id, sha256(shared, hashFiles(project, filesUnder(dir))));
  }
  return keys;
}

/** The keys the outputs in out/ were built from, if their files are all still there. */
export function builtKeys(outDir: string): Map<string, string> {
  try {
    const keys = new Map(
      Object.entries(JSON.parse(readFileSync(join(outDir, CACHE_FILE), 'utf8')) as Record<string, string>),
    );
    const files = readManifest(outDir).files;
    for (const id of [...keys.keys()]) {
      if (
        !files.some((f) => f.edition === id) ||
        files.some((f) => f.edition === id && !existsSync(join(outDir, f.path)))
      )
        keys.delete(id);
    }
    return keys;
  } catch {
    return new Map();
  }
}
