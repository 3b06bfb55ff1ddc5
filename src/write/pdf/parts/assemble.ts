// A booklet or packet assembled from its parts, each laid out and drawn once.
//
// A part (the cover, a level's chapter, the glossary, a packet's forms) is rendered alone, as a tagged PDF of
// its own, without page furniture. What it looks like depends on its content and the page size, never on the
// document it ends up in (its accent colour is bound at assembly: accent.ts): so the same part in four booklets,
// a booklet and its level's packet, 40 editions in 40 colours, or this build and the next, is rendered once
// (PartStore keeps them by content; memory keeps them parsed and compiled for linking).
//
// The document is then put together: the parts' pages in order, a blank page where a part must start on a
// right-hand page, the contents laid out with its entries' page numbers, the running heads and folios drawn over
// the body pages as Artifacts (furniture.ts), the binding gutter, one structure tree, one outline, one set of
// named destinations and form fields, and the document's metadata; its file is linked from the parts' compiled
// objects (linked-document.ts), not copied and saved whole.
import { jsonWithHashes, sha256 } from '../../../util/hash.js';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, ParseSpeeds } from '@cantoo/pdf-lib';
import { compressMadeStreams } from '../../../pdf/compress-streams.js';
import type { Block, Chapter, Document, Part } from '../../../compose/tree.js';
import { readOnlyValues, withValuePlaceholders } from '../../../compose/read-only-values.js';
import type { RenderedPdf, WholeOptions } from '../rendered.js';
import type { PagePlan } from '../running.js';
import type { FitMemory } from '../fit.js';
import { tocItems, type ContentsEntry } from './contents.js';
import { furniturePdf } from './furniture.js';
import { SAVE_OPTIONS } from '../finish.js';
import { ACCENT, installAccentColour } from './accent.js';
import { PART_SUBJECT } from './glyph-fonts.js';
import { linkDocument } from './linked-document.js';
import { destEntries, partLink, type PartLink } from './part-link.js';
import type { RenderContext } from '../../context.js';

/** Rendered parts kept between builds, by key (the run's store, pipeline/store.ts, keeps them on disk). */
export interface PartStore {
  get(key: string): Uint8Array | null;
  put(key: string, bytes: Uint8Array): void;
}

/** What the assembly needs of the whole-document writer (document.ts), passed in to keep imports one way. */
export interface Writer {
  whole(doc: Document, opts: WholeOptions): Promise<RenderedPdf>;
  mapFonts(doc: Document, memory?: FitMemory): Promise<Map<string, number>>;
  /** The pdfmake nodes of a part (for the contents' entries). */
  nodes(doc: Document, part: Part, mapFonts: Map<string, number>): unknown[];
}

/** A part as the assembly keeps it: what linking needs, not the parsed PDF it came from. */
interface LoadedPart {
  pages: number;
  landscape: boolean[];
  /** Page index (0-based) of each named destination (a heading's id). */
  dests: Map<string, number>;
  /** What the document links of it. */
  link: PartLink;
}

/**
 * Parts kept compiled in the run's context (ctx.parts), up to this many bytes (as PartLink counts them) per thread: a
 * build's parts that documents share, and a watch process's between saves. A part counts about 0.2 MB (a booklet's
 * chapter more, a cover less): some 200 parts, which hold about 50 MB (a parsed part held about 1 MB).
 */
const MEMORY_BYTES = 48 * 1024 * 1024;

/**
 * The document a part is rendered as: the part alone, with nothing that names the document it is in, and only what
 * moves its text (the text, the page size, the language's fonts; the fitted map sizes go into its key). The accent is
 * bound at assembly (accent.ts), and so are read-only fields' values (the packet id: compose/read-only-values.ts); a
 * chapter's running head is the furniture's.
 */
function partDocument(doc: Document, part: Part): Document {
  let alone: Part = withValuePlaceholders(part);
  if (alone.kind === 'cover' && alone.color === doc.accent) alone = { ...alone, color: ACCENT };
  if (alone.kind === 'chapter') alone = { ...alone, runningHead: '' };
  return {
    editionId: 'part',
    kind: 'booklet',
    meta: {
      title: '',
      author: '',
      subject: PART_SUBJECT,
      keywords: '',
      language: doc.meta.language,
      date: '2000-01-01',
    },
    page: { size: doc.page.size, twoSided: false, padToMultipleOf4: false },
    accent: ACCENT,
    furniture: { headerLine: '', footerLine: '' },
    parts: [alone],
  };
}

function keyOf(partDoc: Document, mapFonts: Map<string, number>): string {
  const maps = new Set<string>();
  for (const p of partDoc.parts)
    if ('blocks' in p) for (const b of p.blocks as Block[]) if (b.kind === 'impactMap') maps.add(b.id);
  const fonts = [...mapFonts].filter(([id]) => maps.has(id));
  return sha256(jsonWithHashes([partDoc, fonts]));
}

/** A part, contents or furniture read (parseSpeed: pdf-lib otherwise idles a millisecond every 100 objects). */
function parse(bytes: Uint8Array): Promise<PDFDocument> {
  return PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
}

/**
 * What a document made for assembly is linked from: the part as saving would leave it (its pending embeds done, its
 * made streams compressed), kept in the store as saved, and compiled from the document itself rather than parsed again
 * from those bytes. A saved file parses back to the same objects (their numbers, entries in order, values written as
 * read), so what is linked is the same either way, and a document from kept parts is byte-identical to one whose parts
 * were all laid out (test/document-cache.test.ts, test/part-memory.test.ts).
 */
async function saved(pdf: PDFDocument, store: PartStore | null, key: string): Promise<PDFDocument> {
  compressMadeStreams(pdf);
  if (store) store.put(key, await pdf.save(SAVE_OPTIONS));
  else await (pdf as unknown as { prepareForSave(o: typeof SAVE_OPTIONS): Promise<void> }).prepareForSave(SAVE_OPTIONS);
  return pdf;
}

function loadedFrom(pdf: PDFDocument): LoadedPart {
  const link = partLink(pdf);
  const pages = pdf.getPages();
  const index = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const dests = new Map<string, number>();
  for (const [name, value] of destEntries(pdf)) {
    const target =
      value instanceof PDFArray ? value : value instanceof PDFDict ? value.lookup(PDFName.of('D'), PDFArray) : null;
    const page = target?.get(0);
    if (page instanceof PDFRef && index.has(page.toString())) dests.set(name.decodeText(), index.get(page.toString())!);
  }
  return {
    pages: pages.length,
    landscape: pages.map((p) => p.getWidth() > p.getHeight()),
    dests,
    link,
  };
}

async function renderPart(
  doc: Document,
  part: Part,
  mapFonts: Map<string, number>,
  ctx: RenderContext,
  writer: Writer,
): Promise<LoadedPart> {
  const { store, parts } = ctx;
  const loaded = parts.loaded as Map<string, Promise<LoadedPart>>;
  const partCounts = parts.counts;
  const partDoc = partDocument(doc, part);
  const key = keyOf(partDoc, mapFonts);
  let found = loaded.get(key);
  if (found) {
    partCounts.inMemory++;
    // Most recently used last.
    loaded.delete(key);
    loaded.set(key, found);
    return found;
  }
  found = (async () => {
    const kept = await loadKept(store, key, loadedFrom);
    if (kept) {
      partCounts.fromStore++;
      return kept;
    }
    // Another thread of the run laying out the same part now: wait for it rather than lay it out twice.
    const claim = ctx.share?.claim(key) ?? { mine: true };
    if (!claim.mine) {
      const shared = (claim.put || (await claim.settled)) && (await loadKept(store, key, loadedFrom));
      if (shared) {
        partCounts.fromStore++;
        return shared;
      }
    }
    try {
      partCounts.rendered++;
      const t = performance.now();
      const { pdf } = await writer.whole(partDoc, { furniture: false, mapFonts, unsaved: true });
      const pages = pdf!.getPageCount();
      const read = loadedFrom(await saved(pdf!, store, key));
      ctx.trace(`part ${part.kind} ${'id' in part ? part.id : ''} ${pages} ${Math.round(performance.now() - t)}`);
      return read;
    } catch (e) {
      // Those waiting for it lay it out themselves (put in the store, it is theirs to read: store.ts).
      if (claim.mine) ctx.share?.release(key);
      throw e;
    }
  })();
  const mine = found;
  loaded.set(key, mine);
  mine.then(
    (p) => {
      if (loaded.get(key) !== mine) return;
      parts.held.set(key, p.link.bytes);
      forgetBeyond(parts, MEMORY_BYTES);
    },
    () => {
      if (loaded.get(key) === mine) loaded.delete(key);
      parts.held.delete(key);
    },
  );
  return found;
}

/** Lets go of the least recently used parts until those kept hold at most `budget` bytes (always keeping the newest). */
export function forgetBeyond(parts: RenderContext['parts'], budget: number): void {
  let total = 0;
  for (const n of parts.held.values()) total += n;
  for (const key of parts.loaded.keys()) {
    if (total <= budget || parts.loaded.size <= 1) break;
    total -= parts.held.get(key) ?? 0;
    parts.loaded.delete(key);
    parts.held.delete(key);
  }
}

/**
 * A part from the store, read by `read`; a file that is not a PDF any more (a damaged disk, a hand edit), or not one the
 * assembly can link, counts as missing.
 */
async function loadKept<T>(store: PartStore | null, key: string, read: (pdf: PDFDocument) => T): Promise<T | null> {
  const bytes = store?.get(key);
  if (!bytes) return null;
  try {
    return read(await parse(bytes));
  } catch {
    return null;
  }
}

/** A number noted in the store (a key with a colon, kept as text): what a build before found out. */
function readNote(store: PartStore | null, key: string): number | undefined {
  const n = Number(new TextDecoder().decode(store?.get(key) ?? new Uint8Array()));
  return n > 0 ? n : undefined;
}

function writeNote(store: PartStore | null, key: string, n: number): void {
  store?.put(key, new TextEncoder().encode(String(n)));
}

/**
 * Contents and furnitures kept in memory (ctx.parts.ownKept): about two a document, so those of the last few documents
 * (an edition's booklet and packets, for the next edition's). A furniture is its parsed PDF, up to a few MB.
 */
const OWN_KEPT = 16;

function hashOf(value: unknown): string {
  return sha256(JSON.stringify(value));
}

/**
 * What only one document uses (its contents, its furniture): from the store when a build before made it, else made and
 * stored. Not kept in memory, where it would push out the parts that documents share.
 */
async function kept<T>(
  ctx: RenderContext,
  key: string,
  make: () => Promise<PDFDocument>,
  read: (pdf: PDFDocument) => T,
): Promise<T> {
  const recent = ctx.parts.ownKept;
  const known = recent.get(key) as Promise<T> | undefined;
  if (known) {
    // Most recently used last.
    recent.delete(key);
    recent.set(key, known);
    return known;
  }
  const found = (async () => {
    const stored = await loadKept(ctx.store, key, read);
    if (stored) return stored;
    ctx.parts.counts.ownLaidOut++;
    return read(await saved(await make(), ctx.store, key));
  })();
  recent.set(key, found);
  found.catch(() => recent.get(key) === found && recent.delete(key));
  for (const old of recent.keys()) {
    if (recent.size <= OWN_KEPT) break;
    recent.delete(old);
  }
  return found;
}

/**
 * Entries a contents page holds, about: a Letter booklet's 53 entries take 3 pages, a packet's 25 to 30 take 2 (the
 * title takes room on the first). Only a guess for a document's first contents in a run.
 */
const ENTRIES_PER_PAGE = 22;

/**
 * A contents' pages, guessed: as long as another document's with as many entries, give or take a fifth (the same
 * booklet or packet in another edition, its entries reworded; a level's packet beside another's); else by
 * ENTRIES_PER_PAGE.
 */
export function guessedLength(known: Map<number, number> | undefined, entries: number): number {
  let nearest: [number, number] | undefined;
  for (const [n, pages] of known ?? [])
    if (!nearest || Math.abs(n - entries) < Math.abs(nearest[0] - entries)) nearest = [n, pages];
  if (nearest && Math.abs(nearest[0] - entries) <= entries / 5) return nearest[1];
  return Math.max(1, Math.ceil(entries / ENTRIES_PER_PAGE));
}

/** Where each part goes: its first page (0-based) in the document, after any blank page before it. */
interface Placed {
  part: Part;
  index: number;
  /** null only for the contents before its first layout. */
  loaded: LoadedPart | null;
  pages: number;
  first: number;
  blankBefore: boolean;
}

function place(
  doc: Document,
  parts: { part: Part; index: number; loaded: LoadedPart | null; pages: number }[],
): { placed: Placed[]; total: number } {
  let count = 0;
  const placed: Placed[] = [];
  for (const p of parts) {
    if (p.pages === 0) continue;
    // The copyright page is the back of the cover; every other part starts on a right-hand (odd) page.
    const blankBefore = p.index > 0 && doc.page.twoSided && p.part.kind !== 'copyright' && count % 2 === 1;
    if (blankBefore) count++;
    placed.push({ ...p, first: count, blankBefore });
    count += p.pages;
  }
  return { placed, total: count };
}

const RUNNING: Record<Part['kind'], boolean> = {
  cover: false,
  copyright: true,
  contents: true,
  chapter: true,
  loose: false,
};

export async function assemblePdf(doc: Document, context: RenderContext, writer: Writer): Promise<RenderedPdf> {
  installAccentColour();
  const { store } = context;
  const contentsLength = context.parts.contentsLength;
  // CG_TRACE: the time of each step (parts, contents, furniture laid out, pages copied, furniture drawn, saved).
  const steps: number[] = [performance.now()];
  // Fitting an Impact Map to its page lays it out several times: the sizes found are noted in the store.
  const memory: FitMemory | undefined = store
    ? {
        get: (key) => readNote(store, `map-font:${hashOf(key)}`),
        set: (key, size) => writeNote(store, `map-font:${hashOf(key)}`, size),
      }
    : undefined;
  const mapFonts = await writer.mapFonts(doc, memory);
  // Each part's nodes: whether it prints anything, and the headings the contents list.
  const nodes = doc.parts.map((part) => writer.nodes(doc, part, mapFonts));
  const parts = [];
  for (const [index, part] of doc.parts.entries()) {
    if (part.kind === 'contents') parts.push({ part, index, loaded: null as LoadedPart | null, pages: 1 });
    else if ((part.kind === 'chapter' || part.kind === 'loose') && nodes[index].length === 0)
      continue; // nothing to print
    else {
      const loadedPart = await renderPart(doc, part, mapFonts, context, writer);
      parts.push({ part, index, loaded: loadedPart, pages: loadedPart.pages });
    }
  }

  steps.push(performance.now());
  // The contents: laid out with the pages its entries land on, again if its own length moves them. Its length is
  // guessed from the last document with the same entries (in this thread, or noted in the store by a build before).
  const items = tocItems(nodes.flat());
  const contentsPart = doc.parts.find((p) => p.kind === 'contents');
  const contentsSlot = parts.find((p) => p.part.kind === 'contents');
  const lengthKey = contentsPart ? hashOf([contentsPart.title, doc.page.size, items]) : '';
  // Else a guess by its number of entries (guessedLength): a right one saves laying it out twice, a wrong one costs
  // what no guess costs.
  const byCount = contentsPart ? hashOf([contentsPart.title, doc.page.size]) : '';
  if (contentsSlot) {
    contentsSlot.pages =
      contentsLength.get(lengthKey) ??
      readNote(store, `contents-length:${lengthKey}`) ??
      guessedLength(context.parts.contentsByCount.get(byCount), items.length);
  }
  let layout = place(doc, parts);
  for (let attempt = 0; contentsPart && contentsSlot && attempt < 4; attempt++) {
    const pageOf = new Map<string, number>();
    for (const p of layout.placed)
      for (const [id, page] of p.loaded?.dests ?? []) if (!pageOf.has(id)) pageOf.set(id, p.first + page + 1);
    const entries: ContentsEntry[] = items.map((it) => ({ ...it, page: pageOf.get(it.id) ?? 0 }));
    const contentsDoc = partDocument(doc, contentsPart);
    const contents = await kept(
      context,
      hashOf(['contents', contentsDoc, entries]),
      async () =>
        (await writer.whole(contentsDoc, { furniture: false, contents: entries, mapFonts, unsaved: true })).pdf!,
      loadedFrom,
    );
    const pages = contents.pages;
    const same = contentsSlot.pages === pages;
    contentsSlot.loaded = contents;
    contentsSlot.pages = pages;
    contentsLength.set(lengthKey, pages);
    let counts = context.parts.contentsByCount.get(byCount);
    if (!counts) context.parts.contentsByCount.set(byCount, (counts = new Map()));
    counts.set(items.length, pages);
    if (same) writeNote(store, `contents-length:${lengthKey}`, pages);
    layout = place(doc, parts);
    if (same) break;
  }
  let total = layout.total;
  const pad = doc.page.padToMultipleOf4 && total % 4 !== 0 ? 4 - (total % 4) : 0;
  total += pad;

  // What each page carries.
  const plan: PagePlan[] = Array.from({ length: total }, () => ({ running: false, chapter: null }));
  const landscape: boolean[] = Array.from({ length: total }, () => false);
  for (const p of layout.placed) {
    const chapter: Chapter | null = p.part.kind === 'chapter' ? p.part : null;
    for (let i = 0; i < p.pages; i++) {
      plan[p.first + i] = { running: RUNNING[p.part.kind], chapter };
      landscape[p.first + i] = p.loaded!.landscape[i];
    }
  }
  steps.push(performance.now());
  const furnitureKey = hashOf([
    'furniture',
    doc.page,
    doc.accent,
    doc.furniture,
    plan.map((p) => [p.running, p.chapter?.runningHead ?? null]),
    landscape,
  ]);
  const furniture = await kept(
    context,
    furnitureKey,
    async () => parse(await furniturePdf(doc, plan, landscape)),
    (pdf) => pdf,
  );
  steps.push(performance.now());

  const { bytes, subsets } = await linkDocument(
    doc,
    layout.placed.map((p) => ({ link: p.loaded!.link, blankBefore: p.blankBefore, values: readOnlyValues(p.part) })),
    pad,
    plan,
    landscape,
    furniture,
    context.parts.subsets,
    context.store,
  );
  steps.push(performance.now());
  context.trace(
    `assemble ${doc.editionId} ${doc.kind}${doc.level ?? ''}: ${steps
      .slice(1)
      .map((t, i) => Math.round(t - steps[i]))
      .join(' ')} ms; font subsets ${subsets.reused} reused, ${subsets.made} made`,
  );
  return { bytes, pages: total };
}
