// A trial layout (fitting an Impact Map's font size) is there for its page count: it is laid out in full, its footer
// counts its pages, and nothing of it is drawn.
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import { getPdfmake } from '../src/write/pdf/pdfmake.js';
import { asTrial } from '../src/write/pdf/pdfmake-run.js';

const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

async function laidOut(trial: boolean): Promise<{ pages: number; bytes: Uint8Array }> {
  let pages = 0;
  const def = {
    pageSize: 'LETTER',
    defaultStyle: { font: 'Serif', fontSize: 30 },
    footer: (_page: number, count: number) => ((pages = count), null),
    content: [{ text: words }],
  };
  const bytes: Uint8Array = await getPdfmake()
    .createPdf(trial ? asTrial(def) : def)
    .getBuffer();
  return { pages, bytes };
}

describe('a trial layout', () => {
  it('counts the pages a layout takes and draws none of them', async () => {
    const [drawn, trial] = [await laidOut(false), await laidOut(true)];
    expect(drawn.pages).toBeGreaterThan(2);
    expect(trial.pages).toBe(drawn.pages);
    const fontsOf = async (bytes: Uint8Array) =>
      (await PDFDocument.load(bytes, { updateMetadata: false })).context
        .enumerateIndirectObjects()
        .filter(
          ([, o]) => 'get' in o && (o as { get(n: PDFName): unknown }).get(PDFName.of('Type')) === PDFName.of('Font'),
        ).length;
    expect(await fontsOf(drawn.bytes)).toBeGreaterThan(0);
    expect(await fontsOf(trial.bytes)).toBe(0);
    expect(trial.bytes.length).toBeLessThan(drawn.bytes.length / 4);
  });
});
