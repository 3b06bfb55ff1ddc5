// Advance widths and line heights of the metric-compatible stand-ins for Word's fonts: Carlito for Calibri and Caladea
// for Cambria (SIL OFL, from the @fontsource packages), so layout never depends on the fonts of the building machine.
// A face's widths (every character it has) are kept in the run's store, so a document reads a small table instead of
// decompressing two fonts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { strFromU8, strToU8 } from 'fflate';
import * as fontkit from 'fontkit';
import type { KeptStore } from '../../context.js';

const require = createRequire(import.meta.url);

export interface Face {
  /** Width of a string at `size` points, in twips. */
  width(text: string, sizePt: number): number;
  /** Height of one single-spaced line at `size` points, in twips (ascent + descent + line gap). */
  lineHeight(sizePt: number): number;
}

const FAMILIES: Record<string, string> = { calibri: 'carlito', cambria: 'caladea', carlito: 'carlito', caladea: 'caladea' };

/** A face's metrics in em: its line height, and the advance of each character it has (others: its .notdef glyph's). */
interface FaceMetrics {
  line: number;
  notdef: number;
  advances: Record<number, number>;
}

function metricsOf(family: string, bold: boolean, italic: boolean): FaceMetrics {
  const file = (subset: string) => require.resolve(`@fontsource/${family}/files/${family}-${subset}-${bold ? 700 : 400}-${italic ? 'italic' : 'normal'}.woff`);
  const fonts = ['latin', 'latin-ext'].map((s) => fontkit.create(readFileSync(file(s))));
  const [main] = fonts;
  // The advance from the hmtx table: a glyph's own advanceWidth would decode its outline (the glyf table, most of
  // the font's bytes) to no purpose.
  const advance = (f: fontkit.Font, cp: number) => {
    const metrics = f.hmtx.metrics;
    return metrics.get(Math.min(f.glyphForCodePoint(cp).id, metrics.length - 1)).advance / f.unitsPerEm;
  };
  const advances: Record<number, number> = {};
  // The first font that has a character gives its width (latin before latin-ext).
  for (const f of [...fonts].reverse()) for (const cp of f.characterSet) advances[cp] = advance(f, cp);
  return { line: (main.hhea.ascent - main.hhea.descent + main.hhea.lineGap) / main.unitsPerEm, notdef: advance(main, 0xffff0), advances };
}

function faceFrom(m: FaceMetrics): Face {
  return {
    width(text, sizePt) {
      let w = 0;
      for (const ch of text) w += m.advances[ch.codePointAt(0)!] ?? m.notdef;
      return w * sizePt * 20;
    },
    lineHeight: (sizePt) => Math.round(m.line * sizePt * 20),
  };
}

/** The faces one document's pagination uses, each loaded once (made per document: no writer keeps state between calls). */
export class Faces {
  private loaded = new Map<string, Face>();
  constructor(private store: KeptStore | null = null) {}

  faceOf(font: string, bold: boolean, italic: boolean): Face {
    const family = FAMILIES[font.toLowerCase()] ?? 'caladea';
    const name = `${family}/${bold}/${italic}`;
    let face = this.loaded.get(name);
    if (!face) this.loaded.set(name, (face = faceFrom(this.metrics(family, bold, italic))));
    return face;
  }

  private metrics(family: string, bold: boolean, italic: boolean): FaceMetrics {
    const key = `docx-font-metrics:v1/${family}/${bold ? 'bold' : 'regular'}/${italic ? 'italic' : 'upright'}`;
    const kept = this.store?.get(key);
    if (kept) return JSON.parse(strFromU8(kept)) as FaceMetrics;
    const m = metricsOf(family, bold, italic);
    this.store?.put(key, strToU8(JSON.stringify(m)));
    return m;
  }
}
