// The booklet's front matter: the cover (colour band, title, edition, date), the copyright page and the Contents (a TOC field).
import {
  BorderStyle,
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
              ...(c.logo
                ? [
                    new Paragraph({
                      children: [
                        new ImageRun({
                          type: c.logo.image.type,
                          data: c.logo.image.bytes,
                          // 0.9 in tall at most, in the logo's proportions.
                          transformation: { width: Math.round((64 * c.logo.image.width) / Math.max(c.logo.image.width, c.logo.image.height)), height: Math.round((64 * c.logo.image.height) / Math.max(c.logo.image.width, c.logo.image.height)) },
                          // A fixed drawing id (docx counts ids per process, which would change the bytes from build to build).
                          altText: { id: '1', name: 'logo', title: c.logo.alt, description: c.logo.alt },
                        }),
                      ],
                    }),
                  ]
                : []),
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
