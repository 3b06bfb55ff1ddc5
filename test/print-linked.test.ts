// The print PDF written from the screen PDF's objects as they are (linked-print.ts) is the print PDF pdf-lib makes by
// parsing and saving the whole file (print.ts's parsedPrint): the same pages, boxes, text and pixels. A file the object
// reader does not take (object streams) is printed by pdf-lib.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFContext, PDFDocument, PDFName, PDFNumber } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { outFile } from './helpers/built.js';
import { readPdf } from './helpers/pdf.js';
import { parsedPrint, printPdf } from '../src/write/print/print.js';
import { readPdfFile } from '../src/write/print/pdf-file.js';
import { bareContext } from '../src/write/context.js';
import type { Document } from '../src/compose/tree.js';

const hasPdftoppm = spawnSync('sh', ['-c', 'command -v pdftoppm']).status === 0;

async function boxes(bytes: Uint8Array): Promise<number[][][]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return pdf.getPages().map((p) =>
    ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox'].map((k) =>
      p.node
        .lookup(PDFName.of(k), PDFArray)
        .asArray()
        .map((v) => (v as PDFNumber).asNumber()),
    ),
  );
}

describe('the print PDF from the screen PDF’s objects', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-print-linked-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is the print PDF pdf-lib makes: pages, boxes, text and pixels (texas: a cover band, a landscape map)', async () => {
    const screen = readFileSync(outFile('texas', 'competency-guidelines.pdf'));
    const doc = { parts: [{ kind: 'cover', color: '#7a1f2b' }] } as unknown as Document;
    expect(readPdfFile(screen, PDFContext.create())).not.toBeNull();
    const linked = await printPdf(doc, bareContext(), { screen, cropMarks: true });
    const parsed = await parsedPrint(screen, {
      coverIndex: 0,
      coverColor: '#7a1f2b',
      bandShare: 0.62,
      cropMarks: true,
    });
    expect(linked.pages).toBe(parsed.pages);
    expect(await boxes(linked.bytes)).toEqual(await boxes(parsed.bytes));
    // A landscape page (the map) is on a portrait sheet in both.
    expect((await boxes(linked.bytes)).some(([, , , trim]) => trim[2] < trim[3])).toBe(true);
    writeFileSync(join(dir, 'linked.pdf'), linked.bytes);
    writeFileSync(join(dir, 'parsed.pdf'), parsed.bytes);
    const [a, b] = await Promise.all([readPdf(join(dir, 'linked.pdf')), readPdf(join(dir, 'parsed.pdf'))]);
    expect(a.pages).toEqual(b.pages);
    expect(a.outline).toEqual(b.outline);
    // Not bigger: the screen PDF's objects are not serialized again.
    expect(linked.bytes.length).toBeLessThan(parsed.bytes.length);
    if (!hasPdftoppm) return;
    const render = (f: string) => execFileSync('pdftoppm', ['-r', '24', join(dir, f)], { maxBuffer: 256 << 20 });
    expect(render('linked.pdf').equals(render('parsed.pdf'))).toBe(true);
  });

  it('reads no objects of a file that is not one classic table, however short', () => {
    expect(readPdfFile(new Uint8Array(), PDFContext.create())).toBeNull();
    expect(readPdfFile(new TextEncoder().encode('%PDF-1.7\nstartxref\n9\n%%EOF'), PDFContext.create())).toBeNull();
  });

  it('prints a file with object streams by pdf-lib', async () => {
    const screen = await (
      await PDFDocument.load(readFileSync(outFile('michigan', 'competency-guidelines.pdf')), { updateMetadata: false })
    ).save({ useObjectStreams: true });
    expect(readPdfFile(screen, PDFContext.create())).toBeNull();
    const doc = { parts: [{ kind: 'cover', color: '#123456' }] } as unknown as Document;
    const print = await printPdf(doc, bareContext(), { screen, cropMarks: false });
    const [, , bleed, trim] = (await boxes(print.bytes))[0];
    expect(trim).toEqual([0, 0, 612, 792]);
    expect(bleed).toEqual([-9, -9, 621, 801]);
  });
});
