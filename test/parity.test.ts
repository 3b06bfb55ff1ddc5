// Parity: the PDF and the Word file say what the document tree says, in the same order.
//
// The tree is composed again here from source/ (as the build composes it); both outputs of the
// test build are read back with independent readers (pdfjs-dist, the .docx XML) and every text of
// the tree must be found in each, in reading order, part by part. The Word headings (Heading 1–3,
// table cells included) must equal the PDF's bookmarks, and every bookmark must land on its heading.
import { beforeAll, describe, expect, it } from 'vitest';
import { openPdf } from './helpers/pdf.js';
import { readFileSync } from 'node:fs';
import { composeBooklet } from '../src/compose/booklet.js';
import { composePacket } from '../src/compose/packet.js';
import type { Document } from '../src/compose/tree.js';
import { resolveEdition, type Edition } from '../src/editions/edition.js';
import { loadSource } from '../src/editions/source.js';
import { outFile } from './helpers/built.js';
import { decodeXml, readDocxParts } from './helpers/docx.js';
import { bookmarkTitles, documentTexts, missingInOrder } from './helpers/tree-text.js';

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, '');

interface Bookmark {
  title: string;
  /** Where it points: its page (1-based) and the top of its target, from the bottom of the page. */
  page: number;
  top: number | null;
  named: boolean;
  pageHeight: number;
}

/**
 * The PDF's text in drawing order without its page furniture, and its bookmarks in order (nested ones flattened).
 * The running head and the footer sit in the top and bottom 50 pt of a page, outside the text block: left out, so a
 * paragraph that runs on to the next page reads as one.
 */
async function pdfFacts(path: string): Promise<{ text: string; bookmarks: Bookmark[]; pageTexts: string[] }> {
  const doc = await openPdf(new Uint8Array(readFileSync(path)));
  const pageTexts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const height = page.view[3];
    const content = await page.getTextContent();
    const inBody = (y: number) => y > 50 && y < height - 50;
    pageTexts.push(content.items.map((it) => ('str' in it && inBody(it.transform[5]) ? it.str : '')).join(''));
  }
  const bookmarks: Bookmark[] = [];
  type Item = { title: string; dest: string | unknown[] | null; items: Item[] };
  const walk = async (items: Item[]) => {
    for (const o of items) {
      const dest = (typeof o.dest === 'string' ? await doc.getDestination(o.dest) : o.dest) as unknown[] | null;
      const page = dest ? (await doc.getPageIndex(dest[0] as never)) + 1 : 0;
      const height = page ? (await doc.getPage(page)).view[3] : 0;
      bookmarks.push({
        title: o.title,
        page,
        top: dest && typeof dest[3] === 'number' ? dest[3] : null,
        named: typeof o.dest === 'string',
        pageHeight: height,
      });
      await walk(o.items ?? []);
    }
  };
  await walk(((await doc.getOutline()) ?? []) as Item[]);
  await doc.loadingTask.destroy();
  return { text: pageTexts.join(''), bookmarks, pageTexts };
}

/** The Word file's text in document order, and its Heading 1–3 paragraphs' text. */
function wordFacts(path: string): { text: string; headings: string[] } {
  const xml = readDocxParts(path)['word/document.xml'];
  const paragraphs = xml.split(/<\/w:p>/);
  const textOf = (p: string) =>
    [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1])).join('');
  return {
    text: paragraphs.map(textOf).join(''),
    headings: paragraphs.filter((p) => /<w:pStyle w:val="Heading[123]"\/>/.test(p)).map(textOf),
  };
}

let editions: Map<string, Edition>;
let template: ReturnType<typeof loadSource>['packetTemplate'];
beforeAll(() => {
  const tree = loadSource(process.cwd());
  template = tree.packetTemplate;
  editions = new Map(tree.editions.map((s) => [s.id, resolveEdition(tree, s)]));
});

const cases: { name: string; file: string; compose: () => Document }[] = [
  ...['michigan', 'michigan-revised', 'texas', 'new-mexico'].map((id) => ({
    name: `${id} booklet`,
    file: `${id}/competency-guidelines`,
    compose: () => {
      const e = editions.get(id)!;
      return composeBooklet(e.id, e.settings, e.guidelines, e.logo);
    },
  })),
  ...[
    ['new-mexico', 2],
    ['texas', 4],
  ].map(([id, level]) => ({
    name: `${id} Level ${level} packet`,
    file: `${id}/packet-level-${level}`,
    compose: () => {
      const e = editions.get(id as string)!;
      return composePacket(
        e,
        e.guidelines.levels.find((l) => l.level === level)!,
        template,
      ).document;
    },
  })),
];

describe('PDF and Word say what the document tree says', () => {
  for (const c of cases) {
    describe(c.name, () => {
      let doc: Document;
      let pdf: Awaited<ReturnType<typeof pdfFacts>>;
      let word: ReturnType<typeof wordFacts>;
      beforeAll(async () => {
        doc = c.compose();
        pdf = await pdfFacts(outFile(`${c.file}.pdf`));
        word = wordFacts(outFile(`${c.file}.docx`));
      });

      it('has every text of the tree in the PDF, in order', () => {
        expect(documentTexts(doc).length).toBeGreaterThan(100);
        expect(missingInOrder(doc, pdf.text)).toEqual([]);
      });

      it('has every text of the tree in the Word file, in order', () => {
        expect(missingInOrder(doc, word.text)).toEqual([]);
      });

      it('makes the same headings Word headings and PDF bookmarks: the contents entries', () => {
        const expected = bookmarkTitles(doc);
        expect(expected.length).toBeGreaterThan(10);
        expect(pdf.bookmarks.map((b) => b.title)).toEqual(expected);
        expect(word.headings).toEqual(expected);
      });

      it('points every bookmark at its heading, not at the top of its page', () => {
        for (const b of pdf.bookmarks) {
          expect(b.named, b.title).toBe(true);
          expect(b.top, b.title).not.toBeNull();
          // The heading's own place: below the running head, never the page's top edge.
          expect(b.top!, b.title).toBeLessThan(b.pageHeight - 50);
          expect(squash(pdf.pageTexts[b.page - 1]), b.title).toContain(squash(b.title));
        }
      });
    });
  }
});
