// Advance widths and line heights of the metric-compatible stand-ins for Word's fonts: Carlito for Calibri and Caladea
// for Cambria (SIL OFL, from the @fontsource packages), so layout never depends on the fonts of the building machine.
// A face's widths (every character it has) are kept in the run's store and in the compiled copy of the code, so a
// document reads a small table instead of decompressing two fonts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { strFromU8, strToU8 } from 'fflate';
import * as fontkit from 'fontkit';
import type { KeptStore } from '../../context.js';
import { derivedFromCode } from '../../../util/code-derived.js';

const require = createRequire(import.meta.url);

export interface Face {
  /** Width of a string at `size` points, in twips. */
  width(text: string, sizePt: number): number;
  /** Height of one single-spaced line at `size` points, in twips (ascent + descent + line gap). */
  lineHeight(sizePt: number): number;
}

const FAMILIES: Record<string, string> = {
  calibri: 'carlito',
  cambria: 'caladea',
  carlito: 'carlito',
  caladea: 'caladea',
};

/** A face's metrics in em: its line height, and the advance of each character it has (others: its .notdef glyph's). */
interface FaceMetrics {
  line: number;
  notdef: number;
  advances: Record<number, number>;
}

/** A face's two font files (latin, latin-ext), and the advance of a character in em from the first that has it. */
function fontsOf(family: string, bold: boolean, italic: boolean) {
  const file = (subset: string) =>
    require.resolve(
      `@fontsource/${family}/files/${family}-${subset}-${bold ? 700 : 400}-${italic ? 'italic' : 'normal'}.woff`,
    );
  const fonts = ['latin', 'latin-ext'].map((s) => fontkit.create(readFileSync(file(s))));
  const [main] = fonts;
  // The advance from the hmtx table: a glyph's own advanceWidth would decode its outline (the glyf table, most of
  // the font's bytes) to no purpose.
  const advanceIn = (f: fontkit.Font, cp: number) => {
    const metrics = f.hmtx.metrics;
    return metrics.get(Math.min(f.glyphForCodePoint(cp).id, metrics.length - 1)).advance / f.unitsPerEm;
  };
  return {
    fonts,
    line: (main.hhea.ascent - main.hhea.descent + main.hhea.lineGap) / main.unitsPerEm,
    advance: (cp: number) => advanceIn(fonts.find((f) => f.hasGlyphForCodePoint(cp)) ?? main, cp),
  };
}

/** Every character's advance, to keep (a document then reads this small table instead of two fonts). */
function metricsOf(family: string, bold: boolean, italic: boolean): FaceMetrics {
  const { fonts, line, advance } = fontsOf(family, bold, italic);
  const advances: Record<number, number> = {};
  for (const f of fonts) for (const cp of f.characterSet) advances[cp] ??= advance(cp);
  return { line, notdef: advance(0xffff0), advances };
}

function faceFrom(line: number, advance: (cp: number) => number): Face {
  return {
    width(text, sizePt) {
      let w = 0;
      for (const ch of text) w += advance(ch.codePointAt(0)!);
      return w * sizePt * 20;
    },
    lineHeight: (sizePt) => Math.round(line * sizePt * 20),
  };
}

/** The faces the pagination uses, each loaded once a run (write/docx/memory.ts keeps them in the run's context). */
export class Faces {
  private loaded = new Map<string, Face>();
  constructor(private store: KeptStore | null = null) {}

  faceOf(font: string, bold: boolean, italic: boolean): Face {
    const family = FAMILIES[font.toLowerCase()] ?? 'caladea';
    const name = `${family}/${bold}/${italic}`;
    let face = this.loaded.get(name);
    if (!face) this.loaded.set(name, (face = this.load(family, bold, italic)));
    return face;
  }

  private load(family: string, bold: boolean, italic: boolean): Face {
    if (!this.store) {
      // Nothing kept: the characters this document uses, as it uses them.
      const { line, advance } = fontsOf(family, bold, italic);
      const seen = new Map<number, number>();
      return faceFrom(line, (cp) => seen.get(cp) ?? (seen.set(cp, advance(cp)), seen.get(cp)!));
    }
    const key = `docx-font-metrics:v1/${family}/${bold ? 'bold' : 'regular'}/${italic ? 'italic' : 'upright'}`;
    const kept = this.store.get(key);
    // Else from the compiled copy of the code, where the first process of this code kept them (a forced build reads no
    // store: decoding the seven faces a build uses took about 35 ms of it).
    const m = kept
      ? (JSON.parse(strFromU8(kept)) as FaceMetrics)
      : derivedFromCode(key, () => metricsOf(family, bold, italic));
    if (!kept) this.store.put(key, strToU8(JSON.stringify(m)));
    return faceFrom(m.line, (cp) => m.advances[cp] ?? m.notdef);
  }
}
