// Renders one composed publication to PDF or Word bytes, in the run's context: in this thread (a context passed in),
// or in a worker thread of the pool, which keeps one context of its own for its life (its parts laid out, its fitted
// sizes), over the same store folder as the run that sent the job.
import type { Document } from '../compose/tree.js';
import type { RenderContext } from '../write/context.js';
import { writeDocx } from '../write/docx/write-docx.js';
import { writePdf } from '../write/pdf/document.js';
import { createRenderContext, type RunContext } from './context.js';
import { RunShare } from './run-share.js';

export interface RenderJob {
  format: 'pdf' | 'docx';
  document: Document;
  /** For a worker thread: the folder of the run's store (pipeline/context.ts); none: the run keeps nothing. */
  keep?: string;
  /** The run's store is fresh (a forced build): nothing kept before the run is read. */
  fresh?: boolean;
  /** The table of what the run's threads put in its store (run-share.ts). */
  share?: SharedArrayBuffer;
}

export interface RenderOutput {
  bytes: Uint8Array;
  pages?: number;
}

/** Renders a job in `ctx`. */
export async function renderIn(job: RenderJob, ctx: RenderContext): Promise<RenderOutput> {
  const t = performance.now();
  try {
    if (job.format === 'pdf') {
      const r = await writePdf(job.document, ctx);
      return { bytes: r.bytes, pages: r.pages };
    }
    return { bytes: await writeDocx(job.document, ctx) };
  } finally {
    ctx.trace(
      `${job.format} ${job.document.editionId} ${job.document.kind}${job.document.level ?? ''} ${Math.round(performance.now() - t)} ms`,
    );
  }
}

/** A worker thread's context, by what its jobs keep: one per thread for its life (a watch process's threads). */
const threadContexts = new Map<string, RunContext>();

/** The entry of a worker thread (render-worker-entry.mjs). */
export default function render(job: RenderJob): Promise<RenderOutput> {
  const which = `${job.fresh ? 'fresh' : ''}:${job.keep ?? ''}:${job.share ? new RunShare(job.share).id : ''}`;
  let ctx = threadContexts.get(which);
  if (!ctx)
    threadContexts.set(
      which,
      (ctx = createRenderContext(
        job.keep ? { keep: true, dir: job.keep, fresh: job.fresh === true, share: job.share } : { keep: false },
      )),
    );
  const made = ctx;
  // What the render put in the store is written before the result goes back: the pool may be closed after it.
  return renderIn(job, made).then(async (out) => {
    await made.store?.settled();
    return out;
  });
}
