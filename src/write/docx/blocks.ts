// A chapter's blocks to Word paragraphs and tables: headings, prose, lists, tables, Competency Detail, glossary, and a
// packet's checklists, forms, logs and letters.
import { HeadingLevel, PageBreak, Paragraph, Table, TextRun, type FileChild } from 'docx';
import { blocksOf } from '../../compose/booklet.js';
import type { DocBlock } from '../../compose/document.js';
import type { Block, GlossaryEntry } from '../../model/schema.js';
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
  /** The sender over a letter that starts a page (the association). */
  letterhead?: string;
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
const PARAGRAPH_STYLE = { body: undefined, lines: undefined, leadIn: S.leadIn, note: S.note } as const;

export function renderBlocks(blocks: DocBlock[], ctx: BlockContext): FileChild[] {
  // A block right after a page break, or first in its section, is at the top of a page.
  return blocks.flatMap((b, i) => renderBlock(b, ctx, i === 0 || blocks[i - 1].kind === 'pageBreak'));
}

function renderBlock(block: DocBlock, ctx: BlockContext, atPageTop: boolean): FileChild[] {
  switch (block.kind) {
    case 'heading':
      // A heading left out of the table of contents (toc: false) is still a real heading, one level below the
      // Contents' range (Heading 4), so it shows in Word's navigation pane but not in the TOC (\o "1-3").
      return [new Paragraph({ heading: block.toc ? HEADINGS[block.level - 1] : HeadingLevel.HEADING_4, text: block.text })];
    case 'paragraph':
      // 'lines' keeps its "\n" as line breaks; runsOf writes every "\n" as one.
      return [new Paragraph({ style: PARAGRAPH_STYLE[block.style], children: runsOf(block.text) })];
    case 'list':
      return listParagraphs(block.items, {
        ordered: block.ordered,
        start: block.start,
        styles: { bullet: S.listBullet, number: S.listNumber },
        counter: ctx.counter,
      });
    case 'table':
      return plainTable(block.header, block.rows, ctx.textWidth, ctx.accent);
    case 'competencyTable':
      return competencyTable(block.areas, { ...ctx, notes: (area) => noteBlocks(area.notes, ctx) });
    case 'impactMap':
      return impactMap(block.title, block.map, { ...ctx, notes: (map) => noteBlocks(map.notes, ctx) });
    case 'glossary':
      return block.entries.map(glossaryEntry);
    case 'checklist':
      return checklist(block.items);
    case 'form':
      return form(block.form, ctx.textWidth);
    case 'log':
      return log(block.log, ctx.textWidth, ctx.accent);
    case 'letter':
      // A letter with an address has its page to itself: the address is placed where the envelope's window is.
      return letter(block.letter, { letterhead: ctx.letterhead, startsPage: atPageTop, pageBreakBefore: !atPageTop });
    case 'pageBreak':
      // As Word writes Ctrl+Enter: a paragraph holding a page break, which a person sees and can delete.
      return [new Paragraph({ children: [new PageBreak()] })];
  }
}

/** Notes under an area or a map: the model's blocks, their paragraphs in the Note style. */
function noteBlocks(blocks: Block[], ctx: BlockContext): (Paragraph | Table)[] {
  const asNotes = blocksOf(blocks).map((b): DocBlock => (b.kind === 'paragraph' && b.style === 'body' ? { ...b, style: 'note' } : b));
  return renderBlocks(asNotes, ctx).filter((c): c is Paragraph | Table => c instanceof Paragraph || c instanceof Table);
}

/** "Term: definition", the term in bold. */
function glossaryEntry(entry: GlossaryEntry): Paragraph {
  return new Paragraph({
    style: S.glossaryEntry,
    children: [new TextRun({ text: entry.term, bold: true }), new TextRun({ text: ': ' }), ...runsOf(entry.definition)],
  });
}
