// One part of a document (a level's chapter, the glossary, a packet's forms, a letter) as WordprocessingML with holes
// (holes.ts) and its measures for the pagination: made once, kept in ctx.store under a hash of everything the XML and
// the measures depend on (the part's tree, the page, how it starts, whether it ends the document; not the edition's
// colour, which is a hole), and reused by the booklet, the packets and every edition that shares the part. The run
// holds the parts it made or read (memory.ts), so a forced build, which has no store, makes each part once too.
import { createHash } from 'node:crypto';
import { strFromU8, strToU8 } from 'fflate';
import type { Block, Document, Letter, Part } from '../../compose/tree.js';
import { withValuePlaceholders } from '../../compose/read-only-values.js';
import { writeXml, el, type El } from '../../xml/wordml.js';
import type { RenderContext } from '../context.js';
import type { Held } from './held.js';
import { PartCounters, type BlockContext } from './block-context.js';
import { renderBlocks } from './blocks.js';
import { copyrightPage } from './front-matter.js';
import { hole } from './holes.js';
import { addressWindow } from './letter.js';
import { geometryOf, textBox, type Orientation, type SectionLayout, type Start } from './page.js';
import type { Faces } from './pagination/fonts.js';
import { measureSection, type Block as Measured } from './pagination/layout.js';
import type { Styles } from './pagination/properties.js';

/** Bump when the XML this module writes for the same tree changes: kept parts of an older writer are not reused. */
const WRITER_VERSION = 2;

export interface KeptSection {
  layout: SectionLayout;
  /** The running head of its header; null: no header or footer. */
  runningHead: string | null;
  /** The section's body XML, its section properties a hole. */
  xml: string;
  measure: Measured[];
}

export interface KeptPart {
  sections: KeptSection[];
  /** Its Heading 1–3 paragraphs: the Contents' entries, in order. */
  headings: { level: number; text: string }[];
}

/** What measuring a part needs: the document's styles and the faces of Word's fonts. */
export interface Metrics {
  styles: Styles;
  faces: Faces;
}

/** The letter among a part's blocks: its section's left margin is its window's left edge. */
const letterIn = (blocks: Block[]): Letter | undefined => blocks.find((b): b is Letter => b.kind === 'letter');

/** A part being written: its sections' elements until they are measured, and where to keep it then. */
export interface PartInProgress {
  key: string;
  headings: KeptPart['headings'];
  sections: (Omit<KeptSection, 'measure'> & { children: El[] })[];
}

/**
 * A part (not the cover or the Contents, which the document makes itself): kept, or made now. A part made now is
 * measured (`finishPart`) once the document has its styles, which need the lists of every part first (frame.ts).
 */
export function keptPart(
  doc: Document,
  part: Exclude<Part, { kind: 'cover' | 'contents' }>,
  start: Start,
  last: boolean,
  ctx: RenderContext,
  held: Held<KeptPart>,
): KeptPart | PartInProgress {
  // Read-only values (the packet id) are holes the document fills: every edition's forms are one part.
  part = withValuePlaceholders(part);
  const key = `docx-part:${createHash('sha256')
    .update(JSON.stringify({ v: WRITER_VERSION, part, start, last, page: doc.page }))
    .digest('hex')}`;
  const inRun = held.get(key);
  if (inRun) return inRun;
  const kept = ctx.store?.get(key);
  if (kept) {
    const read = JSON.parse(strFromU8(kept)) as KeptPart;
    held.set(key, read);
    return read;
  }
  ctx.trace(`docx part ${part.kind === 'chapter' ? part.id : part.kind} made`);
  return makePart(doc, part, start, last, key);
}

/** Measures a part made now and keeps it. */
export function finishPart(
  doc: Document,
  made: PartInProgress,
  m: Metrics,
  ctx: RenderContext,
  held: Held<KeptPart>,
): KeptPart {
  const part: KeptPart = {
    sections: made.sections.map(({ children, ...s }) => ({
      ...s,
      measure: measureSection(m.styles, m.faces, children, textBox(doc, s.layout).width),
    })),
    headings: made.headings,
  };
  ctx.store?.put(made.key, strToU8(JSON.stringify(part)));
  held.set(made.key, part);
  return part;
}

function makePart(
  doc: Document,
  part: Exclude<Part, { kind: 'cover' | 'contents' }>,
  start: Start,
  last: boolean,
  key: string,
): PartInProgress {
  const g = geometryOf(doc);
  const counters = new PartCounters();
  const bc = (o: Orientation): BlockContext => ({
    textWidth: g.textWidth(o),
    textHeight: g.textHeight(o),
    accentShading: hole({ kind: 'accentShading' }),
    counters,
    render: renderBlocks,
  });
  const sections: { layout: SectionLayout; runningHead: string | null; children: El[] }[] = [];
  switch (part.kind) {
    case 'copyright':
      sections.push({
        layout: { orientation: 'portrait', start },
        runningHead: '',
        children: copyrightPage(part, bc('portrait')),
      });
      break;
    case 'chapter':
      orientationRuns(part.blocks).forEach((run, k) =>
        sections.push({
          layout: { orientation: run.orientation, start: k === 0 ? start : 'newPage' },
          runningHead: part.runningHead,
          children: renderBlocks(run.blocks, bc(run.orientation)),
        }),
      );
      break;
    case 'loose': {
      // Pages of their own with no header or footer (a letter before a packet's cover: it can be taken off a
      // two-sided print). Not bound (no gutter); a letter's text lines up with the address in the envelope's window.
      const letter = letterIn(part.blocks);
      sections.push({
        layout: {
          orientation: 'portrait',
          start,
          margins: letter ? { left: addressWindow(letter.window).x, gutter: 0 } : { gutter: 0 },
        },
        runningHead: null,
        children: renderBlocks(part.blocks, bc('portrait')),
      });
      break;
    }
  }
  return {
    key,
    sections: sections.map((s, i) => {
      const children = endSection(s.children, i, last && i === sections.length - 1);
      return { layout: s.layout, runningHead: s.runningHead, xml: children.map(writeXml).join(''), children };
    }),
    headings: counters.headings,
  };
}

/**
 * A section's last paragraph holds its section properties (a paragraph is added when it ends in a table); the
 * document's last section has them in the body instead, after its last block.
 */
export function endSection(children: El[], i: number, lastInDocument: boolean): El[] {
  if (lastInDocument) return children;
  const sectPr = hole({ kind: 'section', i });
  const last = children[children.length - 1];
  if (last?.name !== 'w:p') return [...children, el('w:p', {}, [el('w:pPr', {}, [sectPr])])];
  const pPr = last.children[0]?.name === 'w:pPr' ? last.children[0] : undefined;
  const ended = pPr
    ? { ...last, children: [{ ...pPr, children: [...pPr.children, sectPr] }, ...last.children.slice(1)] }
    : { ...last, children: [el('w:pPr', {}, [sectPr]), ...last.children] };
  return [...children.slice(0, -1), ended];
}

/** A chapter's runs of portrait pages, and a landscape section of its own for each Impact Map. */
function orientationRuns(blocks: Block[]): { orientation: Orientation; blocks: Block[] }[] {
  const runs: { orientation: Orientation; blocks: Block[] }[] = [];
  for (const block of blocks) {
    const orientation: Orientation = block.kind === 'impactMap' ? 'landscape' : 'portrait';
    const last = runs[runs.length - 1];
    if (last && last.orientation === 'portrait' && orientation === 'portrait') last.blocks.push(block);
    else runs.push({ orientation, blocks: [block] });
  }
  return runs.length > 0 ? runs : [{ orientation: 'portrait', blocks: [] }];
}
