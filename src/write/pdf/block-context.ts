// What rendering a block needs besides the block, and the block renderer as a value: the Competency Detail table
// (competency-table.ts) takes the renderer for the blocks inside its cells as a parameter, as pandoc's
// Writers/Docx/Table.hs does, so that it need not import blocks.ts, which imports it.
import type { Block } from '../../compose/tree.js';
import type { FieldSpots } from './forms.js';
import type { MapGeometry } from './impact-map.js';
import type { Node } from './inline.js';

export interface BlockContext {
  /** The chapter the blocks are in: the parent of its bookmarks. */
  chapterId: string;
  accent: string;
  landscape: MapGeometry;
  /** Fitted font sizes of Impact Maps, by map id. */
  mapFonts: Map<string, number>;
  spots: FieldSpots;
  contentWidth: number;
}

/** Renders one block of a cell in the context the table was given. */
export type RenderBlock = (b: Block) => Node[];
