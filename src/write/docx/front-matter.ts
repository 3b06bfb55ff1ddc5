// The booklet's front matter: the cover (colour band, title, edition, date), the copyright page and the Contents (a TOC field).
import {
  AlignmentType,
  BorderStyle,
  Table,
  HeadingLevel,
  HeightRule,
  Paragraph,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  ImageRun,
  type FileChild,
} from 'docx';
import type { Contents, CopyrightPage, Cover } from '../../compose/tree.js';
import { headingParagraph, renderBlocks, type BlockContext } from './blocks.js';
import { plainRuns } from './inline.js';
import { HEADING_FONT, S, hex } from './styles.js';
import { fixedTable } from './table.js';

const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' };

/** docx sizes pictures in pixels (96 an inch); a pixel is 15 twips. */
const TWIPS_PER_PX = 15;

/**
 * The logo on a white tile (so any logo reads on any band colour, as on the PDF cover), in its own proportions, at
 * most 1.6 in wide and 0.65 in tall: a wide logo gets the width, a tall or square one the height.
 */
function logoTile(logo: NonNullable<Cover['logo']>): Table {
  const room = { width: 154, height: 62 };
  const scale = Math.min(room.width / logo.image.width, room.height / logo.image.height);
  const [width, height] = [Math.max(1, Math.round(logo.image.width * scale)), Math.max(1, Math.round(logo.image.height * scale))];
  const pad = 90;
  const tileWidth = width * TWIPS_PER_PX + 2 * pad;
  const picture = new ImageRun({
    type: logo.image.type,
    data: logo.image.bytes,
    transformation: { width, height },
    // A fixed drawing id (docx counts ids per process, which would change the bytes from build to build).
    altText: { id: '1', name: 'logo', title: logo.alt, description: logo.alt },
  });
  const cell = new TableCell({
    width: { size: tileWidth, type: WidthType.DXA },
    shading: { fill: 'FFFFFF' },
    verticalAlign: VerticalAlignTable.CENTER,
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
    margins: { top: pad, bottom: pad, left: pad, right: pad },
    children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, children: [picture] })],
  });
  return fixedTable([new TableRow({ height: { value: height * TWIPS_PER_PX + 2 * pad, rule: HeightRule.ATLEAST }, children: [cell] })], [tileWidth]);
}

export function cover(c: Cover, textWidth: number): FileChild[] {
  const accent = hex(c.color);
  const band = fixedTable(
    [
      new TableRow({
        height: { value: 2160, rule: HeightRule.EXACT },
        children: [
          new TableCell({
            width: { size: textWidth, type: WidthType.DXA },
            shading: { fill: accent },
            verticalAlign: VerticalAlignTable.BOTTOM,
            borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
            margins: { bottom: 240 },
            children: [
              ...(c.logo ? [logoTile(c.logo)] : []),
              new Paragraph({ style: S.coverBand, children: plainRuns(c.association) }),
              new Paragraph({
                style: S.coverBand,
                children: [new TextRun({ text: c.abbreviation, bold: false, size: 24 })],
              }),
            ],
          }),
        ],
      }),
    ],
    [textWidth],
  );
  const rule = { bottom: { style: BorderStyle.SINGLE, size: 12, space: 8, color: accent } };
  const levels = c.levelsLine;
  return [
    band,
    // Outline level 1: the document's first heading, as the cover title is H1 in the PDF (headings below it start at 2).
    new Paragraph({ heading: HeadingLevel.TITLE, outlineLevel: 0, spacing: { before: 2400 }, border: rule, text: c.title }),
    ...(c.subtitle ? [new Paragraph({ style: S.subtitle, text: c.subtitle })] : []),
    ...(c.editionLine ? [new Paragraph({ style: S.coverLine, children: plainRuns(c.editionLine, { italics: true }) })] : []),
    ...(levels ? [new Paragraph({ style: S.coverLine, spacing: { before: 2400 }, children: [new TextRun({ text: levels, bold: true })] })] : []),
    new Paragraph({
      style: S.coverLine,
      spacing: { before: levels ? 0 : 2400 },
      children: [new TextRun({ text: c.dateLine, font: HEADING_FONT, bold: true, color: accent })],
    }),
  ];
}

/** The copyright page: the notice's headings and text, smaller, then the edition's own lines. */
export function copyrightPage(page: CopyrightPage, ctx: BlockContext): FileChild[] {
  const out = page.blocks.flatMap((b): FileChild[] => (b.kind === 'heading' ? [headingParagraph(b)] : renderBlocks([b], ctx)));
  if (out.length === 0) out.push(new Paragraph({}));
  return out;
}

/**
 * The Contents: a real TOC field over Heading 1-3, with hyperlinks. docx writes the entries as the field's stored result
 * (their page numbers are filled in by `pagination/`), so it is not blank before fields are updated.
 */
export function contents(c: Contents): FileChild[] {
  return [new Paragraph({ style: S.tocHeading, text: c.title }), new TableOfContents(c.title, { hyperlink: true, headingStyleRange: '1-3' })];
}
