// What the assembly takes from a laid-out part (a tagged PDF of its own), found once when the part is read: its pages
// and their annotations, its structure (top elements, parent-tree entries), its named destinations and top bookmarks,
// and its accent colour space, with everything a document copies unchanged compiled for linking (link.ts).
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  type PDFDocument,
  type PDFObject,
  PDFString,
} from '@cantoo/pdf-lib';
import { placeholderIndex } from '../../../compose/read-only-values.js';
import { compileAll, detached, heldBytes, linkable, linkableBytes, type Compiled, type Linkable } from './link.js';
import { partAccentSpace } from './accent.js';
import { partFonts, type PartFont } from './shared-fonts.js';

export interface PartLink {
  linkable: Linkable;
  pages: PDFRef[];
  /**
   * What each document makes its own (the pages, their resources when indirect, annotations, top bookmarks), copied out
   * of the parsed part: a part kept for linking holds no pdf-lib document.
   */
  own: Map<PDFRef, PDFDict>;
  /** Each page's annotations (links, form widgets). */
  annots: PDFRef[][];
  /** The part's Document element: its top elements' parent, which becomes the document's. */
  documentElement: PDFRef | undefined;
  /** The Document element's children. */
  top: PDFRef[];
  /** Parent-tree entries: the part's keys, and their values (an array of elements, or one element) compiled in order. */
  parentTree: { keys: number[]; values: Compiled };
  nextKey: number;
  /** Named destinations: their names, and their values compiled in order. */
  dests: { names: PDFString[]; values: Compiled };
  /** Top-level bookmarks (their children come with them). */
  outline: PDFRef[];
  accent: PDFRef | undefined;
  /**
   * Read-only fields laid out with a placeholder value (compose/read-only-values.ts), each a field dictionary the
   * document makes its own (in `own`) to write its value in: the k-th of the part's values is `index` k.
   */
  bound: { ref: PDFRef; index: number }[];
  /** Fonts drawn by glyph id: the document embeds one subset of each instead (shared-fonts.ts). */
  fonts: PartFont[];
  /** The bytes it holds in memory, about. */
  bytes: number;
}

const K = PDFName.of('K');
const PARENT = PDFName.of('Parent');
const RESOURCES = PDFName.of('Resources');
const ANNOTS = PDFName.of('Annots');
const V = PDFName.of('V');
/** What links a top bookmark to its part's outline, made again by the document. */
const OUTLINE_LINKS = ['Parent', 'Prev', 'Next'].map((k) => PDFName.of(k));

/** The entries of a PDF's named-destination tree (/Names /Dests), leaves in order. */
export function destEntries(pdf: PDFDocument): [PDFString, PDFObject][] {
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

/** A dictionary's values but those under `skip`. */
function valuesOf(dict: PDFDict, skip: PDFName[] = []): PDFObject[] {
  return dict.entries().flatMap(([k, v]) => (skip.includes(k) ? [] : [v]));
}

export function partLink(pdf: PDFDocument): PartLink {
  const ctx = pdf.context;
  const pages = pdf.getPages().map((p) => p.ref);
  const stop = new Set<PDFRef>([ctx.trailerInfo.Root as PDFRef]);
  const own = new Set<PDFRef>();
  const seeds: PDFObject[] = [];
  const annots: PDFRef[][] = [];
  const bound: PartLink['bound'] = [];
  for (const ref of pages) {
    own.add(ref);
    const page = ctx.lookup(ref, PDFDict);
    for (let parent = page.get(PARENT); parent instanceof PDFRef; parent = ctx.lookup(parent, PDFDict).get(PARENT))
      stop.add(parent);
    seeds.push(...valuesOf(page, [PARENT, RESOURCES, ANNOTS]));
    // A page's resources are its own in each document (the furniture is added to them).
    const resources = page.get(RESOURCES);
    if (resources instanceof PDFRef) own.add(resources);
    seeds.push(...valuesOf(page.lookup(RESOURCES, PDFDict)));
    const list = page.lookupMaybe(ANNOTS, PDFArray);
    const refs = list ? (list.asArray() as PDFRef[]) : [];
    for (const a of refs) {
      own.add(a);
      const annot = ctx.lookup(a, PDFDict);
      seeds.push(...valuesOf(annot));
      // A widget's field with a placeholder value: the document's own, with its value.
      const field = annot.get(PARENT);
      if (!(field instanceof PDFRef) || own.has(field)) continue;
      const dict = ctx.lookup(field, PDFDict);
      const value = dict.lookup(V);
      const text = value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : undefined;
      const index = text === undefined ? undefined : placeholderIndex(text);
      if (index === undefined) continue;
      own.add(field);
      seeds.push(...valuesOf(dict));
      bound.push({ ref: field, index });
    }
    annots.push(refs);
  }

  const rootRef = pdf.catalog.get(PDFName.of('StructTreeRoot'));
  let documentElement: PDFRef | undefined;
  let top: PDFRef[] = [];
  const parentTree: [number, PDFObject][] = [];
  let nextKey = 0;
  if (rootRef instanceof PDFRef) {
    stop.add(rootRef);
    const root = ctx.lookup(rootRef, PDFDict);
    documentElement = root.get(K) as PDFRef;
    stop.add(documentElement);
    top = ctx.lookup(documentElement, PDFDict).lookup(K, PDFArray).asArray() as PDFRef[];
    seeds.push(...top);
    const nums = root.lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray);
    for (let i = 0; i < nums.size(); i += 2) parentTree.push([nums.lookup(i, PDFNumber).asNumber(), nums.get(i + 1)]);
    seeds.push(...parentTree.map(([, v]) => v));
    nextKey = root.lookup(PDFName.of('ParentTreeNextKey'), PDFNumber).asNumber();
  }

  const dests = destEntries(pdf);
  seeds.push(...dests.map(([, v]) => v));
  const outlineRoot = pdf.catalog.get(PDFName.of('Outlines'));
  const outline: PDFRef[] = [];
  if (outlineRoot instanceof PDFRef) {
    stop.add(outlineRoot);
    for (
      let ref = ctx.lookup(outlineRoot, PDFDict).get(PDFName.of('First'));
      ref instanceof PDFRef;
      ref = ctx.lookup(ref, PDFDict).get(PDFName.of('Next'))
    )
      outline.push(ref);
    for (const ref of outline) {
      own.add(ref);
      seeds.push(...valuesOf(ctx.lookup(ref, PDFDict), OUTLINE_LINKS));
    }
  }
  const accent = partAccentSpace(pdf);
  if (accent) stop.add(accent);
  const fonts = partFonts(
    pdf,
    pages.map((ref) => ctx.lookup(ref, PDFDict).lookupMaybe(RESOURCES, PDFDict)),
  );
  for (const f of fonts) stop.add(f.ref);

  const spare = PDFContext.create();
  const ownObjects = new Map<PDFRef, PDFDict>();
  for (const ref of own) ownObjects.set(ref, detached(ctx.lookup(ref, PDFDict), spare));
  const linked = linkable(pdf, seeds, own, stop);
  const compiledTree = { keys: parentTree.map(([k]) => k), values: compileAll(parentTree.map(([, v]) => v)) };
  const compiledDests = { names: dests.map(([n]) => n), values: compileAll(dests.map(([, v]) => v)) };
  const bytes =
    linkableBytes(linked) +
    [...ownObjects.values()].reduce((n, d) => n + heldBytes(d), 0) +
    fonts.reduce((n, f) => n + f.bytes, 0) +
    compiledTree.values.size +
    8 * compiledTree.keys.length +
    compiledDests.values.size +
    100 * compiledDests.names.length;
  return {
    linkable: linked,
    pages,
    own: ownObjects,
    annots,
    documentElement,
    top,
    parentTree: compiledTree,
    nextKey,
    dests: compiledDests,
    outline,
    accent,
    bound,
    fonts,
    bytes,
  };
}

/** The furniture PDF's pages that a document draws (two per running page: head, folio), as form XObjects to be. */
export interface FurnitureLink {
  linkable: Linkable;
  /** By furniture page index: its one content stream, which becomes the form XObject. */
  contents: Map<number, PDFRef>;
  pdf: PDFDocument;
  fonts: PartFont[];
}

export function furnitureLink(pdf: PDFDocument, used: number[]): FurnitureLink {
  const pages = pdf.getPages();
  const contents = new Map<number, PDFRef>();
  const seeds: PDFObject[] = [];
  for (const i of used) {
    const c = pages[i].node.get(PDFName.of('Contents'));
    if (!(c instanceof PDFRef)) throw new Error('a furniture page has more than one content stream');
    contents.set(i, c);
    seeds.push(c, pages[i].node.get(RESOURCES)!);
  }
  const fonts = partFonts(
    pdf,
    used.map((i) => pages[i].node.lookupMaybe(RESOURCES, PDFDict)),
  );
  return {
    linkable: linkable(pdf, seeds, new Set(contents.values()), new Set(fonts.map((f) => f.ref))),
    contents,
    pdf,
    fonts,
  };
}
