// Renders one composed publication to PDF or Word bytes; runs in a worker thread of the pool.
import type { Document } from '../compose/tree.js';
import { writeDocx } from '../write/docx/write-docx.js';
import { writePdf } from '../write/pdf/document.js';
import { partStore } from './part-cache.js';

export interface RenderJob {
  format: 'pdf' | 'docx';
  document: Document;
  /** Where rendered parts are kept between builds (pipeline/part-cache.ts); none: each part is still rendered once per thread. */
  partsDir?: string;
}

export interface RenderOutput {
  bytes: Uint8Array;
  pages?: number;
}

export default async function render(job: RenderJob): Promise<RenderOutput> {
  const t = performance.now();
  try {
    return await renderJob(job);
  } finally {
    if (process.env.CG_TRACE) console.error(`${job.format} ${job.document.editionId} ${job.document.kind}${job.document.level ?? ''} ${Math.round(performance.now() - t)} ms`);
  }
}

async function renderJob(job: RenderJob): Promise<RenderOutput> {
  if (job.format === 'pdf') {
    const r = await writePdf(job.document, job.partsDir ? partStore(job.partsDir) : null);
    return { bytes: r.bytes, pages: r.pages };
  }
  return { bytes: await writeDocx(job.document, { store: job.partsDir ? partStore(job.partsDir) : null, trace: () => {} }) };
}
