// What the Word writer keeps for one run (a build's render thread, a watch process, a mail merge thread), in its
// RenderContext: a writer keeps nothing in its modules. Everything here is found by content, so a document's bytes never
// depend on what the run wrote before.
import type { RenderContext } from '../context.js';
import { DeflatedEntries } from './zip.js';

export interface DocxMemory {
  /** Package entries deflated in this run. */
  deflated: DeflatedEntries;
}

export function docxMemory(ctx: RenderContext): DocxMemory {
  return (ctx.docx ??= { deflated: new DeflatedEntries() } satisfies DocxMemory) as DocxMemory;
}
