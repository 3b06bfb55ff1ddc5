// The cover (a colour band with the association, the title, the edition and date lines) and the copyright page.
import type { CopyrightPage, Cover } from '../../compose/tree.js';
import type { BlockContext } from './blocks.js';
import { blockNodes } from './blocks.js';
import { runs, type Node } from './inline.js';
import { COVER_BAND, INK, MUTED, PAGE_MARGINS } from './theme.js';
import { headingRole, tag } from './tagging/tags.js';

/** The white tile the logo sits on (points from the page's top left corner) and the room for the logo inside it. */
export function logoTile(pageWidth: number) {
  const size = 96;
  const inset = 8;
  return { x: pageWidth - PAGE_MARGINS[2] - size, y: 40, size, room: size - 2 * inset };
}

/** The logo scaled to the tile's room in its own proportions, and centred in the tile (a wide one no longer at its top). */
function logoNodes(logo: NonNullable<Cover['logo']>, pageWidth: number): Node[] {
  const tile = logoTile(pageWidth);
  const scale = tile.room / Math.max(logo.image.width, logo.image.height);
  const [w, h] = [logo.image.width * scale, logo.image.height * scale];
  return [
    {
      canvas: [{ type: 'rect', x: 0, y: 0, w: tile.size, h: tile.size, r: 6, color: 'white' }],
      absolutePosition: { x: tile.x, y: tile.y },
    },
    tag(
      {
        image: `data:image/${logo.image.type === 'png' ? 'png' : 'jpeg'};base64,${Buffer.from(logo.image.bytes).toString('base64')}`,
        fit: [tile.room, tile.room],
        absolutePosition: { x: tile.x + (tile.size - w) / 2, y: tile.y + (tile.size - h) / 2 },
      },
      'Figure',
      { alt: logo.alt },
    ),
  ];
}

export function coverNodes(c: Cover, pageHeight: number, pageWidth: number): Node[] {
  const bandHeight = pageHeight * COVER_BAND.heightShare;
  return [
    {
      // The colour band is drawn with the cover (not as a page background), so the cover may be on any page.
      stack: [
        {
          canvas: [{ type: 'rect', x: 0, y: 0, w: pageWidth, h: bandHeight, color: c.color }],
          absolutePosition: { x: 0, y: 0 },
        },
        tag(
          { text: c.association, font: 'Sans', fontSize: 15, bold: true, color: 'white', margin: [0, 40, 0, 0] },
          'P',
        ),
        // The logo on a white tile, so any logo reads on any band colour.
        ...(c.logo ? logoNodes(c.logo, pageWidth) : []),
      ],
    },
    tag(
      {
        text: c.title,
        font: 'Sans',
        fontSize: 40,
        bold: true,
        color: 'white',
        lineHeight: 1.05,
        margin: [0, 120, 0, 10],
      },
      'H1',
    ),
    ...(c.subtitle
      ? [tag({ text: c.subtitle, fontSize: 14, italics: true, color: 'white', margin: [0, 0, 0, 10] }, 'P')]
      : []),
    ...(c.editionLine
      ? [tag({ text: c.editionLine, font: 'Sans', fontSize: 12, color: 'white', margin: [0, 8, 0, 0] }, 'P')]
      : []),
    // Below the band at a fixed place, whatever the length of the title above.
    {
      stack: [
        ...(c.levelsLine
          ? [tag({ text: c.levelsLine, font: 'Sans', fontSize: 13, color: INK, margin: [0, 0, 0, 4] }, 'P')]
          : []),
        tag({ text: c.dateLine, font: 'Sans', fontSize: 11, color: MUTED }, 'P'),
      ],
      absolutePosition: { x: PAGE_MARGINS[0], y: bandHeight + 36 },
    },
  ];
}

/** The copyright page: its text sits low on the page, as a book's does. */
export function copyrightNodes(page: CopyrightPage, ctx: BlockContext): Node[] {
  const nodes: Node[] = page.blocks.flatMap((b): Node[] => {
    if (b.kind === 'heading')
      return [
        tag(
          { text: b.text, style: 'h3', id: b.id, headlineLevel: b.level, margin: [0, 10, 0, 6] },
          headingRole(b.level),
        ),
      ];
    if (b.kind === 'paragraph')
      return [
        tag(
          {
            text: runs(b.runs),
            fontSize: 9,
            margin: [0, 0, 0, b.role === 'muted' ? 0 : 6],
            ...(b.role === 'muted' ? { color: MUTED } : {}),
          },
          'P',
        ),
      ];
    return blockNodes(b, ctx).map((n) => ({ ...n, fontSize: 9 }));
  });
  if (nodes.length === 0) nodes.push({ text: '' });
  nodes[0] = { ...nodes[0], margin: [0, 380, 0, 6] };
  return nodes;
}
