// The print file written from compiled pages (mail merge): each packet's own pages, then its edition and level's shared
// pages, whose content is written once a file; blank backs so each packet starts on a right-hand page; no form fields.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDocument, PDFName, StandardFonts } from '@cantoo/pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrintFileWriter } from '../src/mailmerge/print-file-writer.js';
import { printPagesOf, type PrintPages } from '../src/mailmerge/print-pages.js';
import { readPdf } from './helpers/pdf.js';

async function pdf(pages: string[], field?: string): Promise<PrintPages> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) doc.addPage([612, 792]).drawText(text, { x: 72, y: 700, size: 14, font });
  if (field) doc.getForm().createTextField(field).addToPage(doc.getPage(0), { x: 72, y: 600 });
  // Read back, as the merge has them: parsed from their bytes.
  return printPagesOf(await PDFDocument.load(await doc.save()));
}

describe('a print file written from compiled pages', () => {
  let dir: string;
  let shared: PrintPages;
  let ann: PrintPages;
  let bo: PrintPages;
  const write = (name: string) => {
    const w = new PrintFileWriter(join(dir, name));
    w.add('michigan/1', shared, ann);
    w.add('michigan/1', shared, bo);
    w.finish();
    return { pages: w.pageCount, bytes: readFileSync(join(dir, name)) };
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cg-print-writer-'));
    shared = await pdf(['Shared one', 'Shared two', 'Shared three'], 'signature');
    ann = await pdf(['Letter to Ann']);
    bo = await pdf(['Letter to Bo', 'Form of Bo']);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts each packet on a right-hand page: own pages, a blank back when odd, the shared pages', async () => {
    const { pages } = write('print.pdf');
    const read = await readPdf(join(dir, 'print.pdf'));
    expect(read.pages.map((p) => p.text.trim())).toEqual([
      'Letter to Ann',
      '',
      'Shared one',
      'Shared two',
      'Shared three',
      '',
      'Letter to Bo',
      'Form of Bo',
      'Shared one',
      'Shared two',
      'Shared three',
      '',
    ]);
    expect(pages).toBe(12);
    expect(read.pages.every((p) => p.width === 612 && p.height === 792)).toBe(true);
  });

  it("writes the shared pages' content once: the second packet's shared pages are new pages on the same content", async () => {
    const doc = await PDFDocument.load(readFileSync(join(dir, 'print.pdf')));
    const pages = doc.getPages();
    for (const [first, again] of [
      [2, 8],
      [3, 9],
      [4, 10],
    ]) {
      expect(pages[first].ref).not.toBe(pages[again].ref);
      // The same content objects (pdf-lib draws into an array of content streams): "[ 5 0 R ]" for both.
      const contents = String(pages[first].node.get(PDFName.of('Contents')));
      expect(contents).toMatch(/\d+ 0 R/);
      expect(String(pages[again].node.get(PDFName.of('Contents')))).toBe(contents);
    }
    // For the printer: no form field, no widget on a page.
    expect(pages.some((p) => p.node.lookupMaybe(PDFName.of('Annots'), PDFArray))).toBe(false);
    expect(doc.catalog.get(PDFName.of('AcroForm'))).toBeUndefined();
  });

  it('writes the same bytes for the same packets', () => {
    expect(write('again.pdf').bytes.equals(readFileSync(join(dir, 'print.pdf')))).toBe(true);
  });
});
