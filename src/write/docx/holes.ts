// What a part's XML cannot know alone, left as holes the document fills when it assembles its parts (part.ts,
// package.ts): bookmark ids (numbered through the document), the Contents' `_Toc` bookmarks (only a document with
// Contents has them), list numbering instances, section properties (headers, footers, how the section starts) and
// the relationship of a picture. A hole is written as U+0001 … U+0002, characters XML 1.0 cannot hold, so no text
// of the tree can look like one.
import type { El } from '../../xml/wordml.js';

export type Hole =
  /** A bookmark start with its name: the next bookmark id. */
  | { kind: 'bookmark'; name: string }
  /** The start of a heading's `_Toc` bookmark, k-th in its part (nothing in a document without Contents). */
  | { kind: 'toc'; k: number }
  /** The end of the innermost open bookmark. */
  | { kind: 'end' }
  /** `<w:numId>` of a list: `bullets`, or an ordered list's k-th instance in its part from `start`. */
  | { kind: 'num'; ordered: boolean; start: number; k: number }
  /** The section properties of the part's i-th section. */
  | { kind: 'section'; i: number }
  /** The relationship id of the part's picture. */
  | { kind: 'image' }
  /** A cell shaded in the edition's colour (a header row): the colour is bound when the document is assembled, so
   * editions of other colours share the part. */
  | { kind: 'accentShading' }
  /** The runs of the part's k-th read-only value (the packet id): bound when the document is assembled, so editions
   * share the part (compose/read-only-values.ts). */
  | { kind: 'readOnlyValue'; k: number };

export const OPEN = '\u0001';
export const CLOSE = '\u0002';

export function hole(h: Hole): El {
  return { name: '#hole', attrs: {}, children: [], text: `${OPEN}${JSON.stringify(h)}${CLOSE}`, hole: h } as El & {
    hole: Hole;
  };
}

export const holeOf = (e: El): Hole | undefined => (e as El & { hole?: Hole }).hole;
