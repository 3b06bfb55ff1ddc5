// pdf-lib's names and numbers made cheaper (src/pdf/fast-objects.ts) are what pdf-lib's own constructors make: the same
// name instances, numbers written with the same text, and a parsed file saved again byte for byte.
import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFNumber, PDFRef } from '@cantoo/pdf-lib';
import { originalObjects } from '../src/pdf/fast-objects.js';

describe('pdf-lib names and numbers', () => {
  const original = originalObjects();

  it('makes the instance pdf-lib makes for a name, escaped or not', () => {
    for (const name of ['Type', 'Font', 'A#20B', 'Lime#2FGreen', 'F1', 'Adobe#23Green', '']) {
      expect(PDFName.of(name)).toBe(original.name(name));
      expect(PDFName.of(name)).toBe(PDFName.of(name));
    }
    expect(PDFName.of('A#20B').decodeText()).toBe('A B');
  });

  it('writes a number as pdf-lib writes it', () => {
    const values = [0, -0, 1, -1, 612, 792.5, 0.1 + 0.2, -12.345678, 1e-7, -3.2e-9, 1e21, 2.5e25, 123456789012, NaN];
    for (let i = 0; i < 500; i++) values.push((Math.random() - 0.5) * 10 ** Math.floor(Math.random() * 12 - 6));
    for (const v of values) {
      const ours = PDFNumber.of(v);
      expect(ours).toBeInstanceOf(PDFNumber);
      expect(ours.toString()).toBe(original.number(v).toString());
      expect(ours.sizeInBytes()).toBe(original.number(v).sizeInBytes());
      expect(Object.is(ours.asNumber(), v) || Number.isNaN(v)).toBe(true);
    }
  });

  it('makes the reference pdf-lib makes', () => {
    for (const n of [0, 1, 2, 17, 4096, 123456]) {
      expect(PDFRef.of(n)).toBe(original.ref(n, 0));
      expect(PDFRef.of(n, 0).toString()).toBe(`${n} 0 R`);
    }
    expect(PDFRef.of(5, 2)).toBe(original.ref(5, 2));
    expect(PDFRef.of(5, 2).toString()).toBe('5 2 R');
  });

  it('saves a parsed file again with the same bytes', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const page = doc.addPage([612.5, 792]);
    page.drawRectangle({ x: 10.25, y: 20.125, width: 100.0625, height: 0.3 });
    doc.context.obj({ Odd: PDFName.of('Lime#2FGreen'), N: [1e-7, 3.75, -0] });
    const bytes = await doc.save({ useObjectStreams: false });
    const again = await (await PDFDocument.load(bytes, { updateMetadata: false })).save({ useObjectStreams: false });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
