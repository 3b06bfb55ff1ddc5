// Measuring a text's words looks their style up once per text (src/write/pdf/style-lookup.ts), not once per word as
// pdfmake's TextInlines.measure does: a packet and a chapter of mixed styles (bold labels, italic lead-ins, codes,
// tables, forms, lists) drawn both ways are the same bytes.
import { describe, expect, it } from 'vitest';
import { loadSource } from '../src/editions/source.js';
import { resolveEdition } from '../src/editions/edition.js';
import { composeBooklet } from '../src/compose/booklet.js';
import { composePacket } from '../src/compose/packet.js';
import type { Document } from '../src/compose/tree.js';
import { writePdf } from '../src/write/pdf/document.js';
import { bareContext } from '../src/write/context.js';
import { getPdfmake } from '../src/write/pdf/pdfmake.js';
import { lib, type Any } from '../src/write/pdf/pdfmake-internals.js';
import { PDFMAKE_MEASURE } from '../src/write/pdf/style-lookup.js';

async function withPdfmakeMeasure(doc: Document): Promise<Uint8Array> {
  getPdfmake();
  const proto = lib('TextInlines').prototype;
  const ours = proto.measure;
  proto.measure = proto[PDFMAKE_MEASURE] as Any;
  try {
    return (await writePdf(doc, bareContext())).bytes;
  } finally {
    proto.measure = ours;
  }
}

describe("a text's words measured with one style lookup", () => {
  it('draws a packet and a booklet chapter byte for byte as pdfmake measuring every word', async () => {
    const tree = loadSource(process.cwd());
    const edition = resolveEdition(
      tree,
      tree.editions.find((e) => e.id === 'michigan')!,
    );
    const level = edition.guidelines.levels.find((l) => l.level === 2)!;
    const packet = composePacket(edition, level, tree.packetTemplate).document;
    const booklet = composeBooklet(edition.id, edition.settings, edition.guidelines, edition.logo, edition.words);
    const chapter: Document = { ...booklet, parts: booklet.parts.filter((p) => 'id' in p && p.id === 'l2') };
    expect(chapter.parts.length).toBe(1);
    for (const doc of [packet, chapter]) {
      const ours = (await writePdf(doc, bareContext())).bytes;
      const theirs = await withPdfmakeMeasure(doc);
      expect(ours.length).toBeGreaterThan(10_000);
      expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
    }
  }, 60_000);
});
