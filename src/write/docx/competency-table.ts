// The Competency Detail table: "Area of Expertise | As Demonstrated By", one row per area, the header row repeating.
import { HeadingLevel, Paragraph, Table, TableCell, TableRow, WidthType, type FileChild } from 'docx';
import { blocksOf } from '../../compose/booklet.js';
import type { CompetencyArea, ListItem } from '../../model/schema.js';
import { plainRuns, plainText, runsOf } from './inline.js';
import { listParagraphs, codesSuffix, type ListCounter } from './numbering.js';
import { S } from './styles.js';
import { fixedTable, headerRow } from './table.js';

export const DETAIL_HEADER = ['Area of Expertise', 'As Demonstrated By'];

/** Share of the text width given to the "Area of Expertise" column. */
const AREA_COLUMN = 0.3;

export interface DetailContext {
  textWidth: number;
  textHeight: number;
  accent: string;
  counter: ListCounter;
  /** Renders an area's notes (model blocks) as paragraphs in the right-hand cell. */
  notes: (area: CompetencyArea) => (Paragraph | Table)[];
}

export function competencyTable(areas: CompetencyArea[], ctx: DetailContext): FileChild[] {
  const left = Math.round(ctx.textWidth * AREA_COLUMN);
  const widths = [left, ctx.textWidth - left];
  const rows = areas.map((area) => areaRow(area, widths, ctx));
  return [fixedTable([headerRow(DETAIL_HEADER.map((t) => [{ text: t }]), widths, ctx.accent), ...rows], widths), new Paragraph({})];
}

function areaRow(area: CompetencyArea, widths: number[], ctx: DetailContext): TableRow {
  // The area's name is a real Heading 3, so the table of contents lists every area; no space above it in the cell.
  // Not "keep with next" (which Heading 3 has): a row whose first cell's paragraphs keep with the next is kept with
  // the next row (Word, per docx's notes; LibreOffice 7.4 seen here), which pushed tables off half-empty pages.
  const areaCell = [
    new Paragraph({ heading: HeadingLevel.HEADING_3, spacing: { before: 0 }, keepNext: false, text: area.name }),
    new Paragraph({ style: S.areasLabel, children: plainRuns(area.areasLabel) }),
    ...area.areas.map((a) => new Paragraph({ style: S.areaList, children: plainRuns(a) })),
  ];
  const demonstrated: (Paragraph | Table)[] = [];
  for (const group of area.groups) {
    // At the top of the cell, a lead-in lines up with the area's name.
    const top = demonstrated.length === 0 ? { spacing: { before: 0 } } : {};
    if (group.leadIn) demonstrated.push(new Paragraph({ style: S.leadIn, ...top, children: runsOf(group.leadIn) }));
    demonstrated.push(
      ...listParagraphs(group.competencies, {
        ordered: false,
        styles: { bullet: S.listBullet, number: S.listNumber },
        counter: ctx.counter,
      }),
    );
  }
  demonstrated.push(...ctx.notes(area));
  if (demonstrated.length === 0) demonstrated.push(new Paragraph({})); // a cell needs a paragraph
  return new TableRow({
    cantSplit: keepsWhole(area, widths, ctx.textHeight) || undefined,
    children: [
      new TableCell({ width: { size: widths[0], type: WidthType.DXA }, children: areaCell }),
      new TableCell({ width: { size: widths[1], type: WidthType.DXA }, children: demonstrated }),
    ],
  });
}

/**
 * Whether to keep an area's row on one page (w:cantSplit). A short row is kept whole, so an area never starts at the foot
 * of a page with only its title; a row that would fill more than half a page may break, or it would leave half a page
 * empty before it (and one taller than a page has to break anyway). Heights are estimated from the text's length.
 */
export function keepsWhole(area: CompetencyArea, widths: number[], textHeight: number): boolean {
  const LINE = 260; // twips per line at 10 pt, with spacing
  const CHAR = 100; // average width of a character at 10 pt, in twips
  const linesIn = (text: string, width: number) => Math.max(1, Math.ceil((text.length * CHAR) / width));
  let right = 0;
  const items = (list: ListItem[], depth: number) => {
    for (const item of list) {
      right += linesIn(plainText(item.text) + codesSuffix(item.codes), widths[1] - 360 * (depth + 1) - 230) + 0.25;
      items(item.children, depth + 1);
    }
  };
  for (const group of area.groups) {
    if (group.leadIn) right += linesIn(plainText(group.leadIn), widths[1] - 230) + 0.5;
    items(group.competencies, 0);
  }
  for (const note of blocksOf(area.notes)) if (note.kind === 'paragraph') right += linesIn(plainText(note.text), widths[1]) + 0.5;
  const leftLines = 2 + area.areas.length + linesIn(area.name, widths[0]);
  return Math.max(right, leftLines) * LINE <= textHeight / 2;
}
