// Tree blocks to pdfmake nodes: headings, prose, lists, tables, the glossary, the Impact Map,
// forms, logs, checklists and letters. Fonts, sizes and breaks are decided here, content never.
import { listedInContents, type Block, type Heading } from '../../compose/tree.js';
import { competencyTable, LONGEST_WHOLE_ROW } from './competency-table.js';
import { checklistNodes, formNodes, logNodes } from './forms.js';
import { impactMapNodes } from './impact-map.js';
import { bulletList, orderedList, plainList, runs, type Node } from './inline.js';
import { letterNodes } from './letter.js';
import { linesOf } from '../measure.js';
import type { BlockContext } from './block-context.js';
import { HEADER_FILL, ruledLayout } from './theme.js';

/** Characters on a line of body text across the page, for the rough measure of what a page holds. */
const BODY_CHARS = 90;
import { headingRole, newTag, tag } from './tagging/tags.js';

export type { BlockContext } from './block-context.js';

const tocMargins = { 1: [0, 9, 0, 1], 2: [12, 1, 0, 1], 3: [24, 1, 0, 1] } as const;

/** A heading; one listed in the contents is also a bookmark, under its chapter's. */
export function headingNode(b: Heading, chapterId: string, style = `h${Math.min(b.level, 3)}`): Node {
  const node: Node = tag({ text: b.text, style, id: b.id, headlineLevel: b.level }, headingRole(b.level));
  if (listedInContents(b)) {
    const level = b.level;
    Object.assign(node, { tocItem: true, tocStyle: `toc${level}`, tocMargin: tocMargins[level] });
    Object.assign(node, {
      outline: true,
      outlineId: b.id,
      ...(b.id !== chapterId ? { outlineParentId: chapterId } : {}),
    });
  }
  return node;
}

const PARAGRAPH_STYLES = {
  body: 'body',
  leadIn: 'leadIn',
  note: 'note',
  label: 'areasLabel',
  small: 'small',
  muted: 'muted',
} as const;

export function blockNodes(b: Block, ctx: BlockContext): Node[] {
  switch (b.kind) {
    case 'heading':
      return [headingNode(b, ctx.chapterId)];
    case 'paragraph':
      return [tag({ text: runs(b.runs), style: PARAGRAPH_STYLES[b.role] }, 'P')];
    case 'list':
      if (b.style === 'plain') return [plainList(b.items)];
      return [b.style === 'number' ? orderedList(b.items, b.start) : bulletList(b.items)];
    case 'table':
      if (b.role === 'competencyDetail') return [competencyTable(b, ctx, (block) => blockNodes(block, ctx))];
      return [plainTable(b, ctx)];
    case 'definitions':
      // An entry is never split across pages, unless it might not fit one (pdfmake would drop it).
      return b.entries.map((e) => ({
        stack: [
          tag(
            {
              text: [{ text: e.term, style: 'glossTerm' }, { text: ': ' }, ...runs(e.definition)],
              style: 'body',
              id: e.id,
            },
            'P',
          ),
        ],
        unbreakable:
          linesOf(
            [{ kind: 'paragraph', role: 'body', runs: [{ text: e.term + ': ' }, ...e.definition] }],
            BODY_CHARS,
          ) <= LONGEST_WHOLE_ROW,
      }));
    case 'impactMap':
      return impactMapNodes(
        b,
        ctx.accent,
        ctx.chapterId,
        ctx.landscape,
        (notes) => notes.flatMap((n) => blockNodes(n, ctx)),
        ctx.mapFonts.get(b.id),
      );
    case 'checklist':
      return checklistNodes(b.id, b.items, ctx.spots);
    case 'form':
      return formNodes(b, ctx.contentWidth, ctx.spots);
    case 'log':
      return logNodes(b, ctx.contentWidth, ctx.spots);
    case 'letter':
      return letterNodes(b, ctx.accent);
    case 'pageBreak':
      return [{ text: '', pageBreak: 'after' }];
  }
}

/** Cell blocks as one stack (a cell of a table). */
export function cellNodes(blocks: Block[], ctx: BlockContext): Node {
  return { stack: blocks.flatMap((b) => blockNodes(b, ctx)) };
}

/** A cell of plain text is its text, with no paragraph spacing; other cells stack their blocks. */
function tableCell(blocks: Block[], ctx: BlockContext, row: ReturnType<typeof newTag>): Node {
  const [only] = blocks;
  return tag(
    blocks.length === 1 && only.kind === 'paragraph' ? { text: runs(only.runs) } : cellNodes(blocks, ctx),
    'TD',
    { via: [row] },
  );
}

function plainTable(b: Extract<Block, { kind: 'table' }>, ctx: BlockContext): Node {
  const pad = 6;
  const widths = b.columns.map((c) => Math.floor(ctx.contentWidth * c.share) - 2 * pad - 1);
  const head = newTag('TR');
  // Rows are kept whole, unless one might not fit a page (pdfmake would drop it).
  const whole = b.rows.every((r) =>
    r.cells.every((c, i) => linesOf(c.blocks, BODY_CHARS * (b.columns[i]?.share ?? 1)) <= LONGEST_WHOLE_ROW),
  );
  return {
    pdfTag: newTag('Table'),
    table: {
      headerRows: 1,
      keepWithHeaderRows: whole ? 1 : 0,
      dontBreakRows: whole,
      widths,
      body: [
        b.columns.map((c) =>
          tag({ text: runs(c.title), style: 'tableHeader', fillColor: HEADER_FILL }, 'TH', {
            scope: 'Column',
            via: [head],
          }),
        ),
        ...b.rows.map((r) => {
          const row = newTag('TR');
          return r.cells.map((c) => tableCell(c.blocks, ctx, row));
        }),
      ],
    },
    layout: ruledLayout(pad, 4),
    margin: [0, 4, 0, 10],
  };
}
