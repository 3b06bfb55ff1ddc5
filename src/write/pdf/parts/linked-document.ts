// The file of a document assembled from parts, linked (link.ts) rather than copied and saved whole by pdf-lib: the
// parts' unchanged objects are written from their compiled bytes, renumbered; what the document makes is made here:
// its pages (each part page with the document's page tree, gutter, furniture and structure keys), their annotations,
// one structure tree (the parts' top elements under one Document element, one parent tree with the parts' keys after
// each other), one outline, the named destinations, the form, and the document's metadata.
import { createHash } from 'node:crypto';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFContext,
} from '@cantoo/pdf-lib';
import type { Document } from '../../../compose/tree.js';
import type { PagePlan } from '../running.js';
import { GUTTER_SHIFT, PAGE_SIZES } from '../theme.js';
import { embedFieldFont, FIELD_FONT } from '../tagging/field-font.js';
import { factsOf, writeTaggedFacts, type DocumentFacts } from '../tagging/write.js';
import { accentSpace } from './accent.js';
import { compile, latin1, Linked, relocated, relocation, writeFile, type Piece } from './link.js';
import { furnitureDrawings } from './furniture.js';
import { furnitureLink, type PartLink } from './part-link.js';
import { DocumentFonts, type KeptSubset } from './shared-fonts.js';
import type { KeptStore } from '../../context.js';

export interface LinkedPart {
  link: PartLink;
  blankBefore: boolean;
  /** The document's values of the part's read-only fields (compose/read-only-values.ts), in order. */
  values: string[];
}

const name = (s: string) => PDFName.of(s);
/** What links a bookmark to its neighbours, made again by the document. */
const OUTLINE_LINKS = ['Parent', 'Prev', 'Next'].map(name);

/** Object numbers for `count` objects linked from a part: base + 1 … base + count. */
function reserve(ctx: PDFContext, count: number): number {
  const base = ctx.largestObjectNumber;
  ctx.largestObjectNumber += count;
  return base;
}

/** The head and folio of a running page, each drawn as an Artifact: the same two streams on every page. */
const HEAD = 'FurnitureHead';
const FOOT = 'FurnitureFoot';
const drawing = (xobject: string) => `/Artifact BMC\nq\n/${xobject} Do\nQ\nEMC\n`;

export async function linkDocument(
  doc: Document,
  parts: LinkedPart[],
  pad: number,
  plan: PagePlan[],
  landscape: boolean[],
  furniturePdf: PDFDocument,
  subsets?: Map<string, KeptSubset>,
  store?: KeptStore | null,
): Promise<{ bytes: Uint8Array; subsets: { reused: number; made: number } }> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const ctx = out.context;
  const linked = new Linked();
  const pagesRef = out.catalog.get(name('Pages')) as PDFRef;
  const documentRef = ctx.nextRef();
  const documentKids: PDFRef[] = [];
  let accent: PDFRef | undefined;
  const fonts = new DocumentFonts(ctx, subsets, store);

  const size = PAGE_SIZES[doc.page.size];
  const pageRefs: PDFRef[] = [];
  /** Each page's resources and annotations as the document has them (furniture and gutter change them). */
  const pageFacts: { dict: PDFDict; resources: PDFDict | null; annots: PDFDict[] }[] = [];
  const blank = () => {
    const dict = ctx.obj({ Type: 'Page', Parent: pagesRef, MediaBox: [0, 0, size.width, size.height], Resources: {} });
    pageRefs.push(ctx.register(dict));
    pageFacts.push({ dict, resources: null, annots: [] });
  };
  const treeEntries: (string | Piece)[] = [];
  let nextKey = 0;
  const dests: { key: string; name: PDFString; piece: Piece }[] = [];
  const outline: PDFRef[] = [];
  const fields = new Set<number>();

  for (const part of parts) {
    if (part.blankBefore) blank();
    const { link } = part;
    const own = (ref: PDFRef) => link.own.get(ref)!;
    const base = reserve(ctx, link.linkable.numbered.length);
    const outside = new Map<number, number>();
    if (link.documentElement) outside.set(link.documentElement.objectNumber, documentRef.objectNumber);
    if (link.accent) outside.set(link.accent.objectNumber, (accent ??= accentSpace(ctx, doc.accent)).objectNumber);
    for (const f of link.fonts) outside.set(f.ref.objectNumber, fonts.refFor(f).objectNumber);
    const move = relocation(link.linkable, base, outside);
    const at = (ref: PDFRef) => PDFRef.of(move(ref.objectNumber));
    const { compiled, compiledNumbers } = link.linkable;
    linked.addSet(compiled, move, compiledNumbers.map(move));

    // Parent-tree keys: the part's, after the parts' before it.
    const offset = nextKey;
    link.pages.forEach((ref, i) => {
      const original = own(ref);
      const dict = relocated(original, move, ctx, [name('Parent')]);
      dict.set(name('Parent'), pagesRef);
      shiftKey(dict, 'StructParents', offset);
      const resourcesRef = original.get(name('Resources'));
      let resources: PDFDict;
      if (resourcesRef instanceof PDFRef) {
        resources = relocated(own(resourcesRef), move, ctx);
        ctx.assign(at(resourcesRef), resources);
      } else resources = dict.lookup(name('Resources'), PDFDict);
      const annots = link.annots[i].map((a) => {
        const annot = relocated(own(a), move, ctx);
        shiftKey(annot, 'StructParent', offset);
        ctx.assign(at(a), annot);
        if (annot.get(name('Subtype')) === name('Widget')) {
          const parent = annot.get(name('Parent'));
          fields.add(parent instanceof PDFRef ? parent.objectNumber : move(a.objectNumber));
        }
        return annot;
      });
      ctx.assign(at(ref), dict);
      pageRefs.push(at(ref));
      pageFacts.push({ dict, resources, annots });
    });
    link.parentTree.keys.forEach((key, index) =>
      treeEntries.push(`${key + offset} `, { set: link.parentTree.values, index, move }, ' '),
    );
    nextKey += link.nextKey;
    documentKids.push(...link.top.map(at));
    link.dests.names.forEach((n, index) =>
      dests.push({ key: n.decodeText(), name: n, piece: { set: link.dests.values, index, move } }),
    );
    // The read-only fields' values, as pdf-lib's setText writes them (a text string: PDFDocEncoding or UTF-16).
    for (const { ref, index } of link.bound) {
      const value = part.values[index];
      if (value === undefined) throw new Error(`a part's read-only field ${index + 1} has no value in the document`);
      const field = relocated(own(ref), move, ctx);
      field.set(name('V'), PDFHexString.fromText(value));
      ctx.assign(at(ref), field);
    }
    for (const ref of link.outline) {
      const item = relocated(own(ref), move, ctx, OUTLINE_LINKS);
      ctx.assign(at(ref), item);
      outline.push(at(ref));
    }
  }
  for (let i = 0; i < pad; i++) blank();

  // Streams every page shares: saving and restoring the graphics state (a part's page content leaves its own).
  const push = ctx.register(ctx.stream('q\n'));
  const pop = ctx.register(ctx.stream('Q\n'));
  drawFurniture(ctx, doc, pageFacts, plan, landscape, furniturePdf, linked, push, pop, fonts);
  // Two-sided: the binding gutter, on the body's portrait pages (not the cover, a letter, or a landscape map).
  if (doc.page.twoSided) {
    const starts = new Map<number, PDFRef>();
    plan.forEach((pp, i) => {
      if (!pp.running || landscape[i]) return;
      const dx = (i + 1) % 2 === 1 ? GUTTER_SHIFT : -GUTTER_SHIFT;
      if (!starts.has(dx)) starts.set(dx, ctx.register(ctx.stream(`q\n1 0 0 1 ${dx} 0 cm\n`)));
      wrapContents(ctx, pageFacts[i].dict, starts.get(dx)!, pop);
      for (const annot of pageFacts[i].annots) {
        const rect = annot.lookupMaybe(name('Rect'), PDFArray);
        if (rect) for (const k of [0, 2]) rect.set(k, PDFNumber.of(rect.lookup(k, PDFNumber).asNumber() + dx));
      }
    });
  }

  const pageTree = ctx.lookup(pagesRef, PDFDict);
  pageTree.set(name('Kids'), ctx.obj(pageRefs));
  pageTree.set(name('Count'), PDFNumber.of(pageRefs.length));

  // One structure tree: the parts' top elements under one Document element, one parent tree (in the root itself, as
  // pdf-lib writes it: the mail merge changes it in place, and an incremental update then carries the root).
  const rootRef = PDFRef.of(reserve(ctx, 1) + 1);
  linked.set(rootRef.objectNumber, [
    latin1(`<</Type /StructTreeRoot /K ${documentRef.objectNumber} 0 R /ParentTree <</Nums [`),
    ...treeEntries.map((e) => (typeof e === 'string' ? latin1(e) : e)),
    latin1(`]>> /ParentTreeNextKey ${nextKey}>>`),
  ]);
  ctx.assign(documentRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: documentKids }));
  out.catalog.set(name('StructTreeRoot'), rootRef);

  writeNames(ctx, out, dests, linked);
  writeOutline(ctx, out, outline);
  if (fields.size)
    writeForm(
      out,
      [...fields].map((n) => PDFRef.of(n)),
    );
  fonts.write();
  writeFacts(out, factsOf(doc.meta));
  return { bytes: writeFile(ctx, linked), subsets: fonts.counts };
}

function shiftKey(dict: PDFDict, key: string, by: number): void {
  const n = dict.lookupMaybe(name(key), PDFNumber);
  if (n) dict.set(name(key), PDFNumber.of(n.asNumber() + by));
}

/** A page's content between `before` and `after`. */
function wrapContents(ctx: PDFContext, page: PDFDict, before: PDFRef, after: PDFRef): void {
  const contents = page.get(name('Contents'));
  const list = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  page.set(name('Contents'), ctx.obj([before, ...list, after]));
}

/**
 * The running heads and folios from the furniture PDF (furniture.ts, a page for each distinct drawing): on each running
 * page, the head drawn before the page's content and the folio after it, as Artifacts; each a form XObject with its own
 * resources, so no font names clash with the part's.
 */
function drawFurniture(
  ctx: PDFContext,
  doc: Document,
  pages: { dict: PDFDict; resources: PDFDict | null }[],
  plan: PagePlan[],
  landscape: boolean[],
  furniture: PDFDocument,
  linked: Linked,
  push: PDFRef,
  pop: PDFRef,
  fonts: DocumentFonts,
): void {
  const running = plan.flatMap((p, i) => (p.running ? [i] : []));
  if (!running.length) return;
  const src = furniture.context;
  const sourcePages = furniture.getPages();
  const { head: headOf, foot: footOf } = furnitureDrawings(doc, plan, landscape);
  // Each distinct drawing is one XObject (two drawings may come out the same: a head without a chapter's).
  const first = new Map<string, number>();
  const drawnAs = new Map<number, number>();
  for (const k of running.flatMap((i) => [headOf[i], footOf[i]])) {
    if (drawnAs.has(k)) continue;
    const node = sourcePages[k].node;
    const resources = compile(src.lookup(node.get(name('Resources')) as PDFRef) as PDFDict);
    const key = createHash('sha256')
      .update((src.lookup(node.get(name('Contents')) as PDFRef) as PDFRawStream).getContents())
      .update(resources.data)
      .update(resources.holeRef.join(' '))
      .digest('hex');
    if (!first.has(key)) first.set(key, k);
    drawnAs.set(k, first.get(key)!);
  }
  const link = furnitureLink(furniture, [...first.values()]);
  const move = relocation(
    link.linkable,
    reserve(ctx, link.linkable.numbered.length),
    new Map(link.fonts.map((f) => [f.ref.objectNumber, fonts.refFor(f).objectNumber])),
  );
  const { compiled, compiledNumbers } = link.linkable;
  linked.addSet(compiled, move, compiledNumbers.map(move));
  const xobjects = new Map<number, PDFRef>();
  for (const k of first.values()) {
    const ref = link.contents.get(k)!;
    const stream = src.lookup(ref) as PDFRawStream;
    const page = sourcePages[k];
    const dict = relocated(stream.dict, move, ctx);
    const { width, height } = page.getSize();
    dict.set(name('Type'), name('XObject'));
    dict.set(name('Subtype'), name('Form'));
    dict.set(name('BBox'), ctx.obj([0, 0, width, height]));
    dict.set(name('Resources'), PDFRef.of(move((page.node.get(name('Resources')) as PDFRef).objectNumber)));
    // The page's content stream as it is (its filter and length), made a form XObject by its dictionary.
    const xobject = PDFRef.of(move(ref.objectNumber));
    linked.set(xobject.objectNumber, [
      { set: compile(PDFRawStream.of(dict, stream.getContents())), index: 0, move: (n: number) => n },
    ]);
    xobjects.set(k, xobject);
  }
  const head = ctx.register(ctx.stream(drawing(HEAD)));
  const foot = ctx.register(ctx.stream(drawing(FOOT)));
  for (const i of running) {
    const page = pages[i];
    let resources = page.resources;
    if (!resources) {
      resources = ctx.obj({});
      page.dict.set(name('Resources'), resources);
    }
    let xobjectDict = resources.lookupMaybe(name('XObject'), PDFDict);
    if (!xobjectDict) resources.set(name('XObject'), (xobjectDict = ctx.obj({})));
    xobjectDict.set(name(HEAD), xobjects.get(drawnAs.get(headOf[i])!)!);
    xobjectDict.set(name(FOOT), xobjects.get(drawnAs.get(footOf[i])!)!);
    // The page's content in a graphics state of its own (pdfkit's leaves its coordinates flipped), then the folio.
    wrapContents(ctx, page.dict, push, pop);
    wrapContents(ctx, page.dict, head, foot);
  }
}

function writeNames(
  ctx: PDFContext,
  out: PDFDocument,
  dests: { key: string; name: PDFString; piece: Piece }[],
  linked: Linked,
): void {
  if (!dests.length) return;
  const seen = new Set<string>();
  const sorted = dests
    .filter((d) => !seen.has(d.key) && seen.add(d.key))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const ref = PDFRef.of(reserve(ctx, 1) + 1);
  linked.set(ref.objectNumber, [
    latin1('<</Dests <</Names ['),
    ...sorted.flatMap((d) => [latin1(`${d.name.toString()} `), d.piece, latin1('\n')]),
    latin1(']>>\n>>'),
  ]);
  out.catalog.set(name('Names'), ref);
}

function writeOutline(ctx: PDFContext, out: PDFDocument, items: PDFRef[]): void {
  if (!items.length) return;
  const rootRef = ctx.nextRef();
  let count = 0;
  items.forEach((ref, i) => {
    const item = ctx.lookup(ref, PDFDict);
    item.set(name('Parent'), rootRef);
    if (i > 0) item.set(name('Prev'), items[i - 1]);
    if (i < items.length - 1) item.set(name('Next'), items[i + 1]);
    const open = item.lookupMaybe(name('Count'), PDFNumber)?.asNumber() ?? 0;
    count += 1 + Math.max(open, 0);
  });
  ctx.assign(rootRef, ctx.obj({ Type: 'Outlines', First: items[0], Last: items[items.length - 1], Count: count }));
  out.catalog.set(name('Outlines'), rootRef);
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
  out.catalog.set(name('AcroForm'), ctx.register(acroForm));
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
