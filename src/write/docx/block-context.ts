// What rendering a block needs besides the block: the text block's size, the accent's shading, the part's counters, and the block
// renderer itself, passed in (as pandoc's Writers/Docx/Table.hs is given its block writer), so the tables, the Impact
// Map and the Competency Detail render their cells without importing blocks.ts.
import type { Block } from '../../compose/tree.js';
import type { El } from '../../xml/wordml.js';
import { hole } from './holes.js';

/** Counters of one part: its ordered lists and its Contents headings, which the document numbers through. */
export class PartCounters {
  private lists = 0;
  /** The part's Heading 1–3 paragraphs, in order: the Contents' entries. */
  readonly headings: { level: number; text: string }[] = [];
  /** An ordered list's numbering instance. */
  orderedList(start: number): El {
    return hole({ kind: 'num', ordered: true, start, k: this.lists++ });
  }
  /** The `_Toc` bookmark of a Heading 1–3 paragraph. */
  contentsHeading(level: number, text: string): El {
    this.headings.push({ level, text });
    return hole({ kind: 'toc', k: this.headings.length - 1 });
  }
}

export interface BlockContext {
  textWidth: number;
  textHeight: number;
  /** Header cells' shading in the edition's colour (a hole: the document binds the colour). */
  accentShading: El;
  counters: PartCounters;
  /** Renders blocks in this context (blocks.ts's renderBlocks). */
  render: (blocks: Block[], ctx: BlockContext) => El[];
  /** Inside a table cell: body text in the table's text style. */
  inCell?: boolean;
  /** The block is the first in its cell: no space above it, so it lines up with the cell beside it. */
  cellTop?: boolean;
}

/** Blocks inside a table cell: at least one paragraph (Word needs it), no spacer a paragraph follows. */
export function cellContent(blocks: Block[], ctx: BlockContext): El[] {
  const out = dropSpacers(blocks.flatMap((b, i) => ctx.render([b], { ...ctx, inCell: true, cellTop: i === 0 })));
  return out.length ? out : [{ name: 'w:p', attrs: {}, children: [], text: '' }];
}

/** A spacer is marked on the element itself (nothing kept in the module between calls). */
type Spacer = El & { spacer?: true };

/**
 * The empty paragraph after a table: Word joins two tables that touch, and a cell or a section must not end with a
 * table. Where a paragraph follows anyway, `dropSpacers` removes it: no blank paragraphs as spacing (accessibility).
 */
export function spacer(): El {
  const p: Spacer = { name: 'w:p', attrs: {}, children: [], text: '', spacer: true };
  return p;
}

/** Removes the spacers a paragraph follows (the paragraph's own spacing before does the work). */
export function dropSpacers(children: El[]): El[] {
  return children.filter((c, i) => !((c as Spacer).spacer && children[i + 1]?.name === 'w:p'));
}
