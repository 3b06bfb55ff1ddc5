// One build: read source/ once, then compose and render every requested edition into a staging out/.
import { basename, join } from 'node:path';
import { composeBooklet } from '../compose/booklet.js';
import { type Edition, resolveEdition } from '../editions/edition.js';
import { loadSource, type SourceTree } from '../editions/source.js';
import type { Document } from '../compose/tree.js';
import { checkPrintable } from './source-printable.js';
import { createRenderPool, renderThreads, type RenderPool } from './render-pool.js';
import type { RenderJob, RenderOutput } from './render-worker.js';
import { createRenderContext, type RunContext } from './context.js';
import { renderKept } from './kept-documents.js';
import { type ManifestEntry, readManifest, Staging, sweepLitter } from './output.js';
import { lockFolder } from './lock.js';
import { asSourceProblem } from './layout-faults.js';
import { builtKeys, CACHE_FILE, editionKeys } from './cache.js';
import { editionReport } from '../reports/edition-report.js';
import { composePacket } from '../compose/packet.js';
import { printPdf } from '../write/print/print.js';
import { writeWebSite } from '../write/web/site.js';
import { unknownEdition } from '../editions/names.js';

export class UsageError extends Error {}

export interface BuildOptions {
  project: string;
  outDir?: string;
  editions?: string[];
  /** Rebuild even editions whose inputs did not change. */
  force?: boolean;
  log?: (line: string) => void;
  /** Told when another build holds out/ and this one waits (default: a line on stderr). */
  waiting?: (line: string) => void;
  /** Called as each document is rendered (for progress). */
  rendered?: (doc: RenderedDoc) => void;
  /** Render threads (default: CG_WORKERS or one per core; 1 renders in this thread). */
  workers?: number;
  /**
   * Keep what is made in the project's cache folder, and reuse what was made before (default: yes; `force` reuses
   * nothing made before this build, but keeps what it makes). false: keep and reuse nothing.
   */
  cache?: boolean;
  /** A render pool kept between builds (a watch process: its threads keep their parsed fonts); not closed here. */
  pool?: RenderPool;
  /**
   * The run's context, kept between builds by a watch process (its parts laid out, its fitted sizes); default: one made
   * for this build, keeping its store in the project's cache folder unless `cache: false` (fresh if `force`).
   */
  context?: RunContext;
  /** Render the booklet PDFs before everything else (what someone editing looks at first). */
  bookletPdfFirst?: boolean;
  /** Each document's bytes as soon as it is rendered, before the build's files are put in place together. */
  early?: (path: string, out: RenderOutput) => void;
}

export interface RenderedDoc {
  edition: string;
  path: string;
  format: 'pdf' | 'docx';
  pages?: number;
  ms: number;
  /** Taken from the document cache, not rendered. */
  cached: boolean;
  done: number;
  total: number;
}

export interface EditionResult {
  edition: Edition;
  files: ManifestEntry[];
  /** Form fields the edition's packets lack (none: they have them all). */
  packetMissing: string[];
}

export interface BuildResult {
  /** Editions rendered in this build (the others were up to date). */
  editions: EditionResult[];
  upToDate: string[];
  manifest: ManifestEntry[];
  ms: number;
}

export function selectEditions(tree: SourceTree, wanted: string[] | undefined): Edition[] {
  const all = tree.editions.map((e) => resolveEdition(tree, e));
  if (!wanted || wanted.length === 0) return all;
  return wanted.map((id) => {
    const found = all.find((e) => e.id === id);
    if (!found)
      throw new UsageError(
        unknownEdition(
          id,
          all.map((e) => e.id),
        ),
      );
    return found;
  });
}

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const outDir = opts.outDir ?? join(opts.project, 'out');
  const waiting = opts.waiting ?? ((line: string) => process.stderr.write(line + '\n'));
  // One build of an out/ at a time: the second one starts from what the first one left.
  const lock = await lockFolder(outDir, (pid) =>
    waiting(`waiting for another build of ${basename(outDir)}/ (pid ${pid}) …`),
  );
  try {
    const swept = sweepLitter(outDir);
    if (swept.restored)
      waiting(
        `a build of ${basename(outDir)}/ was interrupted while replacing it; the previous ${basename(outDir)}/ was put back`,
      );
    if (swept.removed.length) opts.log?.(`removed what interrupted builds left: ${swept.removed.join(', ')}`);
    return await buildLocked(opts, outDir);
  } finally {
    lock.release();
  }
}

/**
 * Editions built at once: enough queued renders to keep every render thread busy while this thread finishes the
 * editions before them; few enough that memory does not grow with the number of editions.
 */
const EDITIONS_AT_ONCE = 4;

interface PlannedDoc {
  path: string;
  kind: 'booklet' | 'packet';
  level?: number;
  document: Document;
}

interface Planned {
  edition: Edition;
  docs: PlannedDoc[];
  packetMissing: string[];
}

/**
 * `work` on each item, at most `atOnce` at a time, results in the items' order. After a failure nothing new starts;
 * what is running is let finish (it writes into the staging folder that the caller then removes), and the first
 * failure is thrown.
 */
async function inTurn<T, R>(items: T[], atOnce: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const lane = async () => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        results[i] = await work(items[i]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(atOnce, items.length) }, lane));
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}

async function buildLocked(opts: BuildOptions, outDir: string): Promise<BuildResult> {
  const started = performance.now();
  const keys = editionKeys(opts.project);
  const built = opts.force ? new Map<string, string>() : builtKeys(outDir);
  // A forced build reads nothing kept before it, but keeps what it makes: the builds after it start from that.
  const ctx =
    opts.context ??
    createRenderContext({
      project: opts.project,
      keep: opts.cache ?? true,
      fresh: opts.cache === undefined && opts.force,
    });
  // The render threads start while the source is read (they take about half a second to load their code) when an
  // edition will be rebuilt: one whose key is not the one it was built from.
  let ownPool: RenderPool | null = null;
  const named = opts.editions?.length ? opts.editions : [...keys.keys()];
  const stale = named.filter((id) => built.get(id) !== keys.get(id));
  // One edition rebuilt over a build before (an association's own edit): most of its parts are kept, and this thread
  // assembles them sooner than a worker thread starts (about 0.5 s, then its own fonts and parts). A few editions on a
  // small machine: this thread too (renderThreads).
  const threads = opts.workers ?? (stale.length === 1 && built.size > 0 ? 1 : renderThreads(stale.length));
  const poolOf = (): RenderPool => opts.pool ?? (ownPool ??= createRenderPool(threads));
  if (stale.length) poolOf();
  try {
    return await buildEditions(opts, outDir, { started, keys, built, ctx, poolOf });
  } finally {
    await (ownPool as RenderPool | null)?.close();
  }
}

async function buildEditions(
  opts: BuildOptions,
  outDir: string,
  run: {
    started: number;
    keys: Map<string, string>;
    built: Map<string, string>;
    ctx: RunContext;
    poolOf: () => RenderPool;
  },
): Promise<BuildResult> {
  const { started, keys, built, ctx } = run;
  const tree = loadSource(opts.project, ctx.store);
  checkPrintable(opts.project, tree.files);
  const requested = selectEditions(tree, opts.editions);
  const upToDate = requested.filter((e) => built.get(e.id) === keys.get(e.id)).map((e) => e.id);
  const editions = requested.filter((e) => !upToDate.includes(e.id));
  // Keep what is up to date and, in a one-edition build, the other editions that still exist.
  const existing = new Set(tree.editions.map((e) => e.id));
  const carry = new Set([
    ...upToDate,
    ...(opts.editions?.length ? [...existing].filter((id) => !requested.some((e) => e.id === id)) : []),
  ]);
  if (editions.length === 0 && readManifest(outDir).files.every((f) => existing.has(f.edition))) {
    return { editions: [], upToDate, manifest: readManifest(outDir).files, ms: performance.now() - started };
  }
  const staging = new Staging(outDir, carry);
  const pool: RenderPool = editions.length
    ? run.poolOf()
    : { run: () => Promise.reject(new Error('no work')), close: async () => {} };
  // Documents and parts made before are reused unless forced (a forced build still draws each distinct part once).
  const render = (job: RenderJob) => renderKept(ctx.store, job, (j) => pool.run(j, ctx));
  try {
    // Each edition on its own, a few at a time: its documents are composed, rendered in the pool, joined by its print
    // PDF, web edition and report, written to the staging folder and let go. Memory holds a few editions' documents
    // whatever their number, and this thread's share (composing, print PDFs, web editions, writing) runs while the
    // render threads work on the editions beside it.
    const total = editions.reduce((n, e) => n + 2 * (1 + e.guidelines.levels.length), 0);
    let done = 0;
    const plan = (edition: Edition): Planned => {
      const docs: PlannedDoc[] = [
        {
          path: `${edition.id}/competency-guidelines`,
          kind: 'booklet',
          document: composeBooklet(edition.id, edition.settings, edition.guidelines, edition.logo, edition.words),
        },
      ];
      const missing = new Set<string>();
      for (const level of edition.guidelines.levels) {
        const packet = composePacket(edition, level, tree.packetTemplate);
        packet.missing.forEach((m) => missing.add(m));
        docs.push({
          path: `${edition.id}/packet-level-${level.level}`,
          kind: 'packet',
          level: level.level,
          document: packet.document,
        });
      }
      return { edition, docs, packetMissing: [...missing] };
    };
    const renderDoc = async (edition: Edition, d: PlannedDoc, format: 'pdf' | 'docx'): Promise<RenderOutput> => {
      const t = performance.now();
      // Text the layout would cut is named by the source line it comes from: the edition's own files first.
      const sources = [
        ...edition.files,
        ...tree.files.filter((f) => !f.startsWith('source/editions/') || edition.files.includes(f)),
      ];
      const out = await render({ format, document: d.document }).catch((e: unknown) => {
        throw asSourceProblem(e, opts.project, sources, `${d.path}.${format}`);
      });
      opts.early?.(`${d.path}.${format}`, out);
      opts.rendered?.({
        edition: edition.id,
        path: `${d.path}.${format}`,
        format,
        pages: out.pages,
        ms: performance.now() - t,
        cached: out.cached,
        done: ++done,
        total,
      });
      return out;
    };
    // dev: every booklet PDF first, each with a core to itself (other jobs beside it made the one waiting on it wait
    // longer); then the rest, edition by edition.
    const planned = new Map<Edition, Planned>();
    const bookletPdfs = new Map<Edition, Promise<RenderOutput>>();
    if (opts.bookletPdfFirst) {
      for (const e of editions) {
        const p = plan(e);
        planned.set(e, p);
        bookletPdfs.set(e, renderDoc(e, p.docs[0], 'pdf'));
      }
      await Promise.all(bookletPdfs.values());
    }
    const buildEdition = async (edition: Edition): Promise<EditionResult> => {
      const { docs, packetMissing } = planned.get(edition) ?? plan(edition);
      planned.delete(edition);
      // Longest first (a booklet's Word file lays out the whole booklet to number its contents), so that no long job
      // is left running alone at the end.
      const booklet = {
        docx: renderDoc(edition, docs[0], 'docx'),
        pdf: bookletPdfs.get(edition) ?? renderDoc(edition, docs[0], 'pdf'),
      };
      const packets = docs
        .slice(1)
        .map((d) => ({ pdf: renderDoc(edition, d, 'pdf'), docx: renderDoc(edition, d, 'docx') }));
      const rendered = [booklet, ...packets].map(({ pdf, docx }) => Promise.all([pdf, docx]));
      // Settled before anything can throw: a failed edition leaves no render of its own still writing.
      await Promise.allSettled(rendered);
      const outputs = await Promise.all(rendered);
      const screen = outputs[0][0];
      const joined = performance.now();
      // The print PDF of the booklet: its screen PDF with bleed, trim and crop marks (nothing is laid out again).
      const print = await printPdf(docs[0].document, ctx, {
        screen: screen.bytes,
        cropMarks: edition.settings.cropMarks,
      });
      // The web edition of the booklet: a static site from the same tree, with its search index.
      const web = writeWebSite(docs[0].document, ctx, {
        pdf: '../competency-guidelines.pdf',
        docx: '../competency-guidelines.docx',
        print: '../competency-guidelines-print.pdf',
      });
      const files = docs.flatMap((d, k) => {
        const [pdf, docx] = outputs[k];
        const level = d.level ? { level: d.level } : {};
        return [
          staging.write(
            { path: `${d.path}.pdf`, edition: edition.id, kind: d.kind, format: 'pdf', ...level, pages: pdf.pages },
            pdf.bytes,
          ),
          staging.write(
            { path: `${d.path}.docx`, edition: edition.id, kind: d.kind, format: 'docx', ...level },
            docx.bytes,
          ),
        ];
      });
      files.push(
        staging.write(
          {
            path: `${edition.id}/competency-guidelines-print.pdf`,
            edition: edition.id,
            kind: 'print',
            format: 'pdf',
            pages: print.pages,
          },
          print.bytes,
        ),
      );
      for (const f of web)
        files.push(
          staging.write(
            {
              path: `${edition.id}/web/${f.path}`,
              edition: edition.id,
              kind: 'web',
              format: f.path.split('.').pop() ?? '',
            },
            f.bytes,
          ),
        );
      files.push(
        staging.write(
          { path: `${edition.id}/report.md`, edition: edition.id, kind: 'report', format: 'md' },
          editionReport(edition, packetMissing),
        ),
      );
      ctx.trace(`edition ${edition.id}: print PDF, web, report ${Math.round(performance.now() - joined)} ms`);
      opts.log?.(
        `${edition.id}: booklet ${screen.pages} pages (print PDF ${print.pages} pages, with bleed and trim) and ${docs.length - 1} level packets (PDF, Word)`,
      );
      return { edition, files, packetMissing };
    };
    const results = await inTurn(editions, EDITIONS_AT_ONCE, buildEdition);
    // Rebuilt editions get their new key; carried-over ones keep the key they were built from.
    const cache: Record<string, string> = {};
    for (const id of [...carry].sort()) if (built.has(id)) cache[id] = built.get(id)!;
    for (const e of editions) cache[e.id] = keys.get(e.id)!;
    staging.writeExtra(CACHE_FILE, JSON.stringify(cache, null, 2) + '\n');
    await ctx.store?.settled();
    ctx.prune();
    const manifest = staging.commit();
    return { editions: results, upToDate, manifest, ms: performance.now() - started };
  } catch (e) {
    staging.abandon();
    throw e;
  }
}
