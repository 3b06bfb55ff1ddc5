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
import { blocksOf } from '../../compose/booklet.js';
import type { Publication } from '../../compose/document.js';
import type { Section } from '../../model/schema.js';
import { renderBlocks, type BlockContext } from './blocks.js';
import { plainRuns, runsOf } from './inline.js';
import { HEADING_FONT, S, hex } from './styles.js';
import { fixedTable } from './table.js';

const NONE = { style: BorderStyle.NONE, size: 0, color: 'auto' };

export function cover(pub: Publication, textWidth: number): FileChild[] {
  const c = pub.cover;
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
                          type: c.logo.type,
                          data: c.logo.bytes,
                          // 0.9 in tall at most, in the logo's proportions.
                          transformation: { width: Math.round((64 * c.logo.width) / Math.max(c.logo.width, c.logo.height)), height: Math.round((64 * c.logo.height) / Math.max(c.logo.width, c.logo.height)) },
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
  // The levels covered ("Levels 1–4"), unless the title or subtitle says it already (a packet's "Level 2: …").
  const levels = c.levelsLine && !`${c.title} ${c.subtitle ?? ''}`.includes(c.levelsLine) ? c.levelsLine : undefined;
  return [
    band,
    new Paragraph({ heading: HeadingLevel.TITLE, spacing: { before: 2400 }, border: rule, text: c.title }),
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

/** The copyright page: the notice (its title and text, smaller), then the edition's own lines. */
export function copyrightPage(pub: Publication, ctx: BlockContext): FileChild[] {
  const out: FileChild[] = [];
  const notice = (section: Section) => {
    out.push(new Paragraph({ heading: HeadingLevel.HEADING_4, text: section.title }));
    for (const block of blocksOf(section.blocks)) {
      if (block.kind === 'paragraph') out.push(new Paragraph({ style: S.copyright, children: runsOf(block.text) }));
      else out.push(...renderBlocks([block], ctx));
    }
    section.sections.forEach(notice);
  };
  if (pub.copyrightPage.notice) notice(pub.copyrightPage.notice);
  for (const line of pub.copyrightPage.lines) out.push(new Paragraph({ style: S.copyright, children: plainRuns(line) }));
  if (out.length === 0) out.push(new Paragraph({}));
  return out;
}

/**
 * The Contents: a real TOC field over Heading 1-3, with hyperlinks. docx writes the entries as the field's stored result
 * (their page numbers are filled in by `pagination/`), so it is not blank before fields are updated.
 */
export function contents(pub: Publication): FileChild[] {
  return [
    new Paragraph({ style: S.tocHeading, text: pub.tocTitle }),
    new TableOfContents(pub.tocTitle, { hyperlink: true, headingStyleRange: '1-3' }),
  ];
}
