// The print PDF: trim, bleed and crop marks on every page, the cover's band into the bleed, maps on portrait sheets;
// the screen PDF untouched. Boxes are read with @cantoo/pdf-lib, the cover's corner is rendered by poppler (pdftoppm).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PDFArray, PDFDocument, PDFName, PDFNumber, type PDFPage } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { manifest, outFile } from './helpers/built.js';

const EDITIONS = ['michigan', 'michigan-revised', 'texas', 'new-mexico'];
const FINISHED = { LETTER: [612, 792], A4: [595.28, 841.89] };

function boxOf(page: PDFPage, name: string): number[] | null {
  const box = page.node.lookupMaybe(PDFName.of(name), PDFArray);
  return box ? box.asArray().map((v) => (v as PDFNumber).asNumber()) : null;
}

const load = async (path: string) => PDFDocument.load(readFileSync(path), { updateMetadata: false });
const hasPdftoppm = spawnSync('sh', ['-c', 'command -v pdftoppm']).status === 0;

/** The first page rendered at 144 dpi: pixel (x, y) from the top-left of the sheet (the MediaBox). */
function renderFirstPage(path: string): (x: number, y: number) => [number, number, number] {
  const ppm = execFileSync('pdftoppm', ['-r', '144', '-f', '1', '-l', '1', path], { maxBuffer: 64 << 20 });
  const header = ppm.subarray(0, 20).toString('latin1').split(/\s+/);
  const [width] = [Number(header[1])];
  const start = ppm.indexOf(0x0a, ppm.indexOf(0x0a, ppm.indexOf(0x0a) + 1) + 1) + 1;
  return (x, y) => {
    const i = start + (y * width + x) * 3;
    return [ppm[i], ppm[i + 1], ppm[i + 2]];
  };
}

describe('the print PDF', () => {
  for (const id of EDITIONS) {
    it(`${id}: every page has a trim of the finished size, 9 pt of bleed and room for crop marks; maps on portrait sheets`, async () => {
      const entry = manifest().files.find((f) => f.edition === id && f.kind === 'print');
      expect(entry?.path).toBe(`${id}/competency-guidelines-print.pdf`);
      const print = await load(outFile(entry!.path));
      const screen = await load(outFile(id, 'competency-guidelines.pdf'));
      expect(print.getPageCount()).toBe(screen.getPageCount());
      expect(entry!.pages).toBe(print.getPageCount());
      const [w, h] = FINISHED[screen.getPage(0).getWidth() > 600 ? 'LETTER' : 'A4'];
      let turned = 0;
      print.getPages().forEach((page, i) => {
        const trim = boxOf(page, 'TrimBox')!;
        const bleed = boxOf(page, 'BleedBox')!;
        const media = boxOf(page, 'MediaBox')!;
        expect(trim.map((v) => Math.round(v))).toEqual([0, 0, Math.round(w), Math.round(h)]);
        expect(
          [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]].every((d) => d >= 9),
          `page ${i + 1} bleed`,
        ).toBe(true);
        expect(
          [bleed[0] - media[0], bleed[1] - media[1], media[2] - bleed[2], media[3] - bleed[3]].every((d) => d >= 18),
          `page ${i + 1} marks`,
        ).toBe(true);
        const s = screen.getPage(i);
        if (s.getWidth() > s.getHeight()) turned++;
      });
      // The Impact Maps are landscape pages on screen (every edition has Level 4's), portrait sheets in print.
      expect(turned).toBeGreaterThanOrEqual(2);
    });
  }

  it('leaves the screen PDF without trim, bleed or marks', async () => {
    for (const id of EDITIONS) {
      const screen = await load(outFile(id, 'competency-guidelines.pdf'));
      for (const page of screen.getPages()) {
        expect(boxOf(page, 'TrimBox')).toBeNull();
        expect(boxOf(page, 'BleedBox')).toBeNull();
        expect(boxOf(page, 'MediaBox')![0]).toBe(0);
      }
    }
  });

  it.runIf(hasPdftoppm || process.env.CI)(
    'prints the cover colour to the bleed edge and crop marks outside the bleed',
    () => {
      const pixel = renderFirstPage(outFile('michigan', 'competency-guidelines-print.pdf'));
      // 144 dpi: 2 px a point. The sheet's corner is 33 pt beyond the trim: marks, then 9 pt of bleed.
      const cover = [0x1f, 0x4e, 0x79];
      const near = (p: number[], q: number[]) => p.every((v, k) => Math.abs(v - q[k]) <= 12);
      expect(near(pixel(2 * (33 - 5), 2 * (33 - 5)), cover), 'top-left corner of the bleed').toBe(true);
      expect(near(pixel(2 * (33 + 612 + 5), 2 * (33 + 100)), cover), 'right edge of the bleed').toBe(true);
      expect(near(pixel(2 * 5, 2 * 5), [255, 255, 255]), 'the sheet beyond the bleed').toBe(true);
      // A crop mark along the trim's top edge, 12–30 pt left of the trim: darker than the paper.
      const mark = pixel(2 * (33 - 20), 2 * 33);
      expect(Math.max(...mark), 'crop mark').toBeLessThan(230);
    },
  );
});
