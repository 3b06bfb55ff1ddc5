// Renders a document tree to a print-ready PDF with pdfmake: parts on new (right-hand) pages,
// running heads and folios on body pages, Impact Maps on landscape pages, then the gutter,
// form fields and bookmarks to their headings (finish.ts). Booklets and packets are put together
// from their parts, each laid out here alone (parts/assemble.ts); a personalized letter whole.
import { contentsEntries, type Block, type Chapter, type Document, type Part } from '../../compose/tree.js';
import { blockNodes, type BlockContext } from './blocks.js';
import { firstRowHeight } from './competency-table.js';
import { copyrightNodes, coverNodes } from './cover.js';
import { finishedDocument, finishPdf } from './finish.js';
import { fitImpactMaps, landscapeGeometry } from './fit.js';
import { FieldSpots } from './forms.js';
import type { Node } from './inline.js';
import { getPdfmake } from './pdfmake.js';
import { runningPages, type PageLog, type PartMarks } from './running.js';
import { DEFAULT_STYLE, GUTTER_SHIFT, PAGE_MARGINS, PAGE_SIZES, styles } from './theme.js';
import { CREATOR, factsOf, PRODUCER } from './tagging/write.js';
import { TagSession } from './tagging/session.js';
import { inSection, newTag } from './tagging/tags.js';
import { assemblePdf, type Writer } from './parts/assemble.js';
import { newRun, withRun } from './pdfmake-run.js';
import type { RenderContext } from '../context.js';
import { contentsNode } from './parts/contents.js';
import type { RenderedPdf, WholeOptions } from './rendered.js';

export type { RenderedPdf, WholeOptions };

function contextFor(doc: Document, chapterId: string, mapFonts: Map<string, number>, spots: FieldSpots): BlockContext {
  const size = PAGE_SIZES[doc.page.size];
  return {
    chapterId,
    accent: doc.accent,
    landscape: landscapeGeometry(doc),
    mapFonts,
    spots,
    contentWidth: size.width - PAGE_MARGINS[0] - PAGE_MARGINS[2],
  };
}

/** The parts' nodes in order, each part starting where its kind starts; and where each part is, for the running heads. */
function partNodes(
  doc: Document,
  mapFonts: Map<string, number>,
  spots: FieldSpots,
  opts: WholeOptions,
): { content: Node[]; marks: PartMarks[] } {
  const size = PAGE_SIZES[doc.page.size];
  // pdfmake counts pages from 0 here: 'beforeEven' starts on an even index, an odd (right-hand) page.
  const rightHand = doc.page.twoSided ? 'beforeEven' : 'before';
  const content: Node[] = [];
  const marks: PartMarks[] = [];
  doc.parts.forEach((part: Part, i) => {
    let nodes: Node[];
    let running = true;
    let chapter: Chapter | null = null;
    // The copyright page is the back of the cover; every other part starts on a right-hand page.
    const start: string = part.kind === 'copyright' ? 'before' : rightHand;
    switch (part.kind) {
      case 'cover':
        nodes = coverNodes(part, size.height, size.width);
        running = false;
        break;
      case 'copyright':
        nodes = copyrightNodes(part, contextFor(doc, '', mapFonts, spots));
        break;
      case 'contents':
        // Its entries' pages are known only once the other parts are laid out: a document with contents is assembled
        // from parts (parts/assemble.ts), which lays the contents out last, with them.
        if (!opts.contents)
          throw new Error(
            'a document with a contents part is assembled from parts (parts/assemble.ts), not laid out whole',
          );
        content.push(contentsNode(part, opts.contents));
        marks.push({
          chapter: null,
          first: content[content.length - 1],
          last: content[content.length - 1],
          running: true,
        });
        return;
      case 'chapter':
        chapter = part;
        nodes = part.blocks.flatMap((b: Block) => blockNodes(b, contextFor(doc, part.id, mapFonts, spots)));
        break;
      case 'loose':
        nodes = part.blocks.flatMap((b: Block) => blockNodes(b, contextFor(doc, '', mapFonts, spots)));
        running = false;
        break;
    }
    if (nodes.length === 0) return;
    // Each part is a section of the structure tree.
    inSection(nodes, newTag('Sect'));
    if (i > 0) nodes[0] = { ...nodes[0], pageBreak: start, pageOrientation: 'portrait' };
    marks.push({ chapter, first: nodes[0], last: nodes[nodes.length - 1], running });
    content.push(...nodes);
  });
  return { content, marks };
}

function docDefinition(
  doc: Document,
  padPages: number,
  mapFonts: Map<string, number>,
  spots: FieldSpots,
  log: PageLog,
  opts: WholeOptions,
): Node {
  const { content, marks } = partNodes(doc, mapFonts, spots, opts);
  // A part rendered alone carries no page furniture: the assembled document draws it (parts/furniture.ts).
  if (!opts.furniture) for (const m of marks) m.running = false;
  for (let i = 0; i < padPages; i++) content.push({ text: '', pageBreak: 'before' });
  const date = new Date(`${doc.meta.date}T00:00:00Z`);
  return {
    pageSize: doc.page.size,
    pageMargins: PAGE_MARGINS,
    language: doc.meta.language,
    info: {
      title: doc.meta.title,
      author: doc.meta.author,
      subject: doc.meta.subject,
      keywords: doc.meta.keywords,
      creator: CREATOR,
      producer: PRODUCER,
      creationDate: date,
      modDate: date,
    },
    defaultStyle: DEFAULT_STYLE,
    styles: styles(doc.accent),
    ...runningPages(doc, marks, log),
    content,
  };
}

/** Room a heading needs below it: before a Competency Detail table, its header and first row (kept whole). */
function roomAfterHeadings(doc: Document): Map<string, number> {
  const room = new Map<string, number>();
  for (const part of doc.parts) {
    if (part.kind !== 'chapter') continue;
    part.blocks.forEach((b, i) => {
      const next = part.blocks[i + 1];
      if (b.kind === 'heading' && next?.kind === 'table' && next.role === 'competencyDetail' && next.rows[0])
        room.set(b.id, Math.min(420, firstRowHeight(next.rows[0]) + 60));
    });
  }
  return room;
}

async function layout(
  doc: Document,
  padPages: number,
  mapFonts: Map<string, number>,
  opts: WholeOptions,
): Promise<{ bytes: Uint8Array; pages: number; spots: FieldSpots; log: PageLog; tags: TagSession }> {
  const roomAfter = roomAfterHeadings(doc);
  let pages = 0;
  const spots = new FieldSpots();
  const log: PageLog = { running: new Map() };
  const def = docDefinition(doc, padPages, mapFonts, spots, log, opts);
  const footer = def.footer;
  def.footer = (page: number, count: number, size: Node) => {
    pages = count;
    return footer(page, count, size);
  };
  // Keep a heading off the foot of a page (re-runs the layout, so only when it happens).
  def.pageBreakBefore = (node: Node, helpers: Node) => {
    if (!(node.headlineLevel > 1)) return false;
    // A heading too near the foot of a page for what must follow it (or the last thing on it)
    // goes to the next page with its text.
    const p = node.startPosition;
    const room = roomAfter.get(node.id);
    const nearFoot = room !== undefined && p && p.top > PAGE_MARGINS[1] + p.pageInnerHeight - room;
    return nearFoot || helpers.getFollowingNodesOnPage().length === 0;
  };
  // The document's own structure, carried by its own pdfmake run: nothing in a module another render could touch.
  const tags = new TagSession();
  const bytes: Uint8Array = await getPdfmake()
    .createPdf(withRun(def, newRun(tags)))
    .getBuffer();
  return { bytes, pages, spots, log, tags };
}

/** The tree's bookmarks in order: what the contents list, in every part (loose pages' forms too). */
function bookmarkIds(doc: Document): string[] {
  return contentsEntries(
    doc.parts.flatMap((p) => (p.kind === 'chapter' || p.kind === 'loose' || p.kind === 'copyright' ? p.blocks : [])),
  ).map((e) => e.id);
}

/**
 * The PDF writer: a document tree to the bytes of a tagged PDF. Booklets and packets are assembled from their parts,
 * each laid out once per run (parts/assemble.ts, kept in `ctx`); a personalized letter is one small part of its own,
 * laid out whole. Two renders in one thread share nothing but `ctx`, whose entries are by content: they may interleave.
 */
export function writePdf(doc: Document, ctx: RenderContext): Promise<RenderedPdf> {
  return doc.kind === 'personal' ? renderWhole(doc, ctx, { furniture: true }) : assemblePdf(doc, ctx, writerFor(ctx));
}

const notesOf = (doc: Document) => (blocks: Block[]) =>
  blocks.flatMap((b) => blockNodes(b, contextFor(doc, '', new Map(), new FieldSpots())));

/** What the assembly of parts uses of this writer. */
function writerFor(ctx: RenderContext): Writer {
  return {
    whole: (doc, opts) => renderWhole(doc, ctx, opts),
    mapFonts: (doc, memory) => fitImpactMaps(doc, notesOf(doc), ctx.fittedMaps, memory),
    nodes: (doc, part, mapFonts) => {
      if (part.kind === 'chapter')
        return part.blocks.flatMap((b) => blockNodes(b, contextFor(doc, part.id, mapFonts, new FieldSpots())));
      if (part.kind === 'loose' || part.kind === 'copyright')
        return part.blocks.flatMap((b) => blockNodes(b, contextFor(doc, '', mapFonts, new FieldSpots())));
      return [];
    },
  };
}

/** Lays out and draws a whole document in one pdfmake run, then finishes it (fields, bookmarks, structure). */
export async function renderWhole(doc: Document, ctx: RenderContext, opts: WholeOptions): Promise<RenderedPdf> {
  const mapFonts = opts.mapFonts ?? (await fitImpactMaps(doc, notesOf(doc), ctx.fittedMaps));
  let result = await layout(doc, 0, mapFonts, opts);
  if (doc.page.padToMultipleOf4 && result.pages % 4 !== 0)
    result = await layout(doc, 4 - (result.pages % 4), mapFonts, opts);
  // Two-sided: the binding gutter, on the body's portrait pages (not the cover, a letter, or a landscape map).
  const shift = new Map<number, number>();
  if (doc.page.twoSided) {
    for (const [page, orientation] of result.log.running)
      if (orientation === 'portrait') shift.set(page, page % 2 === 1 ? GUTTER_SHIFT : -GUTTER_SHIFT);
  }
  const facts = factsOf(doc.meta);
  const tagging = { session: result.tags, facts };
  const finish = { spots: result.spots.spots, shift, bookmarks: bookmarkIds(doc), tagging };
  if (opts.unsaved)
    return { bytes: new Uint8Array(), pages: result.pages, pdf: await finishedDocument(result.bytes, finish) };
  return { bytes: await finishPdf(result.bytes, finish), pages: result.pages };
}
