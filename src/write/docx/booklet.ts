// The Word writer's driver: a document tree (booklet, packet) to the bytes of a .docx, the same bytes each time.
import { Document as WordDocument, Packer, type ISectionOptions } from 'docx';
import type { Block, Document, Letter, Part } from '../../compose/tree.js';
import { renderBlocks, type BlockContext } from './blocks.js';
import { contents, copyrightPage, cover } from './front-matter.js';
import { addressWindow } from './letter.js';
import { listCounter, numberingFor } from './numbering.js';
import { geometryOf, runningHeadAndFoot, sectionProperties, type Orientation, type Start } from './page.js';
import { fillTocPages } from './pagination/index.js';
import { fixTimestamps, mirrorMargins, renumberBookmarks } from './parts.js';
import { hex, stylesFor } from './styles.js';
import { unzipParts, zipParts } from './zip.js';

export async function writeDocx(doc: Document): Promise<Uint8Array> {
  const parts = unzipParts(new Uint8Array(await Packer.toBuffer(wordDocument(doc))));
  fixTimestamps(parts, doc.meta.date);
  renumberBookmarks(parts);
  if (doc.page.twoSided) mirrorMargins(parts);
  // The Contents' page numbers, from a layout of the finished document with Word's font metrics.
  if (doc.parts.some((p) => p.kind === 'contents')) fillTocPages(parts);
  return zipParts(parts, doc.meta.date);
}

/** The document as a docx Document, before packing. */
export function wordDocument(doc: Document): WordDocument {
  const cover = doc.parts.find((p) => p.kind === 'cover');
  return new WordDocument({
    title: doc.meta.title,
    creator: doc.meta.author,
    lastModifiedBy: doc.meta.author,
    subject: doc.meta.subject,
    keywords: doc.meta.keywords,
    description: `${doc.meta.subject}. ${doc.meta.author}${cover?.kind === 'cover' ? `, ${cover.dateLine}` : ''}.`,
    revision: 1,
    ...stylesFor(doc),
    numbering: numberingFor(),
    evenAndOddHeaderAndFooters: doc.page.twoSided,
    sections: sectionsOf(doc),
  });
}

/** The letter among a part's blocks: its section's left margin is its window's left edge. */
const letterIn = (blocks: Block[]): Letter | undefined => blocks.find((b): b is Letter => b.kind === 'letter');

function sectionsOf(doc: Document): ISectionOptions[] {
  const g = geometryOf(doc);
  const counter = listCounter();
  const ctx = (o: Orientation): BlockContext => ({ textWidth: g.textWidth(o), textHeight: g.textHeight(o), accent: hex(doc.accent), counter });
  const section = (runningHead: string | null, o: Orientation, start: Start, children: ISectionOptions['children']): ISectionOptions => ({
    properties: sectionProperties(doc, o, start),
    ...(runningHead === null ? {} : runningHeadAndFoot(doc, runningHead, o)),
    children,
  });
  const sections: ISectionOptions[] = [];
  doc.parts.forEach((part: Part, i) => {
    // Every part after the first starts on a right-hand page, but the copyright page, the back of the cover.
    const start: Start = i === 0 || part.kind === 'copyright' ? 'newPage' : 'rightHandPage';
    switch (part.kind) {
      case 'cover':
        // The cover has no header or footer.
        sections.push(section(null, 'portrait', start, cover(part, g.textWidth('portrait'))));
        break;
      case 'copyright':
        sections.push(section('', 'portrait', start, copyrightPage(part, ctx('portrait'))));
        break;
      case 'contents':
        sections.push(section(part.title, 'portrait', start, contents(part)));
        break;
      case 'chapter':
        orientationRuns(part.blocks).forEach((run, k) => sections.push(section(part.runningHead, run.orientation, k === 0 ? start : 'newPage', renderBlocks(run.blocks, ctx(run.orientation)))));
        break;
      case 'loose':
        // Pages of their own with no header or footer (a letter before a packet's cover: it can be taken off a
        // two-sided print). Not bound (no gutter); a letter's text lines up with the address in the envelope's window.
        sections.push({
          properties: sectionProperties(doc, 'portrait', start, letterIn(part.blocks) ? { left: addressWindow(letterIn(part.blocks)!.window).x, gutter: 0 } : { gutter: 0 }),
          children: renderBlocks(part.blocks, ctx('portrait')),
        });
        break;
    }
  });
  return sections;
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
