// Tree blocks to Word paragraphs and tables: headings, prose, lists, tables, the Competency Detail,
// the glossary, the Impact Map, and a packet's checklists, forms, logs and letters.
import { bookmarkName } from '../../text/bookmark.js';
import type { Block, Definitions, ParagraphRole } from '../../compose/tree.js';
import { el, type El } from '../../xml/wordml.js';
import { cellContent, dropSpacers, type BlockContext } from './block-context.js';
import { competencyTable } from './competency-table.js';
import { checklist, form, log } from './form.js';
import { bookmarked } from './bookmark.js';
import { headingParagraph } from './heading.js';
import { impactMap } from './impact-map.js';
import { runsOf } from './inline.js';
import { letter } from './letter.js';
import { listParagraphs } from './numbering.js';
import { S } from './styles.js';
import { plainTable } from './table.js';
import { para, run } from './wml.js';

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

export function renderBlocks(blocks: Block[], ctx: BlockContext): El[] {
  // A block right after a page break, or first in its section, is at the top of a page.
  return dropSpacers(
    blocks.flatMap((b, i) =>
      renderBlock(b, i === 0 ? ctx : { ...ctx, cellTop: false }, i === 0 || blocks[i - 1].kind === 'pageBreak'),
    ),
  );
}

function renderBlock(block: Block, ctx: BlockContext, atPageTop: boolean): El[] {
  const cell = (blocks: Block[]) => cellContent(blocks, ctx);
  switch (block.kind) {
    case 'heading':
      return [headingParagraph(block, ctx.counters)];
    case 'paragraph':
      // "\n" inside a run is a line break; runsOf writes every "\n" as one.
      return [
        para(
          { style: paragraphStyle(block.role, ctx), ...(ctx.cellTop ? { spacing: { before: 0 } } : {}) },
          runsOf(block.runs),
        ),
      ];
    case 'list':
      if (block.style === 'plain') return block.items.map((it) => para({ style: S.areaList }, runsOf(it.runs)));
      return listParagraphs(block.items, {
        ordered: block.style === 'number',
        start: block.start,
        styles: { bullet: S.listBullet, number: S.listNumber },
        counters: ctx.counters,
      });
    case 'table':
      if (block.role === 'competencyDetail') return competencyTable(block, ctx, cell);
      return plainTable(block, ctx.textWidth, ctx.accentShading, cell);
    case 'impactMap':
      return impactMap(block, ctx);
    case 'definitions':
      return glossary(block);
    case 'checklist':
      return checklist(block.id, block.items);
    case 'form':
      return form(block);
    case 'log':
      return log(block, ctx.textWidth, ctx.accentShading);
    case 'letter':
      // A letter with an address has its page to itself: the address is placed where the envelope's window is.
      return letter(block, { startsPage: atPageTop, pageBreakBefore: !atPageTop });
    case 'pageBreak':
      // As Word writes Ctrl+Enter: a paragraph holding a page break, which a person sees and can delete.
      return [para({}, [run({ children: [el('w:br', { 'w:type': 'page' })] })])];
  }
}

/** "Term: definition", the term in bold. */
function glossary(d: Definitions): El[] {
  return d.entries.map((entry) =>
    para({ style: S.glossaryEntry }, [
      ...bookmarked(bookmarkName(entry.id), [run({ text: entry.term, bold: true })]),
      run({ text: ': ' }),
      ...runsOf(entry.definition),
    ]),
  );
}
