// Personalized packets for a roster: one PDF and Word packet per valid row, and the combined print files.
//
// What every packet of an edition and level shares is rendered once; per applicant only the
// letter and the filled-in application form are rendered (in worker threads) and joined to it.
// Applicants flow through a bounded window of tasks, each packet is written by its worker, and
// each print file is saved once its last packet is in: memory does not grow with the roster.
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Tinypool from 'tinypool';
import { composePacket } from '../compose/packet.js';
import { resolveEdition } from '../editions/edition.js';
import { loadSource } from '../editions/source.js';
import { createRenderPool, workerCount, type RenderPool } from '../pipeline/render-pool.js';
import { compiledSource } from '../pipeline/compiled-code.js';
import { createRenderContext, type RunContext } from '../pipeline/context.js';
import { renderKept } from '../pipeline/kept-documents.js';
import type { RenderJob, RenderOutput } from '../pipeline/render-worker.js';
import { PACKETS_PER_PRINT_FILE, PrintFiles, type PrintFile } from './print-files.js';
import { printPagesOf, type PrintPages } from './print-pages.js';
import { ParseSpeeds, PDFDocument } from '@cantoo/pdf-lib';
import mergeOne, { type MergeTask, type MergeTaskResult } from './merge-worker.js';
import { packetFileName, readRoster, type Roster } from './roster.js';
import { writeAtomic } from '../util/write-atomic.js';
import { RunFolder, SUMMARY } from './run-folder.js';
import { TOKEN_APPLICANT } from './word-template.js';

/**
 * A heap limit for each applicant thread. Without one V8 sizes a thread's heap by the machine's memory and lets it
 * grow with garbage: the 1,000-applicant merge peaked at about 1,040 MiB; with this limit at about 800 MiB, its time
 * within 2 % (median of three paired runs). What a thread keeps (the fonts, the shared packets it appends to) is far
 * below it.
 */
const WORKER_HEAP_MB = 1024;
/**
 * Each worker's young generation. Node 22+ (V8 12+) sizes it from the heap limit, up to 3 × 64 MB a thread; a packet's
 * garbage is short-lived and small, and the merge's peak memory grew from 0.83 to 1.13 GB on Node 24 without a limit.
 */
const WORKER_YOUNG_MB = 48;
/**
 * Applicants an applicant thread makes before it is replaced by a fresh one. A thread keeps what it measured for
 * every document after (each word's shaped glyphs, write/pdf), and every applicant brings words of their own (name,
 * street number, e-mail): about 17 kB more a packet in the thread's heap, and the process grew by about 30 MB a
 * thousand applicants. A fresh thread starts with the words of the letter and form only, so memory goes up and down
 * within a bound instead of growing with the roster (20,000 applicants, replaced every 1,500 each: 800–1,030 MB
 * throughout). Starting a thread costs its code, fonts and shared packets loaded again. The packets' bytes never
 * depend on the thread.
 */
export const APPLICANTS_PER_THREAD = 1_000;

export interface MergeOptions {
  project: string;
  roster: string;
  /** The sheet of an .xlsx roster (default: the first). */
  sheet?: string;
  outDir: string;
  /** How the folder is named to the user (default: its last part). */
  shownOut?: string;
  progress?: (step: MergeProgress) => void;
  /** Worker threads (default: CG_WORKERS or one per core). */
  workers?: number;
  /** Told when another run holds the folder and this one waits (default: a line on stderr). */
  waiting?: (line: string) => void;
  /** Packets per combined print file (default 500). */
  packetsPerPrintFile?: number;
  /** Applicants a thread makes before a fresh one takes its place (default APPLICANTS_PER_THREAD). */
  applicantsPerThread?: number;
}

/** Where a mail merge is: the shared packets rendered, the applicants' packets made, a print file being saved or saved. */
export type MergeProgress =
  | { phase: 'shared'; done: number; total: number }
  | { phase: 'packets'; done: number; total: number }
  | { phase: 'print'; file: PrintFile; done: boolean };

export interface MadePacket {
  line: number;
  name: string;
  edition: string;
  level: number;
  pdf: string;
  docx: string;
  pages: number;
}

export interface MergeResult {
  made: MadePacket[];
  rejected: { line: number; message: string }[];
  /** The combined print files, in roster order (none when no packet was made). */
  printFiles: PrintFile[];
  /** What this run found of an interrupted one ("… its partial files were removed"). */
  notices: string[];
  /** How many times the applicant threads were replaced by fresh ones (applicantsPerThread). */
  threadsReplaced: number;
  ms: number;
}

function shared(bytes: Uint8Array): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(bytes.length);
  new Uint8Array(sab).set(bytes);
  return sab;
}

export async function mergePackets(opts: MergeOptions): Promise<MergeResult> {
  const started = performance.now();
  const ctx = createRenderContext({ project: opts.project, keep: true });
  const tree = loadSource(opts.project, ctx.store);
  const editions = new Map(tree.editions.map((s) => [s.id, resolveEdition(tree, s)]));
  const roster = await readRoster(opts.roster, editions, { sheet: opts.sheet });
  const folder = await RunFolder.open(
    opts.outDir,
    opts.shownOut ?? basename(opts.outDir),
    opts.waiting ?? ((l) => process.stderr.write(l + '\n')),
  );
  try {
    const result = await mergeInto(folder.staging, opts, tree, editions, roster, ctx);
    folder.commit();
    return { ...result, notices: folder.notices, ms: performance.now() - started };
  } catch (e) {
    folder.abandon();
    throw e;
  } finally {
    folder.release();
  }
}

/** The run itself, written into `outDir` (the staging folder). */
async function mergeInto(
  outDir: string,
  opts: MergeOptions,
  tree: ReturnType<typeof loadSource>,
  editions: Map<string, ReturnType<typeof resolveEdition>>,
  roster: Roster,
  ctx: RunContext,
): Promise<Omit<MergeResult, 'notices' | 'ms'>> {
  const started = performance.now();

  // Render once per edition and level: the shared packet (PDF) and the Word template.
  const keys = [...new Set(roster.applicants.map((a) => `${a.edition}/${a.level}`))];
  // The applicant threads start first: they also render the shared packets the cache lacks, so this thread never
  // loads the renderers and their fonts (about 100 MB it would keep to the end), and two packets render at once.
  const threads = opts.workers ?? workerCount();
  const perThread = opts.applicantsPerThread ?? APPLICANTS_PER_THREAD;
  // One thread renders in this one, unless the roster is long enough for its memory to need a fresh thread now and then.
  const pool =
    (threads > 1 && roster.applicants.length > 1) || roster.applicants.length > perThread
      ? new Tinypool({
          filename: mergeWorkerEntry(),
          minThreads: threads,
          maxThreads: threads,
          resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
        })
      : null;
  // The shared packets are the same from run to run: rendered once, then taken from the cache.
  let inThread = null as RenderPool | null;
  const renderShared = (job: RenderJob): Promise<RenderOutput> =>
    pool
      ? pool.run({ ...job, keep: ctx.keeps ?? undefined } satisfies RenderJob, { name: 'renderShared' })
      : (inThread ??= createRenderPool(1)).run(job, ctx);
  let sharedDone = 0;
  opts.progress?.({ phase: 'shared', done: 0, total: keys.length });
  const prepared = new Map<
    string,
    { pdf: Uint8Array; sharedPdf: SharedArrayBuffer; wordTemplate: SharedArrayBuffer }
  >();
  // The shared pages compiled for the print files, when a packet first needs them (parsed here, while the applicant
  // threads work; without pdf-lib's pause every 100 objects it parses).
  const printPages = new Map<string, PrintPages>();
  const printPagesFor = async (key: string): Promise<PrintPages> => {
    let pages = printPages.get(key);
    if (!pages) {
      const pdf = prepared.get(key)!.pdf;
      const parsed = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
      printPages.set(key, (pages = printPagesOf(parsed)));
    }
    return pages;
  };
  try {
    await Promise.all(
      keys.map(async (key) => {
        const [id, n] = key.split('/');
        const edition = editions.get(id)!;
        const level = edition.guidelines.levels.find((l) => l.level === Number(n))!;
        const common = composePacket(edition, level, tree.packetTemplate, undefined, { shared: true }).document;
        const tokens = composePacket(edition, level, tree.packetTemplate, TOKEN_APPLICANT).document;
        const [pdf, docx] = await Promise.all([
          renderKept(ctx.store, { format: 'pdf', document: common }, renderShared),
          renderKept(ctx.store, { format: 'docx', document: tokens }, renderShared),
        ]);
        prepared.set(key, { pdf: pdf.bytes, sharedPdf: shared(pdf.bytes), wordTemplate: shared(docx.bytes) });
        opts.progress?.({ phase: 'shared', done: ++sharedDone, total: keys.length });
      }),
    );
  } catch (e) {
    await pool?.destroy();
    throw e;
  } finally {
    await inThread?.close();
  }

  const preparedAt = performance.now();
  const run = (task: MergeTask): Promise<MergeTaskResult> => (pool ? pool.run(task) : mergeOne(task));
  const printFiles = new PrintFiles(
    outDir,
    roster.applicants.length,
    opts.packetsPerPrintFile ?? PACKETS_PER_PRINT_FILE,
    (file, done) => opts.progress?.({ phase: 'print', file, done }),
  );
  const made: MadePacket[] = [];
  let threadsReplaced = 0;
  try {
    // A bounded window of tasks in flight: the workers stay busy while results wait for their
    // turn (roster order, for the print files), and what is held does not grow with the roster.
    const window = Math.max(4, threads * 4);
    const start = (a: (typeof roster.applicants)[number]) => {
      const key = `${a.edition}/${a.level}`;
      const p = prepared.get(key)!;
      const fileName = packetFileName(a);
      const result = run({
        project: opts.project,
        outDir,
        fileName,
        applicant: a,
        edition: a.edition,
        level: a.level,
        sharedPdf: p.sharedPdf,
        wordTemplate: p.wordTemplate,
      });
      // Failures are reported when their turn comes; keep them from being "unhandled" meanwhile.
      result.catch(() => {});
      return { a, key, fileName, result };
    };
    const inFlight = roster.applicants.slice(0, window).map(start);
    let next = inFlight.length;
    // Each thread is replaced after about `perThread` applicants (each finishes the task it has first).
    const recycleEvery = perThread * threads;
    let addMs = 0;
    let waitMs = 0;
    while (inFlight.length) {
      const t = inFlight.shift()!;
      if (next < roster.applicants.length) {
        if (pool && next % recycleEvery === 0) {
          threadsReplaced++;
          pool.recycleWorkers().catch(() => {});
        }
        inFlight.push(start(roster.applicants[next++]));
      }
      const w0 = performance.now();
      const r = await t.result;
      const a0 = performance.now();
      waitMs += a0 - w0;
      printFiles.add(t.a.line, t.key, await printPagesFor(t.key), r.personal);
      addMs += performance.now() - a0;
      made.push({
        line: t.a.line,
        name: `${t.a.first_name} ${t.a.last_name}`,
        edition: t.a.edition,
        level: t.a.level,
        pdf: `${t.fileName}.pdf`,
        docx: `${t.fileName}.docx`,
        pages: r.pages,
      });
      opts.progress?.({ phase: 'packets', done: made.length, total: roster.applicants.length });
    }
    ctx.trace(
      `merge main thread: waiting ${Math.round(waitMs)} ms, combining ${Math.round(addMs)} ms, prepared after ${Math.round(preparedAt - started)} ms, threads replaced ${threadsReplaced} times`,
    );
  } catch (e) {
    printFiles.abandon();
    throw e;
  } finally {
    await pool?.destroy();
  }
  // `files`: everything this run made besides summary.json; a re-run replaces exactly these.
  const files = [...made.flatMap((m) => [m.pdf, m.docx]), ...printFiles.saved.map((f) => f.path)];
  const summary = { roster: opts.roster, made, rejected: roster.rejected, printFiles: printFiles.saved, files };
  writeAtomic(join(outDir, SUMMARY), JSON.stringify(summary, null, 2) + '\n');
  return { made, rejected: roster.rejected, printFiles: printFiles.saved, threadsReplaced };
}

/** The applicant threads' entry: in the compiled copy of src/ when this runs the TypeScript (pipeline/compiled-code.ts). */
function mergeWorkerEntry(): string {
  const code = compiledSource();
  return code
    ? pathToFileURL(join(code, 'mailmerge', 'merge-worker-entry.mjs')).href
    : new URL('./merge-worker-entry.mjs', import.meta.url).href;
}
