// The envelope window an edition's letters are folded for: where the recipient's address must lie.
//
// Written once here, in points (1/72 in) from the page's top-left corner; the PDF writer places the address block
// from it and the Word writer converts it to twips.
import type { EnvelopeSetting } from '../model/settings.js';

/** A window on the page, in points from its top-left corner. */
export interface EnvelopeWindow {
  x: number;
  y: number;
  width: number;
  height: number;
}

const MM = 72 / 25.4;
const mm = (x: number, y: number, width: number, height: number): EnvelopeWindow => ({
  x: x * MM,
  y: y * MM,
  width: width * MM,
  height: height * MM,
});

/**
 * The named windows.
 * - us-10: a standard #10 window is 4.5 x 1.125 in, 7/8 in from the envelope's left edge and about 1/2 in from its
 *   bottom, which puts it 2 in below the top of a US Letter sheet folded in three.
 * - din5008-a, din5008-b: DIN 5008 / DIN 676 letter forms A and B: the address field is 85 x 45 mm, 20 mm from the
 *   sheet's left edge and 27 mm (form A) or 45 mm (form B) from its top; its lower 27.3 mm (6 lines) is the recipient's
 *   address zone, its upper 17.7 mm the return address and postal notes. The address goes in that zone, which starts
 *   44.7 mm (A) or 62.7 mm (B) from the top. Form B fits DL and C5/6 window envelopes.
 * - c5-6: the whole window of a C5/6 (or DL) window envelope per DIN 680: 90 x 45 mm, 20 mm from the envelope's left
 *   edge and 15 mm from its bottom; an A4 sheet folded at the form B marks (105 and 210 mm) resting at the bottom of a
 *   C5/6 (114 mm high) or DL (110 mm) envelope shows it at 20 mm from its left and 45 mm from its top.
 * Sources: DIN 5008:2020 and DIN 676 (address field and fold marks, as summarised at r9005.de/wissen/vorlagen-briefbogen.php
 * and din-5008-richtlinien.de/startseite/anschriftenfeld/), DIN 680 / ISO 269 (envelope sizes and window position).
 */
export const ENVELOPE_WINDOWS: Record<'us-10' | 'din5008-a' | 'din5008-b' | 'c5-6', EnvelopeWindow> = {
  'us-10': { x: 63, y: 144, width: 324, height: 81 },
  'din5008-a': mm(20, 44.7, 85, 27.3),
  'din5008-b': mm(20, 62.7, 85, 27.3),
  'c5-6': mm(20, 45, 90, 45),
};

/** Where a letter is folded in three, in points from the top (the marks printed in its left margin). */
export const FOLDS: Record<keyof typeof ENVELOPE_WINDOWS, [number, number]> = {
  'us-10': [3.667 * 72, 7.333 * 72],
  'din5008-a': [87 * MM, 192 * MM],
  'din5008-b': [105 * MM, 210 * MM],
  'c5-6': [105 * MM, 210 * MM],
};

/** The #10 window: US Letter editions' default and what a letter with no window of its own is placed by. */
export const ENVELOPE_WINDOW: EnvelopeWindow = ENVELOPE_WINDOWS['us-10'];

/** The edition's window: named, custom (mm), or by page size (US Letter: us-10; A4: din5008-b). */
export function envelopeWindow(settings: { envelope?: EnvelopeSetting; pageSize: 'LETTER' | 'A4' }): EnvelopeWindow {
  const e = settings.envelope ?? (settings.pageSize === 'A4' ? 'din5008-b' : 'us-10');
  return typeof e === 'string' ? ENVELOPE_WINDOWS[e] : mm(e.left, e.top, e.width, e.height);
}

/** Fold marks for the window: a named window's own; a custom window's by its page size's standard. */
export function foldsFor(settings: { envelope?: EnvelopeSetting; pageSize: 'LETTER' | 'A4' }): [number, number] {
  const e = settings.envelope ?? (settings.pageSize === 'A4' ? 'din5008-b' : 'us-10');
  return typeof e === 'string' ? FOLDS[e] : FOLDS[settings.pageSize === 'A4' ? 'din5008-b' : 'us-10'];
}

/**
 * How the address is set inside the window: a clear margin on every side (a letter shifts in its envelope by a few
 * points), the usual size, the smallest size a long line may shrink to (still readable by a postal scanner), and the
 * line spacing (a multiple of the font's own line height).
 */
export const ADDRESS_TYPE = { inset: 6, size: 10.5, minSize: 8.5, lineHeight: 1.15 } as const;

/** The area the address's text may use in a window. */
export function addressArea(w: EnvelopeWindow): EnvelopeWindow {
  return {
    x: w.x + ADDRESS_TYPE.inset,
    y: w.y + ADDRESS_TYPE.inset,
    width: w.width - 2 * ADDRESS_TYPE.inset,
    height: w.height - 2 * ADDRESS_TYPE.inset,
  };
}

/** The area of the #10 window. */
export const ADDRESS_AREA = addressArea(ENVELOPE_WINDOW);

/** Measures a line of text at a font size (points), with the fonts that will print it. */
export interface LineMetrics {
  width(text: string, size: number): number;
  /** The height of one line at a font size, before the ADDRESS_TYPE line spacing. */
  lineHeight(text: string, size: number): number;
}

/**
 * The largest size, from the usual one down to the minimum in half points, at which every line of the address is
 * as wide as the window allows and all lines together fit its height; null when none does.
 */
export function fittedAddressSize(
  lines: string[],
  m: LineMetrics,
  window: EnvelopeWindow = ENVELOPE_WINDOW,
): number | null {
  const area = addressArea(window);
  for (let size = ADDRESS_TYPE.size; size >= ADDRESS_TYPE.minSize - 1e-9; size -= 0.5) {
    const wide = lines.every((l) => m.width(l, size) <= area.width);
    const tall = lines.reduce((h, l) => h + m.lineHeight(l, size) * ADDRESS_TYPE.lineHeight, 0) <= area.height;
    if (wide && tall) return size;
  }
  return null;
}

/** How many characters of a line fit the window's width at the minimum size (for the message that refuses it). */
export function charactersThatFit(line: string, m: LineMetrics, window: EnvelopeWindow = ENVELOPE_WINDOW): number {
  const width = addressArea(window).width;
  const chars = [...line];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (m.width(chars.slice(0, mid).join(''), ADDRESS_TYPE.minSize) <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface PostalAddress {
  first_name: string;
  last_name: string;
  address_line1: string;
  address_line2?: string;
  city: string;
  state: string;
  postal_code: string;
}

/** The address block's lines, each with the roster fields it is made of (to name them when a line does not fit). */
export function addressLines(a: PostalAddress): { text: string; fields: string[] }[] {
  return [
    { text: `${a.first_name} ${a.last_name}`, fields: ['first_name', 'last_name'] },
    { text: a.address_line1, fields: ['address_line1'] },
    ...(a.address_line2 ? [{ text: a.address_line2, fields: ['address_line2'] }] : []),
    { text: `${a.city}, ${a.state} ${a.postal_code}`, fields: ['city', 'state', 'postal_code'] },
  ];
}
