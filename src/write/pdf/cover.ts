// The cover (a colour band with the association, the title, the edition and date lines) and the copyright page.
import type { CopyrightPage, Cover } from '../../compose/tree.js';
import type { BlockContext } from './blocks.js';
import { blockNodes } from './blocks.js';
import { runs, type Node } from './inline.js';
import { COVER_BAND, INK, MUTED, PAGE_MARGINS } from './theme.js';
import { headingRole, tag } from './tagging/tags.js';

export function coverNodes(c: Cover, pageHeight: number, pageWidth: number): Node[] {
  const bandHeight = pageHeight * COVER_BAND.heightShare;
  return [
    {
      // The colour band is drawn with the cover (not as a page background), so the cover may be on any page.
      stack: [
        { canvas: [{ type: 'rect', x: 0, y: 0, w: pageWidth, h: bandHeight, color: c.color }], absolutePosition: { x: 0, y: 0 } },
        tag({ text: c.association, font: 'Sans', fontSize: 15, bold: true, color: 'white', margin: [0, 40, 0, 0] }, 'P'),
        // The logo on a white tile, so any logo reads on any band colour.
        ...(c.logo
          ? [
              { canvas: [{ type: 'rect', x: 0, y: 0, w: 96, h: 96, r: 6, color: 'white' }], absolutePosition: { x: pageWidth - PAGE_MARGINS[2] - 96, y: 40 } },
              tag({ image: `data:image/${c.logo.image.type === 'png' ? 'png' : 'jpeg'};base64,${Buffer.from(c.logo.image.bytes).toString('base64')}`, fit: [80, 80], absolutePosition: { x: pageWidth - PAGE_MARGINS[2] - 88, y: 48 } }, 'Figure', { alt: c.logo.alt }),
            ]
          : []),
      ],
    },
    tag({ text: c.title, font: 'Sans', fontSize: 40, bold: true, color: 'white', lineHeight: 1.05, margin: [0, 120, 0, 10] }, 'H1'),
    ...(c.subtitle ? [tag({ text: c.subtitle, fontSize: 14, italics: true, color: 'white', margin: [0, 0, 0, 10] }, 'P')] : []),
    ...(c.editionLine ? [tag({ text: c.editionLine, font: 'Sans', fontSize: 12, color: 'white', margin: [0, 8, 0, 0] }, 'P')] : []),
    // Below the band at a fixed place, whatever the length of the title above.
    {
      stack: [
        ...(c.levelsLine ? [tag({ text: c.levelsLine, font: 'Sans', fontSize: 13, color: INK, margin: [0, 0, 0, 4] }, 'P')] : []),
        tag({ text: c.dateLine, font: 'Sans', fontSize: 11, color: MUTED }, 'P'),
      ],
      absolutePosition: { x: PAGE_MARGINS[0], y: bandHeight + 36 },
    },
  ];
}

/** The copyright page: its text sits low on the page, as a book's does. */
export function copyrightNodes(page: CopyrightPage, ctx: BlockContext): Node[] {
  const nodes: Node[] = page.blocks.flatMap((b): Node[] => {
    if (b.kind === 'heading') return [tag({ text: b.text, style: 'h3', id: b.id, headlineLevel: b.level, margin: [0, 10, 0, 6] }, headingRole(b.level))];
    if (b.kind === 'paragraph') return [tag({ text: runs(b.runs), fontSize: 9, margin: [0, 0, 0, b.role === 'muted' ? 0 : 6], ...(b.role === 'muted' ? { color: MUTED } : {}) }, 'P')];
    return blockNodes(b, ctx).map((n) => ({ ...n, fontSize: 9 }));
  });
  if (nodes.length === 0) nodes.push({ text: '' });
  nodes[0] = { ...nodes[0], margin: [0, 380, 0, 6] };
  return nodes;
}
