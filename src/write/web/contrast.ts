// WCAG 2.1 contrast: the edition's colour is darkened until text in it (or white text on it) is readable.

export const WHITE = '#ffffff';

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const hexOf = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

export function luminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map(channel);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour, darkened in steps towards black until it has `ratio` (AA body text: 4.5) against `background`. */
export function readableOn(color: string, background: string, ratio = 4.5): string {
  let rgb = rgbOf(color);
  for (let i = 0; i < 40 && contrast(hexOf(rgb), background) < ratio; i++)
    rgb = rgb.map((c) => c * 0.92) as [number, number, number];
  return hexOf(rgb);
}
