// Word's named styles for the booklet: every look is a style a person can edit once (Heading 1 changes every level title).
import { AlignmentType, BorderStyle, LineRuleType, type IParagraphStyleOptions, type IStylesOptions } from 'docx';
import type { Document } from '../../compose/tree.js';
import { BULLETS, ORDERED } from './numbering.js';

/** Fonts every Word has; LibreOffice substitutes metric-compatible Caladea and Carlito. Never embedded. */
export const BODY_FONT = 'Cambria';
export const HEADING_FONT = 'Calibri';

/** Style ids used by the writer (Word's own ids for built-in styles, so Word treats them as its own). */
export const S = {
  title: 'Title',
  subtitle: 'Subtitle',
  heading: ['Heading1', 'Heading2', 'Heading3'] as const,
  /** Headings the booklet keeps out of its table of contents (toc: false). */
  minorHeading: 'MinorHeading',
  tocHeading: 'TOCHeading',
  listBullet: ['ListBullet', 'ListBullet2', 'ListBullet3'] as const,
  listNumber: 'ListNumber',
  leadIn: 'LeadIn',
  note: 'Note',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  areasLabel: 'AreasLabel',
  areaList: 'AreaList',
  mapText: 'MapText',
  mapBullet: ['MapBullet', 'MapBullet2', 'MapBullet3'] as const,
  mapArrow: 'MapArrow',
  glossaryEntry: 'GlossaryEntry',
  copyright: 'CopyrightText',
  coverBand: 'CoverBand',
  coverLine: 'CoverLine',
  header: 'Header',
  footer: 'Footer',
  table: 'GuidelinesTable',
  /** Packets: checklists, forms and logs to fill in, and letters. */
  checklist: 'ChecklistItem',
  formTable: 'FormTable',
  formLabel: 'FormLabel',
  formValue: 'FormValue',
  letterhead: 'Letterhead',
  letterDate: 'LetterDate',
  letterAddress: 'LetterAddress',
  letterText: 'LetterText',
  letterClosing: 'LetterClosing',
} as const;

/** The hanging indent of a checklist item: the box, then its text (twips). */
export const CHECKLIST_INDENT = 440;

/** Line heights (twips, exact) of the letter's first lines, so the body can be placed below the address window. */
export const LETTER_LINES = { letterhead: 360, letterheadRule: 100, date: 280 } as const;

export const GRAY = '595959';

/** "#1f4e79" → "1F4E79", as WordprocessingML writes colours. */
export function hex(color: string): string {
  return color.replace(/^#/, '').toUpperCase();
}

const pt = (points: number) => Math.round(points * 2); // half-points
const heading = (font = HEADING_FONT) => ({ font, bold: true });

export function stylesFor(pub: Document): { styles: IStylesOptions; externalStyles: string } {
  const accent = hex(pub.accent);
  const lang = { value: pub.meta.language };
  const listIndent = (level: number) => ({ left: 360 * (level + 1), hanging: 300 });

  const paragraphStyles: IParagraphStyleOptions[] = [
    {
      // Heading 4's look; its level is the paragraph's own outline level (see blocks.ts headingParagraph).
      id: S.minorHeading,
      name: 'Minor Heading',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { ...heading(), size: pt(11), color: '262626' },
      paragraph: { keepNext: true, keepLines: true, spacing: { before: 200, after: 60 } },
    },
    {
      id: S.subtitle,
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: HEADING_FONT, size: pt(18), color: GRAY },
      paragraph: { spacing: { before: 120, after: 240 } },
    },
    {
      id: S.tocHeading,
      name: 'TOC Heading',
      basedOn: S.heading[0],
      next: 'Normal',
      uiPriority: 39,
      unhideWhenUsed: true,
      quickFormat: true,
      // Outline level 9 is body text: the Contents title is not an entry of the Contents.
      paragraph: { outlineLevel: 9 },
    },
    ...S.listBullet.map((id, level) => ({
      id,
      name: level === 0 ? 'List Bullet' : `List Bullet ${level + 1}`,
      basedOn: 'Normal',
      uiPriority: 99,
      unhideWhenUsed: true,
      paragraph: {
        numbering: { reference: BULLETS, level },
        indent: listIndent(level),
        spacing: { after: 60 },
        contextualSpacing: true,
      },
    })),
    {
      id: S.listNumber,
      name: 'List Number',
      basedOn: 'Normal',
      uiPriority: 99,
      unhideWhenUsed: true,
      paragraph: {
        numbering: { reference: ORDERED, level: 0 },
        indent: listIndent(0),
        spacing: { after: 60 },
        contextualSpacing: true,
      },
    },
    {
      id: S.leadIn,
      name: 'Lead-in',
      basedOn: 'Normal',
      next: S.listBullet[0],
      quickFormat: true,
      run: { italics: true },
      paragraph: { keepNext: true, spacing: { before: 120, after: 80 } },
    },
    {
      id: S.note,
      name: 'Note',
      basedOn: 'Normal',
      quickFormat: true,
      run: { italics: true, size: pt(10) },
      paragraph: { indent: { left: 360 }, spacing: { before: 80, after: 80 } },
    },
    {
      id: S.tableText,
      name: 'Table Text',
      basedOn: 'Normal',
      run: { size: pt(10) },
      paragraph: { spacing: { before: 0, after: 60 } },
    },
    {
      id: S.tableHeading,
      name: 'Table Heading',
      basedOn: S.tableText,
      run: { ...heading(), color: 'FFFFFF', size: pt(10.5) },
      paragraph: { keepNext: true, spacing: { before: 40, after: 40 } },
    },
    {
      id: S.areasLabel,
      name: 'Areas Label',
      basedOn: S.tableText,
      next: S.areaList,
      run: { font: HEADING_FONT, italics: true, bold: true, size: pt(9.5), color: GRAY },
      paragraph: { spacing: { before: 120, after: 40 } },
    },
    {
      id: S.areaList,
      name: 'Area List',
      basedOn: S.tableText,
      run: { italics: true, size: pt(9.5) },
      paragraph: { spacing: { after: 20 } },
    },
    {
      id: S.mapText,
      name: 'Impact Map Text',
      basedOn: 'Normal',
      run: { size: pt(7.5) },
      paragraph: { spacing: { before: 0, after: 10 } },
    },
    ...S.mapBullet.map((id, level) => ({
      id,
      name: level === 0 ? 'Impact Map Bullet' : `Impact Map Bullet ${level + 1}`,
      basedOn: S.mapText,
      paragraph: { numbering: { reference: BULLETS, level }, indent: { left: 170 * (level + 1), hanging: 150 } },
    })),
    {
      id: S.mapArrow,
      name: 'Impact Map Arrow',
      basedOn: 'Normal',
      run: { font: BODY_FONT, size: pt(20), bold: true, color: accent },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 } },
    },
    {
      id: S.glossaryEntry,
      name: 'Glossary Entry',
      basedOn: 'Normal',
      quickFormat: true,
      paragraph: { indent: { left: 360, hanging: 360 }, spacing: { after: 120 }, keepLines: true },
    },
    {
      id: S.copyright,
      name: 'Copyright Text',
      basedOn: 'Normal',
      run: { size: pt(9.5) },
      paragraph: { spacing: { after: 100 } },
    },
    {
      id: S.coverBand,
      name: 'Cover Band',
      basedOn: 'Normal',
      run: { ...heading(), size: pt(16), color: 'FFFFFF' },
      paragraph: { spacing: { before: 0, after: 0 }, indent: { left: 240, right: 240 } },
    },
    {
      id: S.coverLine,
      name: 'Cover Line',
      basedOn: 'Normal',
      run: { font: HEADING_FONT, size: pt(14), color: GRAY },
      paragraph: { spacing: { before: 0, after: 120 } },
    },
    {
      id: S.header,
      name: 'header',
      basedOn: 'Normal',
      uiPriority: 99,
      unhideWhenUsed: true,
      run: { font: HEADING_FONT, size: pt(9), color: GRAY },
      paragraph: {
        spacing: { before: 0, after: 0 },
        border: { bottom: { style: BorderStyle.SINGLE, size: 4, space: 4, color: accent } },
      },
    },
    {
      id: S.footer,
      name: 'footer',
      basedOn: 'Normal',
      uiPriority: 99,
      unhideWhenUsed: true,
      run: { font: HEADING_FONT, size: pt(9), color: GRAY },
      paragraph: {
        spacing: { before: 0, after: 0 },
        border: { top: { style: BorderStyle.SINGLE, size: 4, space: 4, color: accent } },
      },
    },
    {
      id: S.checklist,
      name: 'Checklist Item',
      basedOn: 'Normal',
      quickFormat: true,
      // The box hangs left of the text; the tab after it goes to the indent (a hanging indent is a tab stop).
      paragraph: {
        indent: { left: CHECKLIST_INDENT, hanging: CHECKLIST_INDENT },
        spacing: { before: 60, after: 100 },
        keepLines: true,
      },
    },
    {
      id: S.formLabel,
      name: 'Form Label',
      basedOn: 'Normal',
      next: S.formValue,
      run: { font: HEADING_FONT, bold: true, size: pt(8), color: GRAY },
      paragraph: { keepNext: true, spacing: { before: 0, after: 20 } },
    },
    {
      id: S.formValue,
      name: 'Form Value',
      basedOn: 'Normal',
      run: { size: pt(11) },
      paragraph: { spacing: { before: 20, after: 0 } },
    },
    {
      id: S.letterhead,
      name: 'Letterhead',
      basedOn: 'Normal',
      next: S.letterDate,
      run: { ...heading(), size: pt(13), color: accent },
      paragraph: {
        spacing: { before: 0, after: 0, line: LETTER_LINES.letterhead, lineRule: LineRuleType.EXACT },
        border: { bottom: { style: BorderStyle.SINGLE, size: 8, space: 4, color: accent } },
      },
    },
    {
      id: S.letterDate,
      name: 'Letter Date',
      basedOn: 'Normal',
      next: S.letterText,
      paragraph: { spacing: { before: 0, after: 0, line: LETTER_LINES.date, lineRule: LineRuleType.EXACT } },
    },
    {
      id: S.letterAddress,
      name: 'Letter Address',
      basedOn: 'Normal',
      paragraph: { spacing: { before: 0, after: 0 } },
    },
    {
      id: S.letterText,
      name: 'Letter Text',
      basedOn: 'Normal',
      quickFormat: true,
      paragraph: { spacing: { before: 0, after: 200 } },
    },
    {
      id: S.letterClosing,
      name: 'Letter Closing',
      basedOn: 'Normal',
      paragraph: { keepNext: true, keepLines: true, spacing: { before: 0, after: 0 } },
    },
    // The entries of the Contents (Word's "toc 1"-"toc 3"), replacing docx's plain ones.
    {
      id: 'TOC1',
      name: 'toc 1',
      basedOn: 'Normal',
      next: 'Normal',
      uiPriority: 39,
      unhideWhenUsed: true,
      run: { ...heading(), size: pt(11.5), color: accent },
      paragraph: { spacing: { before: 200, after: 60 }, keepNext: true },
    },
    {
      id: 'TOC2',
      name: 'toc 2',
      basedOn: 'Normal',
      next: 'Normal',
      uiPriority: 39,
      unhideWhenUsed: true,
      run: { font: HEADING_FONT, size: pt(10.5) },
      paragraph: { indent: { left: 240 }, spacing: { before: 0, after: 40 } },
    },
    {
      id: 'TOC3',
      name: 'toc 3',
      basedOn: 'Normal',
      next: 'Normal',
      uiPriority: 39,
      unhideWhenUsed: true,
      run: { font: HEADING_FONT, size: pt(10), color: GRAY },
      paragraph: { indent: { left: 480 }, spacing: { before: 0, after: 20 } },
    },
  ];

  const styles: IStylesOptions = {
    default: {
      document: {
        run: { font: BODY_FONT, size: pt(11), language: lang },
        // Single line spacing: docx's page layout can't yet break table rows whose lines are spaced wider.
        paragraph: { spacing: { after: 120, line: 240, lineRule: LineRuleType.AUTO } },
      },
      title: {
        run: { ...heading(), size: pt(40), color: accent },
        paragraph: { spacing: { before: 0, after: 120 } },
      },
      heading1: {
        run: { ...heading(), size: pt(22), color: accent },
        paragraph: {
          keepNext: true,
          keepLines: true,
          outlineLevel: 0,
          spacing: { before: 240, after: 240 },
          border: { bottom: { style: BorderStyle.SINGLE, size: 8, space: 4, color: accent } },
        },
      },
      heading2: {
        run: { ...heading(), size: pt(15), color: accent },
        paragraph: { keepNext: true, keepLines: true, outlineLevel: 1, spacing: { before: 360, after: 120 } },
      },
      heading3: {
        run: { ...heading(), size: pt(12), color: '262626' },
        paragraph: { keepNext: true, keepLines: true, outlineLevel: 2, spacing: { before: 240, after: 80 } },
      },
      heading4: {
        run: { ...heading(), size: pt(11), color: '262626' },
        paragraph: { keepNext: true, keepLines: true, outlineLevel: 3, spacing: { before: 200, after: 60 } },
      },
      hyperlink: { run: { color: accent } },
    },
    paragraphStyles,
  };
  return { styles, externalStyles: tableStyles(accent) };
}

/**
 * Named table styles, so a person restyles every table at once: "Guidelines Table" (borders in the cover colour, cells
 * padded) and "Form Table" (the forms and logs of a packet). docx has no options for table styles; given as "external"
 * styles, they are added to docx's own defaults (options.styles.importedStyles would replace them).
 */
function tableStyles(accent: string): string {
  const border = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="${accent}"/>`;
  // Forms and logs: thin grey rules, so what a person writes stands out more than the lines.
  const thin = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>`;
  const SIDES = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'];
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
    `<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ` +
    `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ` +
    `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ` +
    `xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ` +
    `xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">` +
    `<w:style w:type="table" w:styleId="${S.table}">` +
    `<w:name w:val="Guidelines Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
    `<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:tblPr><w:tblBorders>${SIDES.map(border).join('')}</w:tblBorders>` +
    `<w:tblCellMar><w:top w:w="80" w:type="dxa"/><w:left w:w="115" w:type="dxa"/>` +
    `<w:bottom w:w="80" w:type="dxa"/><w:right w:w="115" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `</w:style>` +
    `<w:style w:type="table" w:styleId="${S.formTable}">` +
    `<w:name w:val="Form Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>` +
    `<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:tblPr><w:tblBorders>${SIDES.map(thin).join('')}</w:tblBorders>` +
    `<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>` +
    `<w:bottom w:w="60" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>` +
    `</w:style></w:styles>`
  );
}
