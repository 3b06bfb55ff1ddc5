// The one place the writer-fixture test (writer-fixtures.test.ts) calls the writers. The writers are moving to one
// signature, `write(doc, ctx)` with a RenderContext (src/write/context.ts): when they do, only this file changes.
import { strFromU8, unzipSync } from 'fflate';
import type { Document } from '../../src/compose/tree.js';
import { bareContext } from '../../src/write/context.js';
import { writeDocx } from '../../src/write/docx/write-docx.js';
import { writePdf } from '../../src/write/pdf/document.js';
import { writeWebSite } from '../../src/write/web/site.js';

export interface RenderedTree {
  /** The Word file's body part, word/document.xml, as written. */
  documentXml: string;
  pdf: Uint8Array;
  /**
   * The web writer's HTML pages by name (index.html, one a part) for a booklet, the only kind the web edition is made
   * of (none for a packet or a letter); its style, scripts, search index and fonts are left out.
   */
  html: Map<string, string>;
}

export async function renderTree(doc: Document): Promise<RenderedTree> {
  // A context that keeps nothing: each case is rendered from its tree alone.
  const ctx = bareContext();
  const pdf = await writePdf(doc, ctx);
  const docx = unzipSync(await writeDocx(doc, ctx));
  const html = new Map<string, string>();
  const site =
    doc.kind === 'booklet'
      ? writeWebSite(doc, ctx, { pdf: 'competency-guidelines.pdf', docx: 'competency-guidelines.docx' })
      : [];
  for (const f of site) {
    if (f.path.endsWith('.html') && f.path !== 'search.html') html.set(f.path, strFromU8(f.bytes));
  }
  return { documentXml: strFromU8(docx['word/document.xml']), pdf: pdf.bytes, html };
}
