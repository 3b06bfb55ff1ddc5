// One applicant's packet, in a worker thread: their pages rendered and joined to the shared packet, their Word file filled in.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import Tinypool, { markMovable } from 'tinypool';
import { composePersonalPages, sharedPacket, type Addressee } from '../compose/packet.js';
import type { Document } from '../compose/tree.js';
import { type Edition, resolveEdition } from '../editions/edition.js';
import { createRenderContext, type RunContext } from '../pipeline/context.js';
import { loadSource, type SourceTree } from '../editions/source.js';
import { writePdf } from '../write/pdf/document.js';
import { PacketJoiner } from './join-pdf.js';
import type { PrintPages } from './print-pages.js';
import { WordTemplate } from './word-template.js';
import { writingTo } from '../util/machine-fault.js';
import render, { type RenderJob, type RenderOutput } from '../pipeline/render-worker.js';

export interface MergeTask {
  project: string;
  outDir: string;
  fileName: string;
  applicant: Addressee;
  edition: string;
  level: number;
  /** Bytes shared by every packet of this edition and level (SharedArrayBuffers: not copied per task). */
  sharedPdf: SharedArrayBuffer;
  wordTemplate: SharedArrayBuffer;
}

export interface MergeTaskResult {
  /** The applicant's own pages, compiled for the print file. */
  personal: PrintPages;
  pages: number;
}

let tree: SourceTree | null = null;
/** This thread's render context, for its life (pipeline/context.ts). */
let ctx: RunContext | null = null;
const sharedDocs = new Map<string, Document>();
const editions = new Map<string, Edition>();
const joiners = new Map<string, Promise<PacketJoiner>>();
const templates = new Map<string, WordTemplate>();

export default async function mergeOne(task: MergeTask): Promise<MergeTaskResult> {
  if (!tree) {
    ctx = createRenderContext({ project: task.project, keep: true });
    tree = loadSource(task.project, ctx.store);
  }
  if (editions.size === 0) for (const s of tree.editions) editions.set(s.id, resolveEdition(tree, s));
  const edition = editions.get(task.edition)!;
  const level = edition.guidelines.levels.find((l) => l.level === task.level)!;
  const key = `${task.edition}/${task.level}`;
  if (!joiners.has(key)) joiners.set(key, PacketJoiner.create(new Uint8Array(task.sharedPdf)));
  if (!templates.has(key))
    templates.set(key, new WordTemplate(new Uint8Array(task.wordTemplate), edition.settings.publicationDate));
  // The letter and, on a sheet of its own, the filled-in application form.
  if (!sharedDocs.has(key)) sharedDocs.set(key, sharedPacket(edition, level, tree.packetTemplate));
  const doc = composePersonalPages(edition, level, tree.packetTemplate, task.applicant, sharedDocs.get(key));
  const t0 = performance.now();
  const personal = await writePdf(doc, ctx!);
  const t1 = performance.now();
  const { packet, print } = await (await joiners.get(key)!).joinForPrint(personal.bytes, doc.page.twoSided);
  const t2 = performance.now();
  // Plain writes: the run is made in a staging folder that takes the place of the previous run only when complete.
  const pdfPath = join(task.outDir, `${task.fileName}.pdf`);
  writingTo(pdfPath, () => writeFileSync(pdfPath, packet));
  const t3 = performance.now();
  const docxPath = join(task.outDir, `${task.fileName}.docx`);
  writingTo(docxPath, () => writeFileSync(docxPath, templates.get(key)!.fill(task.applicant)));
  const t4 = performance.now();
  ctx!.trace(
    `merge ${task.fileName}: render ${Math.round(t1 - t0)} join ${Math.round(t2 - t1)} write ${Math.round(t3 - t2)} docx ${Math.round(t4 - t3)} ms`,
  );
  // What this applicant's render put in the store is written before the thread may be replaced (merge.ts).
  await ctx!.store?.settled();
  const sharedPages = (await joiners.get(key)!).sharedPageCount;
  const result = {
    personal: print,
    pages: personal.pages + (doc.page.twoSided && personal.pages % 2 ? 1 : 0) + sharedPages,
  };
  // In a pool, the applicant's pages move to the main thread instead of being copied.
  if (isMainThread) return result;
  const buffers = [print.data, print.objStart, print.holeFirst, print.holeAt, print.holeRef, print.pages, print.sizes];
  const moved = { [Tinypool.transferableSymbol]: buffers.map((a) => a.buffer), [Tinypool.valueSymbol]: result };
  markMovable(moved);
  return moved as unknown as MergeTaskResult;
}

/** Bytes with an ArrayBuffer of their own (a Buffer can be a slice of a shared pool, which cannot be moved). */
function own(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** A shared packet or Word template the cache lacked, rendered in an applicant thread (the code and fonts are loaded here anyway). */
export async function renderShared(job: RenderJob): Promise<RenderOutput> {
  const out = await render(job);
  if (isMainThread) return out;
  const bytes = own(out.bytes);
  const moved = { [Tinypool.transferableSymbol]: bytes.buffer, [Tinypool.valueSymbol]: { ...out, bytes } };
  markMovable(moved);
  return moved as unknown as RenderOutput;
}
