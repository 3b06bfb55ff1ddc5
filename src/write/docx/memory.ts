// What the Word writer keeps for one run (a build's render thread, a watch process, a mail merge thread), in its
// RenderContext: a writer keeps nothing in its modules. Everything here is found by content (a part's key, a frame's
// key, an entry's bytes), so a document's bytes never depend on what the run wrote before; a forced build, which has
// no store, still makes each part and frame once.
import type { RenderContext } from '../context.js';
import type { CutXml } from './cut.js';
import type { Frame } from './frame.js';
import { Held } from './held.js';
import type { KeptPart } from './part.js';
import { Faces } from './pagination/fonts.js';
import type { Styles } from './pagination/properties.js';
import { DeflatedEntries } from './zip.js';

export interface DocxMemory {
  /** Package entries deflated in this run. */
  deflated: DeflatedEntries;
  /** Parts made or read from the store, with their measures (a chapter's are tens of kB of XML). */
  parts: Held<KeptPart>;
  /** docx's styles, numbering and fixed parts, by frame key (frame.ts). */
  frames: Held<Frame>;
  /** The styles read from a frame's styles.xml, for measuring. */
  styles: WeakMap<Uint8Array, Styles>;
  /** Kept parts' sections cut at their holes (cut.ts), by section. */
  cuts: WeakMap<object, CutXml>;
  /** The faces of Word's fonts (their widths read once a run). */
  faces: Faces;
}

export function docxMemory(ctx: RenderContext): DocxMemory {
  ctx.docx ??= {
    deflated: new DeflatedEntries(8 * 1024 * 1024),
    parts: new Held(32),
    frames: new Held(16),
    styles: new WeakMap(),
    cuts: new WeakMap(),
    faces: new Faces(ctx.store),
  } satisfies DocxMemory;
  return ctx.docx as DocxMemory;
}
