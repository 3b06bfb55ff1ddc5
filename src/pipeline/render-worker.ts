// Renders one composed publication to PDF or Word bytes; runs in a worker thread of the pool.
import type { Publication } from '../compose/document.js';
import { writeBookletDocx } from '../write/docx/booklet.js';
import { writeBookletPdf } from '../write/pdf/booklet.js';

export interface RenderJob {
  format: 'pdf' | 'docx';
  publication: Publication;
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
    if (process.env.CG_TRACE) console.error(`${job.format} ${job.publication.editionId} ${job.publication.kind}${job.publication.level ?? ''} ${Math.round(performance.now() - t)} ms`);
  }
}

async function renderJob(job: RenderJob): Promise<RenderOutput> {
  if (job.format === 'pdf') {
    const r = await writeBookletPdf(job.publication);
    return { bytes: r.bytes, pages: r.pages };
  }
  return { bytes: await writeBookletDocx(job.publication) };
}
