// Reads a PDF back with pdfjs-dist (independent of the writer): text, outline, page sizes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { restoreNativeBuiltins } from './native-builtins.js';

restoreNativeBuiltins();

export interface PdfFacts {
  pages: { width: number; height: number; text: string }[];
  /** Top-level bookmarks with the page (1-based) they point to, and their children's titles. */
  outline: { title: string; page: number; children: string[] }[];
  info: Record<string, unknown>;
  text: string;
}

/** pdfjs's getDocument, then the native functions put back (native-builtins.ts). */
export async function openPdf(
  data: Uint8Array,
  options: Record<string, unknown> = {},
): Promise<Awaited<ReturnType<typeof getDocument>['promise']>> {
  const doc = await getDocument({ data, verbosity: 0, ...options }).promise;
  restoreNativeBuiltins(); // the first document loads pdfjs's worker module, which replaces them again
  return doc;
}

/**
 * What pdfjs read from a file, by the file's bytes, for the whole test run: several test files read the same booklet
 * (each in its own worker), and a booklet takes pdfjs about half a second. Kept in the run's cache folder.
 */
const READS = process.env.CG_CACHE_DIR ? join(process.env.CG_CACHE_DIR, 'test-pdf-reads') : null;
let writes = 0;

export async function readPdf(path: string): Promise<PdfFacts> {
  const data = new Uint8Array(readFileSync(path));
  if (!READS) return read(data);
  const kept = join(READS, `${createHash('sha256').update(data).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(kept, 'utf8')) as PdfFacts;
  } catch {
    // not read yet in this run
  }
  const facts = await read(data);
  mkdirSync(READS, { recursive: true });
  // A name of its own per write: two reads of one file at once in this process must not share a temporary file.
  const tmp = `${kept}.${process.pid}-${++writes}`;
  writeFileSync(tmp, JSON.stringify(facts));
  renameSync(tmp, kept);
  return facts;
}

async function read(data: Uint8Array): Promise<PdfFacts> {
  const doc = await openPdf(data, { useSystemFonts: false });
  const pages: PdfFacts['pages'] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view;
    const content = await page.getTextContent();
    const text = content.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : '') : '')).join('');
    pages.push({ width: Math.round(x1 - x0), height: Math.round(y1 - y0), text });
  }
  const raw = (await doc.getOutline()) ?? [];
  const outline: PdfFacts['outline'] = [];
  for (const o of raw) {
    const dest = typeof o.dest === 'string' ? await doc.getDestination(o.dest) : o.dest;
    const page = dest ? (await doc.getPageIndex(dest[0] as never)) + 1 : 0;
    outline.push({
      title: o.title,
      page,
      children: (o.items ?? []).flatMap((c) => [c.title, ...(c.items ?? []).map((g: { title: string }) => g.title)]),
    });
  }
  const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> };
  await doc.loadingTask.destroy();
  return { pages, outline, info, text: pages.map((p) => p.text).join('\n') };
}
