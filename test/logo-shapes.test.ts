// Logos of any shape: centred on the white tile of the PDF cover (read from the page's content stream with pdfjs), and
// on a white backing in Word, in their own proportions (read from the DOCX XML).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.js';
import { readDocxParts } from './helpers/docx.js';
import { openPdf } from './helpers/pdf.js';

const project = process.cwd();
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** An edition with one level and the logo, built; its booklet's PDF and Word files. */
async function editionWithLogo(logo: string): Promise<{ pdf: string; docx: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-logo-'));
  temps.push(dir);
  cpSync(join(project, 'source'), join(dir, 'source'), { recursive: true });
  cpSync(join(project, 'templates'), join(dir, 'templates'), { recursive: true });
  mkdirSync(join(dir, 'source/editions/example'));
  writeFileSync(
    join(dir, 'source/editions/example/edition.yaml'),
    'association:\n  name: Example Association for Infant Mental Health\n  abbreviation: EX-AIMH\npublicationDate: 2026-01-15\ncopyrightLine: © MI-AIMH\ncoverColor: "#00695c"\nlogo: logo.png\nlevels: [1]\n',
  );
  writeFileSync(join(dir, 'source/editions/example/logo.png'), readFileSync(join(project, 'test/fixtures/logo', logo)));
  await build({ project: dir, editions: ['example'], force: true, workers: 1 });
  return {
    pdf: join(dir, 'out/example/competency-guidelines.pdf'),
    docx: join(dir, 'out/example/competency-guidelines.docx'),
  };
}

type Matrix = [number, number, number, number, number, number];
const times = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** Where the cover's image is drawn, in points from the page's top left corner: the unit square through its matrix. */
async function imageOnCover(path: string): Promise<{ left: number; top: number; width: number; height: number }> {
  const doc = await openPdf(new Uint8Array(readFileSync(path)), { useSystemFonts: false });
  try {
    const page = await doc.getPage(1);
    const pageHeight = page.view[3];
    const ops = await page.getOperatorList();
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const saved: Matrix[] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      if (fn === OPS.save) saved.push(ctm);
      else if (fn === OPS.restore) ctm = saved.pop() ?? ctm;
      else if (fn === OPS.transform) ctm = times(ops.argsArray[i] as Matrix, ctm);
      else if (fn === OPS.paintImageXObject) {
        const xs = [ctm[4], ctm[0] + ctm[4]];
        const ys = [ctm[5], ctm[3] + ctm[5]];
        return {
          left: Math.min(...xs),
          top: pageHeight - Math.max(...ys),
          width: Math.abs(ctm[0]),
          height: Math.abs(ctm[3]),
        };
      }
    }
    throw new Error('no image on the cover');
  } finally {
    await doc.loadingTask.destroy();
  }
}

// The tile: 96 pt square, at the right margin (68 pt) of a Letter page, 40 pt from the top; the logo fits 80 pt.
const TILE = { centreX: 612 - 68 - 48, centreY: 40 + 48 };

describe('logos of any shape', () => {
  for (const [logo, size, shape] of [
    ['wide.png', [250, 100], 'wide (2.5:1)'],
    ['tall.png', [100, 250], 'tall (1:2.5)'],
    ['logo.png', [64, 64], 'square'],
  ] as const) {
    it(`a ${shape} logo sits centred on the PDF cover's tile and on a white backing in Word`, async () => {
      const files = await editionWithLogo(logo);
      const img = await imageOnCover(files.pdf);
      const scale = 80 / Math.max(...size);
      expect(img.width).toBeCloseTo(size[0] * scale, 1);
      expect(img.height).toBeCloseTo(size[1] * scale, 1);
      expect(img.left + img.width / 2).toBeCloseTo(TILE.centreX, 1);
      expect(img.top + img.height / 2).toBeCloseTo(TILE.centreY, 1);

      const xml = readDocxParts(files.docx)['word/document.xml'];
      const drawing = /<w:drawing>[\s\S]*?<\/w:drawing>/.exec(xml)![0];
      const [, cx, cy] = /<wp:extent cx="(\d+)" cy="(\d+)"/.exec(drawing)!.map(Number);
      // In its proportions, at most 1.6 in wide and 0.65 in tall (914400 EMU an inch).
      expect(cx / cy).toBeCloseTo(size[0] / size[1], 1);
      expect(cx).toBeLessThanOrEqual(1.61 * 914400);
      expect(cy).toBeLessThanOrEqual(0.66 * 914400);
      expect(Math.max(cx / (1.6 * 914400), cy / (0.65 * 914400))).toBeGreaterThan(0.95);
      // The picture's cell is shaded white.
      const cells = xml.split('<w:tc>');
      const cell = cells.find((c) => c.includes('<w:drawing>'))!;
      expect(cell).toMatch(/<w:shd [^>]*w:fill="FFFFFF"/);
    }, 120_000);
  }
});
