// Text in any script applicants' names come in, as pdfmake inlines: each run in the embedded font that prints it
// (text/coverage.ts chooses), the fallback fonts made known to pdfmake when a text first needs one; pdfkit embeds
// only the glyphs used.
import { pieces } from '../../text/coverage.js';
import { fallbackFile, fontBytes, type Base, type Fallback } from '../../text/fonts.js';
import type { Node } from './inline.js';

type Style = 'normal' | 'bold' | 'italics' | 'bolditalics';

/** Makes a fallback family known to pdfmake, reading its files the first time (pdfmake opens only what is used). */
function register(family: Fallback, pdfmake: Node): void {
  if (pdfmake.fonts?.[family]) return;
  const normal = fallbackFile(family, '400Regular');
  const bold = fallbackFile(family, '700Bold');
  pdfmake.virtualfs.writeFileSync(normal.name, fontBytes(normal.path));
  pdfmake.virtualfs.writeFileSync(bold.name, fontBytes(bold.path));
  // These fonts have no italics: italic text in them prints upright.
  const styles: Record<Style, string> = {
    normal: normal.name,
    bold: bold.name,
    italics: normal.name,
    bolditalics: bold.name,
  };
  pdfmake.addFonts({ [family]: styles });
}

/**
 * pdfmake inlines for a text: a single string when the base font prints it all (the output is then exactly what
 * it was before), else one inline per run with its font.
 */
export function scriptText(text: string, pdfmake: Node, base: Base = 'Serif'): string | Node[] {
  const ps = pieces(text, base);
  if (ps.length === 1 && ps[0].family === base) return text;
  return ps.map((p) => {
    if (p.family === 'Serif' || p.family === 'Sans')
      return p.family === base ? { text: p.text } : { text: p.text, font: p.family };
    register(p.family, pdfmake);
    return { text: p.text, font: p.family };
  });
}

/** Styled runs (a letter's paragraph) with each run's text in the fonts it needs. */
export function scriptInlines(text: { text: string; bold?: boolean; italic?: boolean }[], pdfmake: Node): Node[] {
  return text.map((r) => ({
    text: scriptText(r.text, pdfmake),
    ...(r.bold ? { bold: true } : {}),
    ...(r.italic ? { italics: true } : {}),
  }));
}
