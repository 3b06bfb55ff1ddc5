// What belongs to one pdfmake run (one document laid out and drawn): its tag session, whether it is a trial layout,
// what the layout guard found. It travels with the run's own objects, never in a module, so two documents laid out in
// one thread (interleaved at an await) cannot see each other's: the document definition's content carries it in, and
// the patches (tagging/hooks.ts, layout-guard.ts) find it on the LayoutBuilder, its PageElementWriter and the pdfkit
// document of the run.
import type { TagSession } from './tagging/session.js';
import { lib, wrap, type Any } from './pdfmake-internals.js';

export interface PdfmakeRun {
  /** The structure being recorded (null: an untagged document, a measurement). */
  tags: TagSession | null;
  /** A trial layout (fitting an Impact Map's font size): the layout guard lets it find what does not fit. */
  trial: boolean;
  /** Layout guard: lines laid out inside page furniture or an absolutely placed node are bound by the page. */
  placedDepth: number;
  /** Layout guard: blocks pdfmake dropped (taller than a page), in this layout pass. */
  lost: { page: number; text: string }[];
}

const RUN = Symbol.for('competency-guidelines.pdfmake-run');

export function newRun(tags: TagSession | null = null, trial = false): PdfmakeRun {
  return { tags, trial, placedDepth: 0, lost: [] };
}

/** A document definition whose layout carries `run` (its content is marked; the definition is not changed). */
export function withRun<T extends { content: unknown }>(def: T, run: PdfmakeRun): T {
  const content = Array.isArray(def.content) ? [...def.content] : { ...(def.content as object) };
  (content as Any)[RUN] = run;
  return { ...def, content };
}

/** A trial layout's definition: the layout guard does not stop it (it is there to find what does not fit). */
export function asTrial<T extends { content: unknown }>(def: T): T {
  return withRun(def, newRun(null, true));
}

/** The run of a LayoutBuilder, its PageElementWriter or its pdfkit document (none: a layout before the patches). */
export function runOf(owner: Any): PdfmakeRun | undefined {
  return owner?.[RUN];
}

/**
 * Carries the run from the content to the layout's objects: installed before the other patches, so that theirs find it.
 * A layout whose content carries none (the furniture, a letter's measurement) gets a run of its own.
 */
export function installRunCarrier(): void {
  const LayoutBuilder = lib('LayoutBuilder');
  wrap(LayoutBuilder.prototype, 'layoutDocument', (original, self, args) => {
    const run: PdfmakeRun = args[0]?.[RUN] ?? newRun();
    self[RUN] = run;
    if (args[1]) args[1][RUN] = run;
    return original.apply(self, args);
  });
  wrap(LayoutBuilder.prototype, 'processNode', (original, self, args) => {
    if (self.writer && self.writer[RUN] !== self[RUN]) self.writer[RUN] = self[RUN];
    return original.apply(self, args);
  });
  // A trial layout is there for its page count: nothing of it is drawn (its pages are left blank).
  wrap(lib('Renderer').prototype, 'renderPages', (original, self, args) =>
    runOf(self.pdfDocument)?.trial ? undefined : original.apply(self, args),
  );
}
