// The TrueType subsets written from the fonts' bytes (write/pdf/parts/ttf-subset.ts) are the bytes fontkit's own
// subsetter writes, for every font the PDF writer embeds by glyph id, with composite glyphs and their components.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fallbackFile, FONT_FILES } from '../src/text/fonts.js';
import { componentSlots, orderedSubset, RawFont } from '../src/write/pdf/parts/ttf-subset.js';

const require = createRequire(import.meta.url);
// fontkit as pdfkit loads it.
const fontkit = require(
  require.resolve('fontkit', { paths: [require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] })] }),
) as {
  create(b: Uint8Array): {
    numGlyphs: number;
    createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array; glyphs: number[] };
  };
};

const files = [
  ...Object.values(FONT_FILES).flatMap((styles) => Object.values(styles).map((f) => f.path)),
  fallbackFile('NotoHebrew', '400Regular').path,
  fallbackFile('NotoArabic', '700Bold').path,
  fallbackFile('NotoDevanagari', '400Regular').path,
];

describe('TrueType subsets from the font bytes', () => {
  it.each(files.map((f) => [f.replace(/.*\//, ''), f]))('writes fontkit’s bytes for %s', (_name, path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const raw = new RawFont(bytes);
    expect(raw.copyable).toBe(true);
    const font = fontkit.create(bytes);
    const composite: number[] = [];
    for (let gid = 1; gid < font.numGlyphs && composite.length < 12; gid++)
      if (componentSlots(raw.glyph(gid)).length) composite.push(gid);
    // The Source fonts' accented letters are composite: their components come along.
    if (path.includes('Source')) expect(composite.length).toBe(12);
    const sets = [
      [1, 2, 3],
      [...composite, 5, 40, 41, 42],
      Array.from({ length: Math.min(300, font.numGlyphs - 1) }, (_, i) => font.numGlyphs - 1 - 3 * i).filter(
        (g) => g > 0,
      ),
    ];
    for (const used of sets) {
      const subset = font.createSubset();
      for (const gid of used) subset.includeGlyph(gid);
      const expected = subset.encode();
      const ours = orderedSubset(raw, used);
      expect(ours.glyphIds).toEqual(subset.glyphs);
      expect(Buffer.from(ours.file).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('renumbers a composite glyph’s components to their places in the subset', () => {
    const path = FONT_FILES.Serif.normal.path;
    const raw = new RawFont(new Uint8Array(readFileSync(path)));
    let gid = 1;
    while (!componentSlots(raw.glyph(gid)).length) gid++;
    const { file, glyphIds } = orderedSubset(raw, [gid]);
    expect(glyphIds[0]).toBe(0);
    expect(glyphIds[1]).toBe(gid);
    expect(glyphIds.length).toBeGreaterThan(2);
    const subset = new RawFont(file);
    expect(subset.numGlyphs).toBe(glyphIds.length);
    const data = subset.glyph(1);
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const components = componentSlots(data).map((at) => view.getUint16(at));
    // Each component is a glyph of the subset, the one with that glyph's id in the font.
    for (const c of components) {
      expect(c).toBeGreaterThan(1);
      expect(c).toBeLessThan(glyphIds.length);
    }
    const original = raw.glyph(gid);
    const originalView = new DataView(original.buffer, original.byteOffset, original.byteLength);
    expect(components.map((c) => glyphIds[c])).toEqual(
      componentSlots(original).map((at) => originalView.getUint16(at)),
    );
  });
});
