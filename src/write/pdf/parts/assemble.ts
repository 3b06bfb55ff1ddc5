// A booklet or packet assembled from its parts, each laid out and drawn once.
//
// A part (the cover, a level's chapter, the glossary, a packet's forms) is rendered alone, as a tagged PDF of
// its own, without page furniture. What it looks like depends on its content, the page size and the accent,
// never on the document it ends up in: so the same part in four booklets, a booklet and its level's packet,
// or this build and the next, is rendered once (PartStore keeps them by content; memory keeps them parsed).
//
// The document is then put together with pdf-lib: the parts' pages in order, a blank page where a part must
// start on a right-hand page, the contents laid out with its entries' page numbers, the running heads and
// folios drawn over the body pages as Artifacts (furniture.ts), the binding gutter, one structure tree, one
// outline, one set of named destinations and form fields, and the document's metadata.
import { jsonWithHashes, sha256 } from '../../../util/hash.js';
import { drawObject, PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFObjectCopier, PDFOperator, PDFOperatorNames, PDFRef, PDFString, popGraphicsState, pushGraphicsState, type PDFObject, type PDFPage } from '@cantoo/pdf-lib';
import type { Block, Chapter, Document, Part } from '../../../compose/tree.js';
import type { RenderedPdf, WholeOptions } from '../rendered.js';
import { GUTTER_SHIFT, PAGE_SIZES } from '../theme.js';
import { copyTaggedPages } from '../../../pdf/copy-tagged.js';
import { embedFieldFont, FIELD_FONT } from '../tagging/field-font.js';
import { CREATOR, PRODUCER, writeTaggedFacts, type DocumentFacts } from '../tagging/write.js';
import type { PagePlan } from '../running.js';
import type { FitMemory } from '../fit.js';
import { tocItems, type ContentsEntry } from './contents.js';
import { furniturePdf } from './furniture.js';
import { moveAnnotations, SAVE_OPTIONS } from '../finish.js';
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

interface LoadedPart {
  pdf: PDFDocument;
  landscape: boolean[];
  /** Page index (0-based) of each named destination (a heading's id). */
  dests: Map<string, number>;
}

/** Parsed parts kept in the run's context (ctx.parts): a build's distinct parts, and a watch process's between saves. */
const MAX_IN_MEMORY = 96;


/** The document a part is rendered as: the part alone, with nothing that names the document it is in. */
function partDocument(doc: Document, part: Part): Document {
  return {
    editionId: 'part',
    kind: 'booklet',
    meta: { title: '', author: '', subject: '', keywords: '', language: doc.meta.language, date: '2000-01-01' },
    page: { size: doc.page.size, twoSided: false, padToMultipleOf4: false },
    accent: doc.accent,
    furniture: { headerLine: '', footerLine: '' },
    parts: [part],
  };
}

function keyOf(partDoc: Document, mapFonts: Map<string, number>): string {
  const maps = new Set<string>();
  for (const p of partDoc.parts) if ('blocks' in p) for (const b of p.blocks as Block[]) if (b.kind === 'impactMap') maps.add(b.id);
  const fonts = [...mapFonts].filter(([id]) => maps.has(id));
  return sha256(jsonWithHashes([partDoc, fonts]));
}

async function load(bytes: Uint8Array): Promise<LoadedPart> {
  return loadedFrom(await PDFDocument.load(bytes, { updateMetadata: false }));
}

function loadedFrom(pdf: PDFDocument): LoadedPart {
  const pages = pdf.getPages();
  const index = new Map(pages.map((p, i) => [p.ref.toString(), i]));
  const dests = new Map<string, number>();
  for (const [name, value] of destEntries(pdf)) {
    const target = value instanceof PDFArray ? value : value instanceof PDFDict ? value.lookup(PDFName.of('D'), PDFArray) : null;
    const page = target?.get(0);
    if (page instanceof PDFRef && index.has(page.toString())) dests.set(name.decodeText(), index.get(page.toString())!);
  }
  return { pdf, landscape: pages.map((p) => p.getWidth() > p.getHeight()), dests };
}

async function renderPart(doc: Document, part: Part, mapFonts: Map<string, number>, ctx: RenderContext, writer: Writer): Promise<LoadedPart> {
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
    const kept = await loadKept(store, key);
    if (kept) {
      partCounts.fromStore++;
      return kept;
    }
    partCounts.rendered++;
    const t = performance.now();
    // Used as rendered, not saved and parsed again: the same objects as a part read from the store, so the same bytes.
    const { pdf } = await writer.whole(partDoc, { furniture: false, mapFonts, unsaved: true });
    if (store) store.put(key, await pdf!.save(SAVE_OPTIONS));
    ctx.trace(`part ${part.kind} ${'id' in part ? part.id : ''} ${pdf!.getPageCount()} ${Math.round(performance.now() - t)}`);
    return loadedFrom(pdf!);
  })();
  loaded.set(key, found);
  found.catch(() => loaded.delete(key));
  while (loaded.size > MAX_IN_MEMORY) loaded.delete(loaded.keys().next().value!);
  return found;
}

/** A part from the store; a file that is not a PDF any more (a damaged disk, a hand edit) counts as missing. */
async function loadKept(store: PartStore | null, key: string): Promise<LoadedPart | null> {
  const bytes = store?.get(key);
  if (!bytes) return null;
  try {
    return await load(bytes);
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

function hashOf(value: unknown): string {
  return sha256(JSON.stringify(value));
}

/**
 * What only one document uses (its contents, its furniture): from the store when a build before made it, else made and
 * stored. Not kept in memory, where it would push out the parts that documents share.
 */
async function kept(ctx: RenderContext, key: string, make: () => Promise<PDFDocument>): Promise<LoadedPart> {
  const { store } = ctx;
  const stored = await loadKept(store, key);
  if (stored) return stored;
  ctx.parts.counts.ownLaidOut++;
  const pdf = await make();
  if (store) store.put(key, await pdf.save(SAVE_OPTIONS));
  return loadedFrom(pdf);
}

/** The entries of a PDF's named-destination tree (/Names /Dests), leaves in order. */
function destEntries(pdf: PDFDocument): [PDFString, PDFObject][] {
  const out: [PDFString, PDFObject][] = [];
  const walk = (node: PDFDict | undefined) => {
    if (!node) return;
    const names = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; names && i + 1 < names.size(); i += 2) out.push([names.lookup(i) as PDFString, names.get(i + 1)]);
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookup(i, PDFDict));
  };
  walk(pdf.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict));
  return out;
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

function place(doc: Document, parts: { part: Part; index: number; loaded: LoadedPart | null; pages: number }[]): { placed: Placed[]; total: number } {
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

const RUNNING: Record<Part['kind'], boolean> = { cover: false, copyright: true, contents: true, chapter: true, loose: false };

export async function assemblePdf(doc: Document, context: RenderContext, writer: Writer): Promise<RenderedPdf> {
  const { store } = context;
  const contentsLength = context.parts.contentsLength;
  // CG_TRACE: the time of each step (parts, contents, furniture laid out, pages copied, furniture drawn, saved).
  const steps: number[] = [performance.now()];
  // Fitting an Impact Map to its page lays it out several times: the sizes found are noted in the store.
  const memory: FitMemory | undefined = store ? { get: (key) => readNote(store, `map-font:${hashOf(key)}`), set: (key, size) => writeNote(store, `map-font:${hashOf(key)}`, size) } : undefined;
  const mapFonts = await writer.mapFonts(doc, memory);
  // Each part's nodes: whether it prints anything, and the headings the contents list.
  const nodes = doc.parts.map((part) => writer.nodes(doc, part, mapFonts));
  const parts = [];
  for (const [index, part] of doc.parts.entries()) {
    if (part.kind === 'contents') parts.push({ part, index, loaded: null as LoadedPart | null, pages: 1 });
    else if ((part.kind === 'chapter' || part.kind === 'loose') && nodes[index].length === 0) continue; // nothing to print
    else {
      const loadedPart = await renderPart(doc, part, mapFonts, context, writer);
      parts.push({ part, index, loaded: loadedPart, pages: loadedPart.pdf.getPageCount() });
    }
  }

  steps.push(performance.now());
  // The contents: laid out with the pages its entries land on, again if its own length moves them. Its length is
  // guessed from the last document with the same entries (in this thread, or noted in the store by a build before).
  const items = tocItems(nodes.flat());
  const contentsPart = doc.parts.find((p) => p.kind === 'contents');
  const contentsSlot = parts.find((p) => p.part.kind === 'contents');
  const lengthKey = contentsPart ? hashOf([contentsPart.title, doc.page.size, items]) : '';
  if (contentsSlot) {
    contentsSlot.pages = contentsLength.get(lengthKey) ?? readNote(store, `contents-length:${lengthKey}`) ?? 1;
  }
  let layout = place(doc, parts);
  for (let attempt = 0; contentsPart && contentsSlot && attempt < 4; attempt++) {
    const pageOf = new Map<string, number>();
    for (const p of layout.placed) for (const [id, page] of p.loaded?.dests ?? []) if (!pageOf.has(id)) pageOf.set(id, p.first + page + 1);
    const entries: ContentsEntry[] = items.map((it) => ({ ...it, page: pageOf.get(it.id) ?? 0 }));
    const contentsDoc = partDocument(doc, contentsPart);
    const contents = await kept(context, hashOf(['contents', contentsDoc, entries]), async () => (await writer.whole(contentsDoc, { furniture: false, contents: entries, mapFonts, unsaved: true })).pdf!);
    const pages = contents.pdf.getPageCount();
    const same = contentsSlot.pages === pages;
    contentsSlot.loaded = contents;
    contentsSlot.pages = pages;
    contentsLength.set(lengthKey, pages);
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
  const furnitureKey = hashOf(['furniture', doc.page, doc.accent, doc.furniture, plan.map((p) => [p.running, p.chapter?.runningHead ?? null]), landscape]);
  const furniture = await kept(context, furnitureKey, async () => PDFDocument.load(await furniturePdf(doc, plan, landscape), { updateMetadata: false }));
  steps.push(performance.now());

  const out = await PDFDocument.create({ updateMetadata: false });
  const ctx = out.context;
  const documentRef = ctx.register(ctx.obj({ Type: 'StructElem', S: 'Document', K: [] }));
  const rootRef = ctx.register(ctx.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: ctx.obj({ Nums: [] }), ParentTreeNextKey: 0 }));
  ctx.lookup(documentRef, PDFDict).set(PDFName.of('P'), rootRef);
  out.catalog.set(PDFName.of('StructTreeRoot'), rootRef);

  const size = PAGE_SIZES[doc.page.size];
  const blank = () => out.addPage([size.width, size.height]);
  const dests: [PDFString, PDFObject][] = [];
  const outline: PDFRef[] = [];
  const fields = new Set<PDFRef>();
  for (const p of layout.placed) {
    if (p.blankBefore) blank();
    const src = p.loaded!.pdf;
    // One copier per part: it maps the part's page references (in destinations, outline items) to the pages copied.
    const copier = PDFObjectCopier.for(src.context, ctx);
    const { pages } = copyTaggedPages(out, src, { append: true, copier });
    for (const page of pages) out.addPage(page);
    for (const [name, value] of destEntries(src)) dests.push([name, copier.copy(value)]);
    outline.push(...copyOutlineItems(src, copier));
    for (const page of pages) {
      const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
      for (let i = 0; annots && i < annots.size(); i++) {
        const annot = ctx.lookup(annots.get(i), PDFDict);
        if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Widget')) continue;
        const parent = annot.get(PDFName.of('Parent'));
        const field = parent instanceof PDFRef ? parent : (annots.get(i) as PDFRef);
        fields.add(field);
      }
    }
  }
  for (let i = 0; i < pad; i++) blank();

  steps.push(performance.now());
  const pages = out.getPages();
  await drawFurniture(out, pages, plan, furniture.pdf);
  // Two-sided: the binding gutter, on the body's portrait pages (not the cover, a letter, or a landscape map).
  if (doc.page.twoSided) {
    plan.forEach((pp, i) => {
      if (!pp.running || landscape[i]) return;
      const dx = (i + 1) % 2 === 1 ? GUTTER_SHIFT : -GUTTER_SHIFT;
      pages[i].translateContent(dx, 0);
      moveAnnotations(pages[i], dx);
    });
  }
  steps.push(performance.now());
  writeNames(out, dests);
  writeOutline(out, outline);
  if (fields.size) writeForm(out, [...fields]);
  const { meta } = doc;
  writeFacts(out, { title: meta.title, language: meta.language, author: meta.author, subject: meta.subject, keywords: meta.keywords, date: meta.date, creator: CREATOR, producer: PRODUCER });
  const bytes = await out.save(SAVE_OPTIONS);
  steps.push(performance.now());
  context.trace(`assemble ${doc.editionId} ${doc.kind}${doc.level ?? ''}: ${steps.slice(1).map((t, i) => Math.round(t - steps[i])).join(' ')} ms`);
  return { bytes, pages: total };
}

/** The part's top-level outline items, copied without their links to the part's outline root and to each other. */
function copyOutlineItems(src: PDFDocument, copier: PDFObjectCopier): PDFRef[] {
  const root = src.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const items: PDFRef[] = [];
  for (let ref = root?.get(PDFName.of('First')); ref instanceof PDFRef; ref = src.context.lookup(ref, PDFDict).get(PDFName.of('Next'))) items.push(ref);
  return items.map((ref) => {
    const item = src.context.lookup(ref, PDFDict);
    const links = ['Parent', 'Prev', 'Next'].map((k) => [PDFName.of(k), item.get(PDFName.of(k))] as const);
    for (const [k] of links) item.delete(k);
    try {
      return copier.copy(ref) as PDFRef;
    } finally {
      for (const [k, v] of links) if (v) item.set(k, v);
    }
  });
}

function writeOutline(out: PDFDocument, items: PDFRef[]): void {
  if (!items.length) return;
  const ctx = out.context;
  const rootRef = ctx.nextRef();
  let count = 0;
  items.forEach((ref, i) => {
    const item = ctx.lookup(ref, PDFDict);
    item.set(PDFName.of('Parent'), rootRef);
    if (i > 0) item.set(PDFName.of('Prev'), items[i - 1]);
    if (i < items.length - 1) item.set(PDFName.of('Next'), items[i + 1]);
    const open = item.lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber() ?? 0;
    count += 1 + Math.max(open, 0);
  });
  ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: items[0], Last: items[items.length - 1], Count: count }));
  out.catalog.set(PDFName.of('Outlines'), rootRef);
}

function writeNames(out: PDFDocument, dests: [PDFString, PDFObject][]): void {
  if (!dests.length) return;
  const seen = new Set<string>();
  const sorted = dests
    .map(([name, value]) => ({ key: name.decodeText(), name, value }))
    .filter((d) => !seen.has(d.key) && seen.add(d.key))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ctx = out.context;
  const names = ctx.obj(sorted.flatMap((d) => [d.name, d.value]));
  out.catalog.set(PDFName.of('Names'), ctx.obj({ Dests: ctx.obj({ Names: names }) }));
}

function writeForm(out: PDFDocument, fields: PDFRef[]): void {
  const ctx = out.context;
  const fontRef = embedFieldFont(out);
  const acroForm = ctx.obj({
    Fields: fields,
    // Only the embedded font in the form's resources; viewers draw the typed text themselves.
    DR: ctx.obj({ Font: ctx.obj({ [FIELD_FONT]: fontRef }) }),
    DA: PDFString.of(`/${FIELD_FONT} 0 Tf 0 g`),
    NeedAppearances: PDFBool.True,
  });
  out.catalog.set(PDFName.of('AcroForm'), ctx.register(acroForm));
}

/** The running heads and folios from the furniture PDF (furniture.ts): the head drawn before the page's content, the folio after, as Artifacts. */
async function drawFurniture(out: PDFDocument, pages: PDFPage[], plan: PagePlan[], furniture: PDFDocument): Promise<void> {
  const source = furniture.getPages();
  const running = plan.flatMap((p, i) => (p.running ? [i] : []));
  // As form XObjects with their own resources, so no font names clash with the part's.
  const embedded = await out.embedPages(running.flatMap((i) => [source[2 * i], source[2 * i + 1]]));
  const ctx = out.context;
  running.forEach((i, k) => {
    const drawn = [embedded[2 * k], embedded[2 * k + 1]].map((e) => {
      const name = pages[i].node.newXObject('Furniture', e.ref);
      const ops = [PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]), pushGraphicsState(), drawObject(name), popGraphicsState(), PDFOperator.of(PDFOperatorNames.EndMarkedContent)];
      return ctx.register(ctx.contentStream(ops));
    });
    pages[i].node.wrapContentStreams(drawn[0], drawn[1]);
  });
}

function writeFacts(out: PDFDocument, facts: DocumentFacts): void {
  const date = new Date(`${facts.date}T00:00:00Z`);
  out.setTitle(facts.title, { showInWindowTitleBar: true });
  out.setAuthor(facts.author);
  out.setSubject(facts.subject);
  out.setKeywords([facts.keywords]);
  out.setCreator(facts.creator);
  out.setProducer(facts.producer);
  out.setCreationDate(date);
  out.setModificationDate(date);
  writeTaggedFacts(out, facts);
}
