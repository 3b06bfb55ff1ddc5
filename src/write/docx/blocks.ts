// Tree blocks to Word paragraphs and tables: headings, prose, lists, tables, the Competency Detail,
// the glossary, the Impact Map, and a packet's checklists, forms, logs and letters.
import { dropSpacers } from './table.js';
import { Bookmark, HeadingLevel, PageBreak, Paragraph, Table, TextRun, type FileChild } from 'docx';
import { bookmarkName } from '../../text/bookmark.js';
import { listedInContents, type Block, type Definitions, type Heading, type ParagraphRole } from '../../compose/tree.js';
import { competencyTable } from './competency-table.js';
import { checklist, form, log } from './form.js';
import { impactMap } from './impact-map.js';
import { runsOf } from './inline.js';
import { letter } from './letter.js';
import { listParagraphs, type ListCounter } from './numbering.js';
import { S } from './styles.js';
import { plainTable } from './table.js';

export interface BlockContext {
  textWidth: number;
  textHeight: number;
  accent: string;
  counter: ListCounter;
  /** Inside a table cell: body text in the table's text style. */
  inCell?: boolean;
  /** The block is the first in its cell: no space above it, so it lines up with the cell beside it. */
  cellTop?: boolean;
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

function paragraphStyle(role: ParagraphRole, ctx: BlockContext): string | undefined {
  switch (role) {
    case 'body':
      return ctx.inCell ? S.tableText : undefined;
    case 'leadIn':
      return S.leadIn;
    case 'note':
      return S.note;
    case 'label':
      return S.areasLabel;
    case 'small':
    case 'muted':
      return S.copyright;
  }
}

/**
 * A heading listed in the contents is Heading 1–3 (the Contents field takes those). One left out of it is still a
 * heading at its own level (its outline level, so headings never skip a level for a screen reader or Word's
 * Accessibility Checker), in the "Minor Heading" style, which the Contents field (built-in heading styles) leaves out.
 */
export function headingParagraph(b: Heading, extra: { spacing?: { before: number }; keepNext?: boolean } = {}): Paragraph {
  // The heading's id as an invisible bookmark around its text (import:edition maps an edited file back by it).
  const children = [new Bookmark({ id: bookmarkName(b.id), children: [new TextRun(b.text)] })];
  if (listedInContents(b)) return new Paragraph({ heading: HEADINGS[b.level - 1], children, ...extra });
  return new Paragraph({ style: S.minorHeading, outlineLevel: Math.min(b.level, 9) - 1, children, ...extra });
}

export function renderBlocks(blocks: Block[], ctx: BlockContext): FileChild[] {
  // A block right after a page break, or first in its section, is at the top of a page.
  return dropSpacers(blocks.flatMap((b, i) => renderBlock(b, i === 0 ? ctx : { ...ctx, cellTop: false }, i === 0 || blocks[i - 1].kind === 'pageBreak')));
}

/** Blocks inside a table cell: paragraphs and tables only, and at least one paragraph (Word needs it). */
export function cellContent(blocks: Block[], ctx: BlockContext): (Paragraph | Table)[] {
  const out = dropSpacers(
    blocks.flatMap((b, i) => renderBlocks([b], { ...ctx, inCell: true, cellTop: i === 0 })).filter((c): c is Paragraph | Table => c instanceof Paragraph || c instanceof Table),
  );
  return out.length ? out : [new Paragraph({})];
}

function renderBlock(block: Block, ctx: BlockContext, atPageTop: boolean): FileChild[] {
  switch (block.kind) {
    case 'heading':
      return [headingParagraph(block)];
    case 'paragraph':
      // "\n" inside a run is a line break; runsOf writes every "\n" as one.
      return [new Paragraph({ style: paragraphStyle(block.role, ctx), ...(ctx.cellTop ? { spacing: { before: 0 } } : {}), children: runsOf(block.runs) })];
    case 'list':
      if (block.style === 'plain') return block.items.map((it) => new Paragraph({ style: S.areaList, children: runsOf(it.runs) }));
      return listParagraphs(block.items, {
        ordered: block.style === 'number',
        start: block.start,
        styles: { bullet: S.listBullet, number: S.listNumber },
        counter: ctx.counter,
      });
    case 'table':
      if (block.role === 'competencyDetail') return competencyTable(block, ctx, (blocks) => cellContent(blocks, ctx));
      return plainTable(block, ctx.textWidth, ctx.accent, (blocks) => cellContent(blocks, ctx));
    case 'impactMap':
      return impactMap(block, { ...ctx, notes: (blocks) => renderBlocks(blocks, ctx) });
    case 'definitions':
      return glossary(block);
    case 'checklist':
      return checklist(block.id, block.items);
    case 'form':
      return form(block);
    case 'log':
      return log(block, ctx.textWidth, ctx.accent);
    case 'letter':
      // A letter with an address has its page to itself: the address is placed where the envelope's window is.
      return letter(block, { startsPage: atPageTop, pageBreakBefore: !atPageTop });
    case 'pageBreak':
      // As Word writes Ctrl+Enter: a paragraph holding a page break, which a person sees and can delete.
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/** "Term: definition", the term in bold. */
function glossary(d: Definitions): Paragraph[] {
  return d.entries.map(
    (entry) =>
      new Paragraph({
        style: S.glossaryEntry,
        children: [new Bookmark({ id: bookmarkName(entry.id), children: [new TextRun({ text: entry.term, bold: true })] }), new TextRun({ text: ': ' }), ...runsOf(entry.definition)],
      }),
  );
}
