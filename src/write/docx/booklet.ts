// The Word writer's driver: a composed Publication (booklet or packet) to the bytes of a .docx, the same bytes each time.
import { Document, Packer, type ISectionOptions } from 'docx';
import type { Chapter, DocBlock, Publication } from '../../compose/document.js';
import { renderBlocks, type BlockContext } from './blocks.js';
import { contents, copyrightPage, cover } from './front-matter.js';
import { ADDRESS_WINDOW } from './letter.js';
import { listCounter, numberingFor } from './numbering.js';
import { geometryOf, runningHeadAndFoot, sectionProperties, type Orientation, type Start } from './page.js';
import { fillTocPages } from './pagination/index.js';
import { fixTimestamps, mirrorMargins, renumberBookmarks } from './parts.js';
import { hex, stylesFor } from './styles.js';
import { unzipParts, zipParts } from './zip.js';

export async function writeBookletDocx(pub: Publication): Promise<Uint8Array> {
  const parts = unzipParts(new Uint8Array(await Packer.toBuffer(bookletDocument(pub))));
  fixTimestamps(parts, pub.meta.date);
  renumberBookmarks(parts);
  if (pub.page.twoSided) mirrorMargins(parts);
  // The Contents' page numbers, from a layout of the finished document with Word's font metrics.
  if (pub.kind === 'booklet') fillTocPages(parts);
  return zipParts(parts, pub.meta.date);
}

/** The booklet as a docx Document, before packing (e.g. for `layoutDocument` from 'docx/layout'). */
export function bookletDocument(pub: Publication): Document {
  return new Document({
    title: pub.meta.title,
    creator: pub.meta.author,
    lastModifiedBy: pub.meta.author,
    subject: pub.meta.subject,
    keywords: pub.meta.keywords,
    description: `${pub.meta.subject}. ${pub.cover.association}, ${pub.cover.dateLine}.`,
    revision: 1,
    ...stylesFor(pub),
    numbering: numberingFor(),
    evenAndOddHeaderAndFooters: pub.page.twoSided,
    sections: sectionsOf(pub),
  });
}

function sectionsOf(pub: Publication): ISectionOptions[] {
  const g = geometryOf(pub);
  const counter = listCounter();
  const ctx = (o: Orientation): BlockContext => ({
    textWidth: g.textWidth(o),
    textHeight: g.textHeight(o),
    accent: hex(pub.cover.color),
    counter,
    letterhead: pub.cover.association,
  });
  const section = (runningHead: string | null, o: Orientation, start: Start, children: ISectionOptions['children']): ISectionOptions => ({
    properties: sectionProperties(pub, o, start),
    ...(runningHead === null ? {} : runningHeadAndFoot(pub, runningHead, o)),
    children,
  });

  const sections: ISectionOptions[] = [];
  if (pub.frontLetter) {
    // A personalized packet's letter comes before the cover, on pages of its own with no header or footer; the cover
    // then starts on a right-hand page, so the letter can be taken off a two-sided print. The letter is not bound (no
    // gutter), and its text lines up with the address in the envelope's window.
    sections.push({
      properties: sectionProperties(pub, 'portrait', 'newPage', { left: ADDRESS_WINDOW.x, gutter: 0 }),
      children: renderBlocks([{ kind: 'letter', letter: pub.frontLetter }], ctx('portrait')),
    });
  }
  sections.push(
    // The cover has no header or footer.
    section(null, 'portrait', pub.frontLetter ? 'rightHandPage' : 'newPage', cover(pub, g.textWidth('portrait'))),
    section('', 'portrait', 'newPage', copyrightPage(pub, ctx('portrait'))),
    section(pub.tocTitle, 'portrait', 'rightHandPage', contents(pub)),
  );
  for (const chapter of pub.chapters) {
    partsOf(chapter).forEach((part, i) => {
      sections.push(
        section(chapter.runningHead, part.orientation, i === 0 ? 'rightHandPage' : 'newPage', renderBlocks(part.blocks, ctx(part.orientation))),
      );
    });
  }
  return sections;
}

/** A chapter's runs of portrait pages, and a landscape section of its own for each Impact Map. */
function partsOf(chapter: Chapter): { orientation: Orientation; blocks: DocBlock[] }[] {
  const parts: { orientation: Orientation; blocks: DocBlock[] }[] = [];
  for (const block of chapter.blocks) {
    const orientation: Orientation = block.kind === 'impactMap' ? 'landscape' : 'portrait';
    const last = parts[parts.length - 1];
    if (last && last.orientation === 'portrait' && orientation === 'portrait') last.blocks.push(block);
    else parts.push({ orientation, blocks: [block] });
  }
  return parts.length > 0 ? parts : [{ orientation: 'portrait', blocks: [] }];
}
