// Advance widths and line heights of the metric-compatible stand-ins for Word's fonts: Carlito for Calibri and Caladea
// for Cambria (SIL OFL, from the @fontsource packages), so layout never depends on the fonts of the building machine.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

export interface Face {
  /** Width of a string at `size` points, in twips. */
  width(text: string, sizePt: number): number;
  /** Height of one single-spaced line at `size` points, in twips (ascent + descent + line gap). */
  lineHeight(sizePt: number): number;
}

const FAMILIES: Record<string, string> = { calibri: 'carlito', cambria: 'caladea', carlito: 'carlito', caladea: 'caladea' };

function load(family: string, bold: boolean, italic: boolean): Face {
  const file = (subset: string) => require.resolve(`@fontsource/${family}/files/${family}-${subset}-${bold ? 700 : 400}-${italic ? 'italic' : 'normal'}.woff`);
  const fonts = ['latin', 'latin-ext'].map((s) => fontkit.create(readFileSync(file(s))));
  const [main] = fonts;
  const em = main.unitsPerEm;
  const widths = new Map<number, number>();
  const advance = (cp: number): number => {
    let w = widths.get(cp);
    if (w === undefined) {
      const f = fonts.find((x) => x.hasGlyphForCodePoint(cp)) ?? main;
      w = f.glyphForCodePoint(cp).advanceWidth / f.unitsPerEm;
      widths.set(cp, w);
    }
    return w;
  };
  const line = (main.hhea.ascent - main.hhea.descent + main.hhea.lineGap) / em;
  return {
    width(text, sizePt) {
      let w = 0;
      for (const ch of text) w += advance(ch.codePointAt(0)!);
      return w * sizePt * 20;
    },
    lineHeight: (sizePt) => Math.round(line * sizePt * 20),
  };
}

/** The faces one document's pagination loads, each once (made per document: no writer keeps state between calls). */
export class Faces {
  private loaded = new Map<string, Face>();
  faceOf(font: string, bold: boolean, italic: boolean): Face {
    const family = FAMILIES[font.toLowerCase()] ?? 'caladea';
    const key = `${family}/${bold}/${italic}`;
    let face = this.loaded.get(key);
    if (!face) this.loaded.set(key, (face = load(family, bold, italic)));
    return face;
  }
}
