// Reads a PDF back with pdfjs-dist (independent of the writer): text, outline, page sizes.
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfFacts {
  pages: { width: number; height: number; text: string }[];
  outline: { title: string; children: string[] }[];
  info: Record<string, unknown>;
  text: string;
}

export async function readPdf(path: string): Promise<PdfFacts> {
  const data = new Uint8Array(readFileSync(path));
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: PdfFacts['pages'] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    const text = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
    pages.push({ width: Math.round(x1 - x0), height: Math.round(y1 - y0), text });
  }
  const raw = (await doc.getOutline()) ?? [];
  const outline = raw.map((o) => ({ title: o.title, children: (o.items ?? []).flatMap((c) => [c.title, ...(c.items ?? []).map((g: { title: string }) => g.title)]) }));
  const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
  await doc.destroy();
  return { pages, outline, info, text: pages.map((p) => p.text).join('\n') };
}
