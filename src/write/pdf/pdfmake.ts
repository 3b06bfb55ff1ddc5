// One configured pdfmake instance: fonts from memory, no network, no files outside the project.
import { createRequire } from 'node:module';
import { loadFonts } from './fonts.js';
import { installLayoutGuard } from './layout-guard.js';
import { installLineRuns } from './line-runs.js';
import { installLongWordBreaks } from './long-words.js';
import { installMeasureOnce } from './measure-once.js';
import { installRunCarrier } from './pdfmake-run.js';
import { installStyleLookup } from './style-lookup.js';
import { installTaggingHooks } from './tagging/hooks.js';
import { keepScaledRuns, shapeOnce } from './shaping.js';
import { batchStreamWrites } from './content-writes.js';

const require = createRequire(import.meta.url);

/**
 * pdfkit parses every font again for every document (fontkit.create in PDFFontFactory.open),
 * and that parse is a fifth of the time of a small PDF. A parsed font can be shared: the
 * subset is kept per document by pdfkit. So pdfkit gets a fontkit whose create() reuses the
 * parse of the same bytes. This must run before pdfkit is first loaded.
 */
const SHARED = Symbol.for('competency-guidelines.shared-parsed-fonts');
const READY = Symbol.for('competency-guidelines.pdfmake-ready');

function shareParsedFonts(): void {
  const pdfkitPath = require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] });
  const fontkitPath = require.resolve('fontkit', { paths: [pdfkitPath] });
  const fontkit = require(fontkitPath);
  // Once per process: the module cache is the process's, whatever loads this module again (a test file of its own).
  if (fontkit[SHARED]) return;
  const parsed = new WeakMap<Uint8Array, Map<string, unknown>>();
  const create = (buffer: Uint8Array, postscriptName?: string) => {
    let byName = parsed.get(buffer);
    if (!byName) parsed.set(buffer, (byName = new Map()));
    const key = postscriptName ?? '';
    if (!byName.has(key)) byName.set(key, shapeOnce(fontkit.create(buffer, postscriptName)));
    const font = byName.get(key) as { _glyphs: Record<number, unknown> };
    // Glyphs are cached with the characters first seen for them (written to the PDF's ToUnicode
    // map): start each document with an empty glyph cache, so its bytes do not depend on what
    // the worker rendered before. The parsed tables, the costly part, stay shared.
    font._glyphs = {};
    return font;
  };
  const cached = require.cache[fontkitPath]!;
  cached.exports = { ...fontkit, create, [SHARED]: true };
}
shareParsedFonts();

// pdfmake ships CommonJS without types for its server build.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const pdfmake: any = require('pdfmake');

/**
 * pdfmake set up once per process (its fonts, policies and the patches of this folder), marked on pdfmake itself: the
 * patches keep nothing of a document in a module (pdfmake-run.ts), so every document of every run can share them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function getPdfmake(): any {
  if (!pdfmake[READY]) {
    const { files, descriptors } = loadFonts();
    for (const [name, bytes] of files) pdfmake.virtualfs.writeFileSync(name, bytes);
    // pdfkit's font and reference classes are not exported: found on a document of its own, made for that.
    const PDFKit = require(require.resolve('pdfkit', { paths: [require.resolve('pdfmake')] }));
    const probe = new PDFKit({ autoFirstPage: false });
    keepScaledRuns(probe.font(files.values().next().value)._font);
    batchStreamWrites(probe.ref());
    pdfmake.setFonts(descriptors);
    // Everything the PDF embeds is already in memory (fonts; a logo as a data: URL, which no
    // policy is asked about): refuse every URL and local path.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    installStyleLookup();
    installRunCarrier();
    installMeasureOnce();
    installLongWordBreaks();
    installLayoutGuard();
    // Before the tagging hooks, which wrap the line drawing it replaces.
    installLineRuns();
    installTaggingHooks();
    pdfmake[READY] = true;
  }
  return pdfmake;
}
