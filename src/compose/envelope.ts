// The window of a #10 envelope, for a US Letter sheet folded in three: where the recipient's address must lie.
//
// Written once here, in points (1/72 in) from the page's top-left corner; the PDF writer places the address block
// from it and the Word writer converts it to twips. A standard #10 window is 4.5 x 1.125 in, 7/8 in from the
// envelope's left edge and about 1/2 in from its bottom, which puts it 2 in below the top of the folded letter.
export const ENVELOPE_WINDOW = { x: 63, y: 144, width: 324, height: 81 } as const;

/**
 * How the address is set inside the window: a clear margin on every side (a letter shifts in its envelope by a few
 * points), the usual size, the smallest size a long line may shrink to (still readable by a postal scanner), and the
 * line spacing (a multiple of the font's own line height).
 */
export const ADDRESS_TYPE = { inset: 6, size: 10.5, minSize: 8.5, lineHeight: 1.15 } as const;

/** The area the address's text may use. */
export const ADDRESS_AREA = {
  x: ENVELOPE_WINDOW.x + ADDRESS_TYPE.inset,
  y: ENVELOPE_WINDOW.y + ADDRESS_TYPE.inset,
  width: ENVELOPE_WINDOW.width - 2 * ADDRESS_TYPE.inset,
  height: ENVELOPE_WINDOW.height - 2 * ADDRESS_TYPE.inset,
} as const;

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
export function fittedAddressSize(lines: string[], m: LineMetrics): number | null {
  for (let size = ADDRESS_TYPE.size; size >= ADDRESS_TYPE.minSize - 1e-9; size -= 0.5) {
    const wide = lines.every((l) => m.width(l, size) <= ADDRESS_AREA.width);
    const tall = lines.reduce((h, l) => h + m.lineHeight(l, size) * ADDRESS_TYPE.lineHeight, 0) <= ADDRESS_AREA.height;
    if (wide && tall) return size;
  }
  return null;
}

/** How many characters of a line fit the window's width at the minimum size (for the message that refuses it). */
export function charactersThatFit(line: string, m: LineMetrics): number {
  const chars = [...line];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (m.width(chars.slice(0, mid).join(''), ADDRESS_TYPE.minSize) <= ADDRESS_AREA.width) lo = mid;
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
