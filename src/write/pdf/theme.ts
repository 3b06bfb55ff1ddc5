// Type sizes, colours and paragraph styles shared by every PDF the product writes.
export const PT_PER_IN = 72;

export const PAGE_SIZES = {
  LETTER: { width: 612, height: 792 },
  A4: { width: 595.28, height: 841.89 },
} as const;

/** [left, top, right, bottom]: at least 0.75 in everywhere, room for header and footer. */
export const PAGE_MARGINS: [number, number, number, number] = [68, 76, 68, 70];
/**
 * Two-sided, the content of each body page moves this far towards the outside edge, so the
 * inside (binding) margin is 80 pt (1.11 in) and the outside one 56 pt (0.78 in).
 */
export const GUTTER_SHIFT = 12;
// pdfmake keeps one set of margins for the whole flow, so landscape pages share them.
export const LANDSCAPE_MARGINS = PAGE_MARGINS;

/** The cover's colour band: full width from the top edge, this share of the page's height (it bleeds in print). */
export const COVER_BAND = { heightShare: 0.62 } as const;

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const RULE = '#9aa5b1';

/** A table ruled all round in RULE, its cells padded `x` at the sides and `y` above and below (pdfmake's table layout). */
export function ruledLayout(x: number, y: number) {
  return {
    hLineColor: () => RULE,
    vLineColor: () => RULE,
    hLineWidth: () => 0.75,
    vLineWidth: () => 0.75,
    paddingLeft: () => x,
    paddingRight: () => x,
    paddingTop: () => y,
    paddingBottom: () => y,
  };
}
export const HEADER_FILL = '#e8eef4';

/** The body text every style starts from. */
export const DEFAULT_STYLE = { font: 'Serif', fontSize: 10, lineHeight: 1.2, color: INK };

export function styles(accent: string) {
  return {
    h1: { font: 'Sans', fontSize: 22, bold: true, color: accent, margin: [0, 0, 0, 14] },
    h2: { font: 'Sans', fontSize: 14, bold: true, color: accent, margin: [0, 14, 0, 6] },
    h3: { font: 'Sans', fontSize: 11.5, bold: true, color: INK, margin: [0, 10, 0, 4] },
    body: { margin: [0, 0, 0, 7] },
    leadIn: { italics: true, margin: [0, 2, 0, 4] },
    note: { italics: true, fontSize: 9, color: MUTED, margin: [0, 4, 0, 6] },
    small: { fontSize: 9, margin: [0, 0, 0, 6] },
    muted: { fontSize: 9, color: MUTED, margin: [0, 0, 0, 6] },
    tableHeader: { font: 'Sans', bold: true, fontSize: 10, color: INK },
    areaName: { font: 'Sans', bold: true, fontSize: 11, color: accent, margin: [0, 0, 0, 4] },
    areasLabel: { font: 'Sans', fontSize: 9, bold: true, color: MUTED, margin: [0, 2, 0, 2] },
    areasList: { italics: true, fontSize: 9.5 },
    code: { font: 'Sans', fontSize: 8, bold: true, color: accent },
    tocTitle: { font: 'Sans', fontSize: 22, bold: true, color: accent, margin: [0, 0, 0, 16] },
    toc1: { font: 'Sans', bold: true, fontSize: 11 },
    toc2: { fontSize: 10 },
    toc3: { fontSize: 9.5, color: MUTED },
    running: { font: 'Sans', fontSize: 8, color: MUTED },
    glossTerm: { bold: true },
    mapTitle: { font: 'Sans', fontSize: 14, bold: true, color: accent, margin: [0, 0, 0, 2] },
    mapNote: { italics: true, fontSize: 7.5, color: MUTED, margin: [0, 0, 0, 4] },
    mapColumnTitle: { font: 'Sans', bold: true, fontSize: 8.5, color: 'white', alignment: 'center' },
    mapItem: { lineHeight: 1.05 },
  };
}
