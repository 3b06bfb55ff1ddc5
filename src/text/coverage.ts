// Which font prints each character of a text, in what order the runs are drawn, and how wide they are: what the PDF
// writer sets names and addresses with, and what the checks of source/ and of rosters ask before anything is drawn.
//
// fontkit shapes each run (Arabic joining, Devanagari conjuncts) and reverses a right-to-left run itself; the order
// of the runs in a line is the Unicode Bidirectional Algorithm's (bidi-js), applied here.
import bidiModule from 'bidi-js';
import { face, type Base, type Fallback, type Family } from './fonts.js';
import { eastAsianLanguage, HAN, isEastAsian } from './scripts.js';

/** Marks and joiners belong to the character before them: a font change there would break the cluster. */
const CLUSTER_CONTINUES = /[\p{M}\u200c\u200d\ufe00-\ufe0f]/u;
/** Spaces and punctuation keep the font of the text around them when it has them. */
const NEUTRAL = /[\s\p{P}\p{S}\p{N}]/u;
/** Text every base font prints whole: nothing to look up (the common case, kept as fast as before). */
const PLAIN = /^[\u0000-\u007e\u00a0-\u017f\u2013\u2014\u2018-\u201e\u2022\u2026]*$/;

/**
 * The fallback chain for a text. East Asian text takes the font of its language first (scripts.ts); Chinese is
 * Traditional when its font has every Han character of the text (it lacks the simplified forms), else Simplified.
 */
function chainFor(text: string): Fallback[] {
  const cjk: Fallback[] = [];
  if (isEastAsian(text)) {
    const language = eastAsianLanguage(text);
    if (language === 'japanese') cjk.push('NotoJP');
    else if (language === 'korean') cjk.push('NotoKR');
    else if ([...text].filter((c) => HAN.test(c)).every((c) => face('NotoTC').hasGlyphForCodePoint(c.codePointAt(0)!)))
      cjk.push('NotoTC');
    cjk.push('NotoSC', 'NotoTC', 'NotoJP', 'NotoKR');
  }
  return [...new Set<Fallback>(['NotoHebrew', 'NotoArabic', 'NotoDevanagari', ...cjk])];
}

/** Whether a fallback could hold the character at all (so Latin text never opens a CJK font to ask). */
function mayHold(family: Fallback, cp: number): boolean {
  switch (family) {
    case 'NotoHebrew':
      return (cp >= 0x0590 && cp <= 0x05ff) || (cp >= 0xfb1d && cp <= 0xfb4f);
    case 'NotoArabic':
      return (cp >= 0x0600 && cp <= 0x08ff) || (cp >= 0xfb50 && cp <= 0xfeff);
    case 'NotoDevanagari':
      return (cp >= 0x0900 && cp <= 0x097f) || (cp >= 0xa8e0 && cp <= 0xa8ff) || (cp >= 0x1cd0 && cp <= 0x1cff);
    default:
      return cp >= 0x1100;
  }
}

export interface Piece {
  text: string;
  family: Family;
  /** Bidi embedding level: odd is right to left. */
  level: number;
}

// bidi-js is CommonJS whose types declare an ES default export: take the factory from whichever shape loads.
const bidiFactory = ((bidiModule as unknown as { default?: unknown }).default ??
  bidiModule) as unknown as typeof import('bidi-js').default;
const bidi = bidiFactory();

/** The first character no font can print, or null. */
export function unprintable(text: string, base: Base = 'Serif'): number | null {
  if (PLAIN.test(text)) return null;
  return assign(text, base).missing;
}

function assign(text: string, base: Base): { families: Family[]; missing: number | null } {
  const chars = [...text];
  const families: Family[] = [];
  let chain: Fallback[] | null = null;
  let missing: number | null = null;
  chars.forEach((c, i) => {
    const cp = c.codePointAt(0)!;
    const prev = families[i - 1];
    if (prev && (CLUSTER_CONTINUES.test(c) || (NEUTRAL.test(c) && face(prev).hasGlyphForCodePoint(cp))))
      return families.push(prev);
    if (face(base).hasGlyphForCodePoint(cp)) return families.push(base);
    chain ??= chainFor(text);
    const found = chain.find((f) => mayHold(f, cp) && face(f).hasGlyphForCodePoint(cp));
    if (!found && missing == null && !/[\p{Cc}\p{Cf}]/u.test(c)) missing = cp;
    families.push(found ?? prev ?? base);
  });
  return { families, missing };
}

/**
 * A line of text as runs in drawing order, each in one font and one direction. The text is taken as one line in a
 * left-to-right paragraph (names, address lines, form values: short texts that do not wrap). A right-to-left run is
 * split at its spaces and its words put right to left; each word keeps its characters in logical order, which
 * fontkit shapes and reverses, so the PDF's text maps back to the characters as typed.
 */
export function pieces(text: string, base: Base = 'Serif'): Piece[] {
  if (PLAIN.test(text)) return [{ text, family: base, level: 0 }];
  const chars = [...text];
  const { families } = assign(text, base);
  // bidi-js indexes UTF-16 code units.
  const { levels } = bidi.getEmbeddingLevels(text, 'ltr');
  const units: number[] = [];
  let u = 0;
  for (const c of chars) {
    units.push(levels[u]);
    u += c.length;
  }
  // Runs of one font and level; right-to-left ones cut at spaces, so pdfmake's own word breaking keeps their order.
  const runs: Piece[] = [];
  chars.forEach((c, i) => {
    const last = runs[runs.length - 1];
    const rtl = units[i] % 2 === 1;
    const space = /\s/.test(c);
    if (last && last.family === families[i] && last.level === units[i] && !(rtl && space !== /\s$/.test(last.text)))
      last.text += c;
    else runs.push({ text: c, family: families[i], level: units[i] });
  });
  // Rule L2 at the granularity of runs: from the highest level down to the lowest odd one, reverse every sequence
  // of runs at that level or higher.
  const max = Math.max(...runs.map((r) => r.level));
  const minOdd = Math.min(...runs.map((r) => r.level).filter((l) => l % 2 === 1), Infinity);
  for (let level = max; level >= minOdd && level > 0; level--) {
    for (let i = 0; i < runs.length;) {
      if (runs[i].level < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && runs[j].level >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  return runs;
}

/** Line metrics with the fonts that print the text (unscaled by line spacing), for fitting the address block. */
export const printedMetrics = {
  width(text: string, size: number, base: Base = 'Serif'): number {
    return pieces(text, base).reduce((w, p) => {
      const f = face(p.family);
      return w + (f.layout(p.text).advanceWidth / f.unitsPerEm) * size;
    }, 0);
  },
  lineHeight(text: string, size: number, base: Base = 'Serif'): number {
    return Math.max(
      ...pieces(text, base).map((p) => {
        const f = face(p.family);
        return ((f.ascent - f.descent) / f.unitsPerEm) * size;
      }),
    );
  },
};

/**
 * The first character that the base fonts (Source Serif 4 and Source Sans 3, both: headings are set in one, text in
 * the other) cannot print, with its index in code points; null when they print it all. Booklet text does not fall
 * back to other fonts.
 */
export function unprintableInBase(text: string): { cp: number; index: number } | null {
  if (PLAIN.test(text)) return null;
  let index = 0;
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    if (
      !/[\p{Cc}\p{Cf}]/u.test(c) &&
      !(face('Serif').hasGlyphForCodePoint(cp) && face('Sans').hasGlyphForCodePoint(cp))
    )
      return { cp, index };
    index++;
  }
  return null;
}
