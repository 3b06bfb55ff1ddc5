// Rendered documents by content: a document whose tree, format and generator are the same as one
// rendered before is not laid out again. Two editions that publish the same packet, a rebuild after
// an edit to one level (the other levels' packets are unchanged), a mail merge run again (its shared
// packets) all reuse what was rendered. Same tree and generator give the same bytes, so a cached
// file is the file a render would make; `--force` renders everything again.
import { jsonWithHashes, sha256 } from '../util/hash.js';
import { writeAtomic } from '../util/write-atomic.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from '../compose/tree.js';
import { generatorKey } from './cache.js';
import { PARTS_DIR, pruneParts } from './part-cache.js';
import type { RenderJob, RenderOutput } from './render-worker.js';

/** Where rendered documents are kept: CG_CACHE_DIR, else node_modules/.cache (what build tools use). */
export function cacheDirOf(project: string): string {
  return process.env.CG_CACHE_DIR ?? join(project, 'node_modules', '.cache', 'competency-guidelines');
}

/** Entries kept; the least recently used go first. A booklet is a few hundred kB, a packet less. */
const MAX_ENTRIES = 600;
/** The folder of parsed source files in the cache (pipeline/parsed-source.ts). */
export const PARSED_DIR = 'parsed';
/** Parsed source files kept (read/markdown.ts): a source/ is about 17, each save of one in `dev` makes one more. */
const MAX_PARSED = 200;

export class DocumentCache {
  private readonly generator: string;
  hits = 0;

  constructor(private readonly dir: string) {
    this.generator = generatorKey();
  }

  /** The key of a render: the generator, the format and the tree (its edition id aside: it changes nothing printed). */
  keyOf(job: RenderJob): string {
    const { editionId: _ignored, ...content } = job.document as Document;
    return sha256(this.generator, '\0', job.format, '\0', jsonWithHashes(content));
  }

  get(key: string): RenderOutput | null {
    const bytes = join(this.dir, `${key}.bin`);
    const meta = join(this.dir, `${key}.json`);
    if (!existsSync(bytes) || !existsSync(meta)) return null;
    try {
      const out: RenderOutput = { ...(JSON.parse(readFileSync(meta, 'utf8')) as Omit<RenderOutput, 'bytes'>), bytes: new Uint8Array(readFileSync(bytes)) };
      // Touch: recently used entries are the last to be pruned.
      const now = new Date();
      utimesSync(meta, now, now);
      this.hits++;
      return out;
    } catch {
      return null; // a half-written or removed entry is a miss
    }
  }

  put(key: string, out: RenderOutput): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      const { bytes, ...meta } = out;
      // Written under temporary names and renamed, so a reader never sees half an entry.
      writeAtomic(join(this.dir, `${key}.bin`), bytes);
      writeAtomic(join(this.dir, `${key}.json`), JSON.stringify(meta));
    } catch {
      // A cache that cannot be written (read-only checkout, full disk) only costs speed.
    }
  }

  /** Keeps the MAX_ENTRIES most recently used entries, and the newest MAX_PARSED parsed source files. */
  prune(): void {
    if (!existsSync(this.dir)) return;
    const oldest = (dir: string, names: string[], keep: number) =>
      names.length <= keep ? [] : names.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => a.t - b.t).slice(0, names.length - keep).map((e) => e.n);
    const remove = (path: string) => {
      try {
        unlinkSync(path);
      } catch {
        /* already gone */
      }
    };
    for (const n of oldest(this.dir, readdirSync(this.dir).filter((n) => n.endsWith('.json')), MAX_ENTRIES)) for (const f of [n, n.replace(/\.json$/, '.bin')]) remove(join(this.dir, f));
    pruneParts(join(this.dir, PARTS_DIR));
    const parsed = join(this.dir, PARSED_DIR);
    if (existsSync(parsed)) for (const n of oldest(parsed, readdirSync(parsed), MAX_PARSED)) remove(join(parsed, n));
  }

  /** Renders through the cache. */
  async run(job: RenderJob, render: (job: RenderJob) => Promise<RenderOutput>): Promise<RenderOutput & { cached: boolean }> {
    const key = this.keyOf(job);
    const hit = this.get(key);
    if (hit) return { ...hit, cached: true };
    const out = await render(job);
    this.put(key, out);
    return { ...out, cached: false };
  }
}
