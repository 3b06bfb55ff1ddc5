// Renders a composed Publication to a print-ready PDF with pdfmake.
import type { Chapter, DocBlock, Letter, Publication } from '../../compose/document.js';
import { finishPdf } from './acroform.js';
import { checklistNodes, FieldSpots, formNodes, logNodes } from './forms.js';
import { competencyTable, firstRowHeight } from './competency-table.js';
import { candidateFontSizes, impactMapNodes, SPREAD_FONT_SIZE, type MapGeometry } from './impact-map.js';
import { bulletList, orderedList, runs, type Node } from './inline.js';
import { getPdfmake } from './pdfmake.js';
import { addressNode } from './address.js';
import { scriptInlines, scriptText } from './scripts.js';
import { GUTTER_SHIFT, INK, LANDSCAPE_MARGINS, MUTED, PAGE_MARGINS, PAGE_SIZES, RULE, styles } from './theme.js';

export interface RenderedPdf {
  bytes: Uint8Array;
  pages: number;
}

/**
 * Pages are known only after layout, and pdfmake lays out content before it calls the
 * header and footer functions: so we keep the first and last node of each part and read
 * the pages pdfmake wrote onto them (`positions`) when the headers are drawn.
 */
interface PartMarks {
  chapter: Chapter | null;
  first: Node;
  last: Node;
  /** Whether its pages carry the running header and footer (not the cover or a letter). */
  running: boolean;
}

interface RenderContext {
  pub: Publication;
  chapter: Chapter;
  landscape: MapGeometry;
  mapFonts: Map<string, number>;
  spots: FieldSpots;
  contentWidth: number;
}

/** Positions of a node and of everything inside it (a table's cells, a stack's items). */
function allPositions(node: Node): Node[] {
  if (!node || typeof node !== 'object') return [];
  const inner = [...(node.stack ?? []), ...(node.table?.body ?? []).flat(), ...(node.ul ?? []), ...(node.ol ?? [])];
  return [...(node.positions ?? []), ...inner.flatMap(allPositions)];
}

function pageOf(node: Node, which: 'first' | 'last'): number {
  const own = node.positions ?? [];
  const positions = which === 'first' && own.length ? own : allPositions(node).sort((a: Node, b: Node) => a.pageNumber - b.pageNumber);
  const p = which === 'first' ? positions[0] : positions[positions.length - 1];
  return p?.pageNumber ?? 0;
}

const tocMargins = { 1: [0, 9, 0, 1], 2: [12, 1, 0, 1], 3: [24, 1, 0, 1] } as const;

function headingNode(b: Extract<DocBlock, { kind: 'heading' }>, chapterId: string): Node {
  const node: Node = { text: b.text, style: `h${b.level}`, id: b.id, headlineLevel: b.level };
  if (b.toc) Object.assign(node, { tocItem: true, tocStyle: `toc${b.level}`, tocMargin: tocMargins[b.level] });
  if (b.level <= 2 && b.toc) Object.assign(node, { outline: true, outlineId: b.id, ...(b.id !== chapterId ? { outlineParentId: chapterId } : {}) });
  return node;
}

function blockNodes(b: DocBlock, ctx: RenderContext): Node[] {
  const { chapter, pub, landscape, mapFonts } = ctx;
  switch (b.kind) {
    case 'heading':
      return [headingNode(b, chapter.id)];
    case 'paragraph':
      return [{ text: runs(b.text), style: b.style === 'lines' ? 'body' : b.style }];
    case 'list':
      return [b.ordered ? orderedList(b.items, b.start) : bulletList(b.items)];
    case 'table':
      return [
        {
          table: {
            headerRows: 1,
            keepWithHeaderRows: 1,
            dontBreakRows: true,
            widths: b.header.map((_, i) => (i === 0 ? 140 : '*')),
            body: [b.header.map((c) => ({ text: runs(c), style: 'tableHeader', fillColor: '#e8eef4' })), ...b.rows.map((r) => r.map((c) => ({ text: runs(c) })))],
          },
          layout: { hLineColor: () => RULE, vLineColor: () => RULE, hLineWidth: () => 0.75, vLineWidth: () => 0.75, paddingLeft: () => 6, paddingRight: () => 6, paddingTop: () => 4, paddingBottom: () => 4 },
          margin: [0, 4, 0, 10],
        },
      ];
    case 'competencyTable':
      return [competencyTable(b.areas, chapter.id)];
    case 'impactMap':
      return impactMapNodes(b.title, b.map, pub.cover.color, b.map.id, chapter.id, landscape, mapFonts.get(b.map.id));
    case 'glossary':
      // An entry is never split across pages.
      return b.entries.map((e) => ({ stack: [{ text: [{ text: e.term, style: 'glossTerm' }, { text: ': ' }, ...runs(e.definition)], style: 'body', id: e.id }], unbreakable: true }));
    case 'checklist':
      return checklistNodes(b.id, b.items, ctx.spots);
    case 'form':
      return formNodes(b.form, ctx.contentWidth, ctx.spots);
    case 'log':
      return logNodes(b.log, ctx.contentWidth, ctx.spots);
    case 'letter':
      return letterNodes(b.letter, pub);
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' }];
  }
}

/** A letter; the address block sits where a #10 window envelope shows it (0.875 in, 2 in). */
function letterNodes(letter: Letter, pub: Publication): Node[] {
  const nodes: Node[] = [
    { text: pub.cover.association, font: 'Sans', bold: true, fontSize: 12, color: pub.cover.color },
    { text: letter.date, margin: [0, 8, 0, 0] },
  ];
  if (letter.address.length) nodes.push(addressNode(letter.address));
  // Names may be in any script: the texts that carry them get the fonts they need.
  const pdfmake = getPdfmake();
  nodes.push(
    // Below the window: the fold of a letter in thirds is at 3.67 in.
    { text: scriptText(letter.salutation, pdfmake), margin: [0, letter.address.length ? 150 : 24, 0, 10] },
    ...letter.paragraphs.map((p) => ({ text: scriptInlines(p, pdfmake), style: 'body', margin: [0, 0, 0, 9] })),
    ...letter.closing.map((c, i) => ({ text: scriptText(c, pdfmake), margin: [0, i === 0 ? 10 : 0, 0, i === 0 ? 28 : 0] })),
  );
  return nodes;
}

function coverNodes(pub: Publication, pageHeight: number, pageWidth: number): Node[] {
  const c = pub.cover;
  return [
    {
      // The colour band is drawn with the cover (not as a page background), so the cover may be on any page.
      stack: [
        { canvas: [{ type: 'rect', x: 0, y: 0, w: pageWidth, h: pageHeight * 0.62, color: c.color }], absolutePosition: { x: 0, y: 0 } },
        { text: c.association, font: 'Sans', fontSize: 15, bold: true, color: 'white', margin: [0, 40, 0, 0] },
        // The logo on a white tile, so any logo reads on any band colour.
        ...(c.logo
          ? [
              { canvas: [{ type: 'rect', x: 0, y: 0, w: 96, h: 96, r: 6, color: 'white' }], absolutePosition: { x: pageWidth - PAGE_MARGINS[2] - 96, y: 40 } },
              { image: `data:image/${c.logo.type === 'png' ? 'png' : 'jpeg'};base64,${Buffer.from(c.logo.bytes).toString('base64')}`, fit: [80, 80], absolutePosition: { x: pageWidth - PAGE_MARGINS[2] - 88, y: 48 } },
            ]
          : []),
      ],
    },
    { text: c.title, font: 'Sans', fontSize: 40, bold: true, color: 'white', lineHeight: 1.05, margin: [0, 120, 0, 10] },
    ...(c.subtitle ? [{ text: c.subtitle, fontSize: 14, italics: true, color: 'white', margin: [0, 0, 0, 10] }] : []),
    ...(c.editionLine ? [{ text: c.editionLine, font: 'Sans', fontSize: 12, color: 'white', margin: [0, 8, 0, 0] }] : []),
    // Below the band at a fixed place, whatever the length of the title above.
    {
      stack: [
        { text: c.levelsLine, font: 'Sans', fontSize: 13, color: INK, margin: [0, 0, 0, 4] },
        { text: c.dateLine, font: 'Sans', fontSize: 11, color: MUTED },
      ],
      absolutePosition: { x: PAGE_MARGINS[0], y: pageHeight * 0.62 + 36 },
    },
  ];
}

function copyrightNodes(pub: Publication): Node[] {
  const notice = pub.copyrightPage.notice;
  const nodes: Node[] = [];
  if (notice) {
    nodes.push({ text: notice.title, style: 'h3', margin: [0, 380, 0, 6] });
    for (const b of notice.blocks) if (b.kind === 'paragraph') nodes.push({ text: runs(b.text), fontSize: 9, margin: [0, 0, 0, 6] });
  }
  for (const line of pub.copyrightPage.lines) nodes.push({ text: line, fontSize: 9, margin: [0, 0, 0, 4] });
  nodes.push({ text: `${pub.cover.association} (${pub.cover.abbreviation}) · ${pub.cover.dateLine}`, fontSize: 9, color: MUTED, margin: [0, 10, 0, 0] });
  nodes[0].pageBreak = 'before';
  return nodes;
}

function landscapeGeometry(pub: Publication): MapGeometry {
  const size = PAGE_SIZES[pub.page.size];
  return { usableWidth: size.height - LANDSCAPE_MARGINS[0] - LANDSCAPE_MARGINS[2], usableHeight: size.width - LANDSCAPE_MARGINS[1] - LANDSCAPE_MARGINS[3] };
}

/** Pages with a running header (the body of the document), and which of them are portrait. */
interface PageLog {
  running: Map<number, 'portrait' | 'landscape'>;
}

function docDefinition(pub: Publication, padPages: number, mapFonts: Map<string, number>, spots: FieldSpots, log: PageLog): Node {
  const landscape = landscapeGeometry(pub);
  const size = PAGE_SIZES[pub.page.size];
  const contentWidth = size.width - PAGE_MARGINS[0] - PAGE_MARGINS[2];
  // pdfmake counts pages from 0 here: 'beforeEven' starts on an even index, an odd (right-hand) page.
  const newPage = pub.page.twoSided ? 'beforeEven' : 'before';
  const marks: PartMarks[] = [];
  const content: Node[] = [];
  const part = (nodes: Node[], chapter: Chapter | null, running: boolean, last: Node = nodes[nodes.length - 1]) => {
    marks.push({ chapter, first: nodes[0], last, running });
    content.push(...nodes);
  };
  const cover = coverNodes(pub, size.height, size.width);
  if (pub.frontLetter) {
    part(letterNodes(pub.frontLetter, pub), null, false);
    // The letter is one page; two-sided, its back stays blank and the cover is a right-hand page.
    if (pub.page.twoSided) content.push({ text: ' ', pageBreak: 'before' });
    cover[0].pageBreak = 'before';
  }
  part(cover, null, false);
  part(copyrightNodes(pub), null, true);
  const toc = { toc: { title: { text: pub.tocTitle, style: 'tocTitle' }, numberStyle: { fontSize: 10 } }, pageBreak: newPage, pageOrientation: 'portrait' };
  // The TOC's rows are laid out in a table pdfmake builds inside the toc node.
  const tocRows = { get positions() { return (toc.toc as Node)._table?.positions ?? []; } };
  marks.push({ chapter: null, first: tocRows, last: tocRows, running: true });
  content.push(toc);
  for (const chapter of pub.chapters) {
    const ctx: RenderContext = { pub, chapter, landscape, mapFonts, spots, contentWidth };
    const nodes = chapter.blocks.flatMap((b) => blockNodes(b, ctx));
    Object.assign(nodes[0], { pageBreak: newPage, pageOrientation: 'portrait' });
    part(nodes, chapter, true);
  }
  for (let i = 0; i < padPages; i++) content.push({ text: '', pageBreak: 'before' });

  const chapterAt = (page: number) => {
    let found: Chapter | null = null;
    const all = rangesOf();
    for (let i = 0; i < all.length; i++) if (all[i].from <= page) found = marks[i].chapter;
    return found;
  };
  // Blank pages (before a right-hand start, or padding), the cover and a letter carry no header or footer.
  // Read once, when the first header is drawn (the layout is done by then).
  let ranges: { from: number; to: number; running: boolean }[] | null = null;
  const rangesOf = () => (ranges ??= marks.map((m) => ({ from: pageOf(m.first, 'first'), to: pageOf(m.last, 'last'), running: m.running })));
  const isRunning = (page: number) => {
    if (page === 1) ranges = null; // headers are drawn from page 1 again when pdfmake re-runs the layout
    return rangesOf().some((r) => r.running && r.from <= page && page <= r.to);
  };
  const outside = (page: number) => (pub.page.twoSided && page % 2 === 0 ? 'left' : 'right');
  const inside = (page: number) => (outside(page) === 'left' ? 'right' : 'left');
  const mirrored = (page: number, a: Node, b: Node) => (outside(page) === 'right' ? [a, b] : [b, a]);

  return {
    pageSize: pub.page.size,
    pageMargins: PAGE_MARGINS,
    language: pub.meta.language,
    info: {
      title: pub.meta.title,
      author: pub.meta.author,
      subject: pub.meta.subject,
      keywords: pub.meta.keywords,
      creator: 'Competency Guidelines publisher',
      producer: 'Competency Guidelines publisher (pdfmake)',
      creationDate: new Date(`${pub.meta.date}T00:00:00Z`),
      modDate: new Date(`${pub.meta.date}T00:00:00Z`),
    },
    defaultStyle: { font: 'Serif', fontSize: 10, lineHeight: 1.2, color: INK },
    styles: styles(pub.cover.color),
    header: (page: number, _count: number, pageSize: { width: number; orientation: string }) => {
      if (page === 1) log.running.clear();
      if (!isRunning(page)) return null;
      log.running.set(page, pageSize.orientation === 'landscape' ? 'landscape' : 'portrait');
      const chapter = chapterAt(page);
      const m = pageSize.orientation === 'landscape' ? LANDSCAPE_MARGINS : PAGE_MARGINS;
      return {
        margin: [m[0], 34, m[2], 0],
        stack: [
          { columns: mirrored(page, { text: pub.headerLine, style: 'running', alignment: inside(page) }, { text: chapter?.runningHead ?? '', style: 'running', alignment: outside(page) }) },
          { canvas: [{ type: 'line', x1: 0, y1: 3, x2: pageSize.width - m[0] - m[2], y2: 3, lineWidth: 0.5, lineColor: RULE }] },
        ],
      };
    },
    footer: (page: number, _count: number, pageSize: { orientation: string }) => {
      if (!isRunning(page)) return null;
      const m = pageSize.orientation === 'landscape' ? LANDSCAPE_MARGINS : PAGE_MARGINS;
      return {
        margin: [m[0], 22, m[2], 0],
        columns: mirrored(page, { text: pub.footerLine, style: 'running', alignment: inside(page) }, { text: String(page), style: 'running', fontSize: 9, alignment: outside(page) }),
      };
    },
    content,
  };
}

/** Fitted font sizes by map content: the same map in a booklet and a packet is fitted once per process. */
const fittedMaps = new Map<string, number>();

/** Whether the map fits one landscape page at a font size, found by laying out the map alone. */
async function mapFits(pub: Publication, chapter: Chapter, b: Extract<DocBlock, { kind: 'impactMap' }>, size: number): Promise<boolean> {
  const nodes = impactMapNodes(b.title, b.map, pub.cover.color, b.map.id, chapter.id, landscapeGeometry(pub), size).map((n) => ({ ...n, pageBreak: undefined, tocItem: undefined, outline: undefined }));
  let pages = 0;
  const def = {
    pageSize: pub.page.size,
    pageOrientation: 'landscape',
    pageMargins: LANDSCAPE_MARGINS,
    defaultStyle: { font: 'Serif', fontSize: 10, lineHeight: 1.2 },
    styles: styles(pub.cover.color),
    footer: (_p: number, count: number) => ((pages = count), null),
    // A margin of safety: the booklet's page must not be fuller than the trial's.
    content: [...nodes, { text: ' ', margin: [0, 24, 0, 0] }],
  };
  await getPdfmake().createPdf(def).getBuffer();
  return pages <= 1;
}

/**
 * The largest font size at which each Impact Map fits its one landscape page; a map that does
 * not fit even at the smallest size continues on a second landscape page (SPREAD_FONT_SIZE).
 */
async function fitImpactMaps(pub: Publication): Promise<Map<string, number>> {
  const fonts = new Map<string, number>();
  for (const chapter of pub.chapters) {
    for (const b of chapter.blocks) {
      if (b.kind !== 'impactMap') continue;
      const key = JSON.stringify([pub.page.size, b.title, b.map.notes, b.map.columns]);
      if (!fittedMaps.has(key)) {
        const sizes = candidateFontSizes(); // largest first
        let fitted = SPREAD_FONT_SIZE;
        if (await mapFits(pub, chapter, b, sizes[sizes.length - 1])) {
          // Binary search for the largest size that fits (sizes shrink as the index grows).
          let lo = 0;
          let hi = sizes.length - 1; // fits
          while (lo < hi) {
            const mid = Math.floor((lo + hi) / 2);
            if (await mapFits(pub, chapter, b, sizes[mid])) hi = mid;
            else lo = mid + 1;
          }
          fitted = sizes[lo];
        }
        fittedMaps.set(key, fitted);
      }
      fonts.set(b.map.id, fittedMaps.get(key)!);
    }
  }
  return fonts;
}

/** Room a heading needs below it: before a Competency Detail table, its header and first row (kept whole). */
function roomAfterHeadings(pub: Publication): Map<string, number> {
  const room = new Map<string, number>();
  for (const c of pub.chapters) {
    c.blocks.forEach((b, i) => {
      const next = c.blocks[i + 1];
      if (b.kind === 'heading' && next?.kind === 'competencyTable' && next.areas[0]) room.set(b.id, Math.min(420, firstRowHeight(next.areas[0]) + 60));
    });
  }
  return room;
}

async function layout(pub: Publication, padPages: number, mapFonts: Map<string, number>): Promise<{ bytes: Uint8Array; pages: number; spots: FieldSpots; log: PageLog }> {
  const roomAfter = roomAfterHeadings(pub);
  const pdfmake = getPdfmake();
  let pages = 0;
  const spots = new FieldSpots();
  const log: PageLog = { running: new Map() };
  const def = docDefinition(pub, padPages, mapFonts, spots, log);
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
  const bytes: Uint8Array = await pdfmake.createPdf(def).getBuffer();
  return { bytes, pages, spots, log };
}

export async function writeBookletPdf(pub: Publication): Promise<RenderedPdf> {
  const mapFonts = await fitImpactMaps(pub);
  let result = await layout(pub, 0, mapFonts);
  if (pub.page.padToMultipleOf4 && result.pages % 4 !== 0) result = await layout(pub, 4 - (result.pages % 4), mapFonts);
  // Two-sided: the binding gutter, on the body's portrait pages (not the cover, a letter, or a landscape map).
  const shift = new Map<number, number>();
  if (pub.page.twoSided) {
    for (const [page, orientation] of result.log.running) if (orientation === 'portrait') shift.set(page, page % 2 === 1 ? GUTTER_SHIFT : -GUTTER_SHIFT);
  }
  return { bytes: await finishPdf(result.bytes, { spots: result.spots.spots, shift }), pages: result.pages };
}

/**
 * Loose pages with no cover, contents or running heads: the pages of a packet that name one
 * applicant, put in front of the packet the mail merge renders once for everyone.
 */
export async function writeLoosePagesPdf(pub: Publication, blocks: DocBlock[]): Promise<RenderedPdf> {
  const size = PAGE_SIZES[pub.page.size];
  const spots = new FieldSpots();
  const chapter: Chapter = { id: 'loose', title: '', runningHead: '', blocks };
  const ctx: RenderContext = { pub, chapter, landscape: landscapeGeometry(pub), mapFonts: new Map(), spots, contentWidth: size.width - PAGE_MARGINS[0] - PAGE_MARGINS[2] };
  const content = blocks.flatMap((b) => blockNodes(b, ctx));
  let pages = 0;
  const def = {
    pageSize: pub.page.size,
    pageMargins: PAGE_MARGINS,
    language: pub.meta.language,
    info: { title: pub.meta.title, author: pub.meta.author, creator: 'Competency Guidelines publisher', producer: 'Competency Guidelines publisher (pdfmake)', creationDate: new Date(`${pub.meta.date}T00:00:00Z`), modDate: new Date(`${pub.meta.date}T00:00:00Z`) },
    defaultStyle: { font: 'Serif', fontSize: 10, lineHeight: 1.2, color: INK },
    styles: styles(pub.cover.color),
    footer: (_p: number, count: number) => ((pages = count), null),
    content,
  };
  const bytes: Uint8Array = await getPdfmake().createPdf(def).getBuffer();
  return { bytes: await finishPdf(bytes, { spots: spots.spots, shift: new Map() }), pages };
}
