// Embedded fonts from npm packages (TTF: WOFF lays out several times slower in pdfkit).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function fontFile(pkg: string, weightDir: string, file: string): { name: string; path: string } {
  const dir = dirname(require.resolve(`${pkg}/package.json`));
  return { name: file, path: join(dir, weightDir, file) };
}

/** Font files by family and style; `name` is the key in pdfmake's virtual file system. */
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

type Style = 'normal' | 'bold' | 'italics' | 'bolditalics';
export type FontDescriptors = Record<keyof typeof FONT_FILES, Record<Style, string>>;

/** Reads the font bytes (pdfmake.ts, once per process: they go into pdfmake's virtual file system). */
export function loadFonts(): { files: Map<string, Buffer>; descriptors: FontDescriptors } {
  const files = new Map<string, Buffer>();
  const descriptors = {} as FontDescriptors;
  for (const [family, styles] of Object.entries(FONT_FILES) as [keyof typeof FONT_FILES, Record<Style, { name: string; path: string }>][]) {
    descriptors[family] = {} as Record<Style, string>;
    for (const [style, f] of Object.entries(styles) as [Style, { name: string; path: string }][]) {
      files.set(f.name, readFileSync(f.path));
      descriptors[family][style] = f.name;
    }
  }
  return { files, descriptors };
}

/** Every file the fonts come from, for cache keys. */
export function fontPaths(): string[] {
  return Object.values(FONT_FILES).flatMap((s) => Object.values(s).map((f) => f.path));
}
