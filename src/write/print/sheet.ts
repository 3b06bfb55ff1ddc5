// What a print PDF adds around each page of the screen PDF: the bleed, the crop marks, the cover band's extension. The
// geometry only (in points, in the page's own coordinates, the trim at 0 0 width height); print.ts and linked-print.ts
// draw it.

/** 0.125 in, what print shops ask for. */
export const BLEED = 9;
/** Crop marks: their length, and their distance from the trim beyond the bleed. */
const MARK_LENGTH = 18;
const MARK_OFFSET = BLEED + 3;
/** The sheet beyond the trim with crop marks: bleed, then the marks. */
export const SLUG_WITH_MARKS = MARK_OFFSET + MARK_LENGTH + 3;

export interface PrintLayout {
  /** The cover's page (its band is extended into the bleed), or -1. */
  coverIndex: number;
  /** The cover band's colour, as #rrggbb. */
  coverColor: string;
  /** The cover band's share of the page height (from the top). */
  bandShare: number;
  cropMarks: boolean;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Fill colour, 0–1. */
  rgb: [number, number, number];
}

function components(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** The cover band extended into the bleed, on the cover's page (outside the trim, so on top of nothing). */
export function bandRects(layout: PrintLayout, page: number, width: number, height: number): Rect[] {
  if (page !== layout.coverIndex) return [];
  const band = height * layout.bandShare;
  const rgb = components(layout.coverColor);
  return [
    { x: -BLEED, y: height - band, w: BLEED, h: band + BLEED, rgb },
    { x: width, y: height - band, w: BLEED, h: band + BLEED, rgb },
    { x: 0, y: height, w: width, h: BLEED, rgb },
  ];
}

/** Crop marks at the four corners of the trim, outside the bleed: [x1, y1, x2, y2] each. */
export function markLines(width: number, height: number): [number, number, number, number][] {
  const lines: [number, number, number, number][] = [];
  for (const x of [0, width]) {
    for (const y of [0, height]) {
      const sx = x === 0 ? -1 : 1;
      const sy = y === 0 ? -1 : 1;
      lines.push([x + sx * MARK_OFFSET, y, x + sx * (MARK_OFFSET + MARK_LENGTH), y]); // along the trim's horizontal edge
      lines.push([x, y + sy * MARK_OFFSET, x, y + sy * (MARK_OFFSET + MARK_LENGTH)]); // along its vertical edge
    }
  }
  return lines;
}
