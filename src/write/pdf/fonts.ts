// Embedded fonts from npm packages (TTF: WOFF lays out several times slower in pdfkit), read for pdfmake.
import { readFileSync } from 'node:fs';
import { FONT_FILES } from '../../text/fonts.js';

type Style = 'normal' | 'bold' | 'italics' | 'bolditalics';
export type FontDescriptors = Record<keyof typeof FONT_FILES, Record<Style, string>>;

/** Reads the font bytes (pdfmake.ts, once per process: they go into pdfmake's virtual file system). */
export function loadFonts(): { files: Map<string, Buffer>; descriptors: FontDescriptors } {
  const files = new Map<string, Buffer>();
  const descriptors = {} as FontDescriptors;
  for (const [family, styles] of Object.entries(FONT_FILES) as [
    keyof typeof FONT_FILES,
    Record<Style, { name: string; path: string }>,
  ][]) {
    descriptors[family] = {} as Record<Style, string>;
    for (const [style, f] of Object.entries(styles) as [Style, { name: string; path: string }][]) {
      files.set(f.name, readFileSync(f.path));
      descriptors[family][style] = f.name;
    }
  }
  return { files, descriptors };
}
