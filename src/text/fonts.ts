// The fonts text is printed in, from npm packages, and their parsed faces for asking which characters each has.
//
// The Source fonts print Latin (with Vietnamese), Greek and Cyrillic. Other scripts fall back to Noto Sans fonts,
// read and parsed only when a text needs one (once per thread). Font files do not change while the program runs, so
// their bytes and parses are kept for the thread's life: the PDF writer embeds the same bytes it measured.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function fontFile(pkg: string, weightDir: string, file: string): { name: string; path: string } {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  return { name: file, path: join(dir, weightDir, file) };
}

/** The base fonts' files by family and style; `name` is the key in pdfmake's virtual file system. */
export const FONT_FILES = {
  Serif: {
    normal: fontFile('@expo-google-fonts/source-serif-4', '400Regular', 'SourceSerif4_400Regular.ttf'),
    bold: fontFile('@expo-google-fonts/source-serif-4', '700Bold', 'SourceSerif4_700Bold.ttf'),
    italics: fontFile('@expo-google-fonts/source-serif-4', '400Regular_Italic', 'SourceSerif4_400Regular_Italic.ttf'),
    bolditalics: fontFile('@expo-google-fonts/source-serif-4', '700Bold_Italic', 'SourceSerif4_700Bold_Italic.ttf'),
  },
  Sans: {
    normal: fontFile('@expo-google-fonts/source-sans-3', '400Regular', 'SourceSans3_400Regular.ttf'),
    bold: fontFile('@expo-google-fonts/source-sans-3', '700Bold', 'SourceSans3_700Bold.ttf'),
    italics: fontFile('@expo-google-fonts/source-sans-3', '400Regular_Italic', 'SourceSans3_400Regular_Italic.ttf'),
    bolditalics: fontFile('@expo-google-fonts/source-sans-3', '700Bold_Italic', 'SourceSans3_700Bold_Italic.ttf'),
  },
} as const;

/** Fallback families by pdfmake family name: the npm package and the file stem of its TTFs. */
const FALLBACKS = {
  NotoHebrew: 'noto-sans-hebrew/NotoSansHebrew',
  NotoArabic: 'noto-sans-arabic/NotoSansArabic',
  NotoDevanagari: 'noto-sans-devanagari/NotoSansDevanagari',
  NotoSC: 'noto-sans-sc/NotoSansSC',
  NotoTC: 'noto-sans-tc/NotoSansTC',
  NotoJP: 'noto-sans-jp/NotoSansJP',
  NotoKR: 'noto-sans-kr/NotoSansKR',
} as const;
export type Fallback = keyof typeof FALLBACKS;
export type Base = 'Serif' | 'Sans';
export type Family = Base | Fallback;

export function fallbackFile(family: Fallback, weight: '400Regular' | '700Bold'): { name: string; path: string } {
  const [pkg, stem] = FALLBACKS[family].split('/');
  const dir = dirname(require.resolve(`@expo-google-fonts/${pkg}/package.json`));
  return { name: `${stem}_${weight}.ttf`, path: join(dir, weight, `${stem}_${weight}.ttf`) };
}

// fontkit as pdfkit loads it; its own create(), not the shared-parse one write/pdf/pdfmake.ts installs (that one
// resets the glyph cache of the font pdfkit is using, which a coverage check must not do).
const fontkitPath = require.resolve('fontkit', {
  paths: [require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] })],
});
export interface Face {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  hasGlyphForCodePoint(cp: number): boolean;
  layout(text: string): { advanceWidth: number };
}
const bytesOf = new Map<string, Buffer>();
const parsed = new Map<string, Face>();

/** A font file's bytes, read once. */
export function fontBytes(path: string): Buffer {
  let b = bytesOf.get(path);
  if (!b) bytesOf.set(path, (b = readFileSync(path)));
  return b;
}

/** The parsed regular face of a family (coverage and metrics are the same for its bold). */
export function face(family: Family): Face {
  const path =
    family === 'Serif' || family === 'Sans' ? FONT_FILES[family].normal.path : fallbackFile(family, '400Regular').path;
  let f = parsed.get(path);
  if (!f) {
    const b = fontBytes(path);
    // A view of its own: pdfmake.ts caches parses by buffer object, and this parse must stay apart from pdfkit's.
    const fontkit = require(fontkitPath) as { create(b: Uint8Array): Face };
    parsed.set(path, (f = fontkit.create(new Uint8Array(b.buffer, b.byteOffset, b.length))));
  }
  return f;
}
