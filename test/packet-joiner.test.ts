// The mail merge's joiner puts each applicant's pages in front of the shared packet and takes them out again: it
// must keep nothing of an applicant afterwards, or a 20,000-row merge grows with every row.
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { PacketJoiner } from '../src/mailmerge/join-pdf.js';
import { openPdf } from './helpers/pdf.js';

async function pdf(texts: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of texts) doc.addPage([300, 300]).drawText(text, { x: 20, y: 150, size: 12, font });
  return doc.save({ useObjectStreams: false });
}

describe('the packet joiner', () => {
  it('keeps no page of an applicant once their packet is made, and makes each packet the same whatever came before', async () => {
    const joiner = await PacketJoiner.create(await pdf(['Shared one', 'Shared two']));
    const pageMap = (joiner as unknown as { doc: { pageMap: Map<unknown, unknown> } }).doc.pageMap;
    const held = () => pageMap.size;
    const ann = await pdf(['Letter to Ann']);
    // (The first join gives the shared file a form of its own, which the packets of the real merge already have.)
    await joiner.join(await pdf(['Warm-up']), true);
    const first = await joiner.join(ann, true);
    const before = held();
    for (let i = 0; i < 5; i++) await joiner.join(await pdf([`Letter ${i}`, `Form ${i}`, `Extra ${i}`]), true);
    expect(held()).toBe(before);
    expect(held()).toBeLessThanOrEqual(2);
    // Ann's packet again: the same bytes, her page, a blank back, then the shared pages.
    const again = await joiner.join(ann, true);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    const doc = await openPdf(again.slice());
    const texts: string[] = [];
    for (let p = 1; p <= doc.numPages; p++)
      texts.push(
        (await (await doc.getPage(p)).getTextContent()).items
          .map((i) => ('str' in i ? i.str : ''))
          .join('')
          .trim(),
      );
    await doc.loadingTask.destroy();
    expect(texts).toEqual(['Letter to Ann', '', 'Shared one', 'Shared two']);
  });
});
