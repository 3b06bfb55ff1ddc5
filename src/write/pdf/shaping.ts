// Each word shaped once per thread, for every document after, and nothing of it allocated again.
//
// Shaping a word (fontkit's layout) is most of the time pdfmake spends measuring text, and every document shapes
// the same words again (each packet its letter, each booklet the same levels). A run is shaped with an empty glyph
// cache, so its glyphs' characters (which go to the ToUnicode map) come from its own text alone, never from what was
// shaped before: the bytes of a document do not depend on the documents rendered before it.
//
// pdfkit scales a run's positions in place (EmbeddedFont.layoutRun), so a run kept by fontkit had to be copied for
// each document. Instead pdfkit keeps the runs it scaled, on the parsed font (the scale is the font's): a word's run
// is shaped, scaled and allocated once per thread. Nothing reads a run and writes it after (pdfkit copies a position
// before it adds word spacing to it).
import type { Any } from './pdfmake-internals.js';

// Process-wide names (a test file loading this module again finds what the first load patched).
/** The font's shaping with an empty glyph cache, kept nowhere. */
const FRESH = Symbol.for('competency-guidelines.shape-fresh');
/** pdfkit's scaled runs of a parsed font, by text (runs without features). */
const SCALED = Symbol.for('competency-guidelines.scaled-runs');
/** A parsed font's glyph metrics, by glyph id. */
const METRICS = Symbol.for('competency-guidelines.glyph-metrics');

/**
 * Runs kept for a font, at most: a booklet has a few thousand words, but a mail merge brings new ones with every
 * applicant (names, streets, e-mail addresses: about 17 kB a packet), and a kept run is never let go otherwise. Past
 * this, the font's runs are dropped and kept again from the next word on (the bytes never depend on them).
 */
const MAX_RUNS = 8_000;

function keep<K>(runs: Map<K, Any>, key: K, run: Any): void {
  if (runs.size >= MAX_RUNS) runs.clear();
  runs.set(key, run);
}

/** A parsed font whose layout() keeps each run (for callers other than pdfkit's scaled runs, which keep their own). */
export function shapeOnce(font: Any): Any {
  const layout = font.layout.bind(font);
  font[FRESH] = (...args: Any[]) => {
    const glyphs = font._glyphs;
    font._glyphs = {};
    try {
      return layout(...args);
    } finally {
      font._glyphs = glyphs;
    }
  };
  const runs = new Map<string, Any>();
  font.layout = (...args: Any[]) => {
    const key = JSON.stringify(args);
    let run = runs.get(key);
    if (!run) keep(runs, key, (run = font[FRESH](...args)));
    // Each caller gets its own copy of the positions (pdfkit scales them in place).
    const copy = (o: Any) => Object.assign(Object.create(Object.getPrototypeOf(o)), o);
    return Object.assign(copy(run), { positions: run.positions.map(copy) });
  };
  shareGlyphMetrics(font);
  return font;
}

/**
 * A glyph's metrics depend on its id alone, but fontkit decodes them (the glyph's header, for its height) for each
 * glyph object, and each freshly shaped run has new glyph objects: the font keeps them by id.
 */
function shareGlyphMetrics(font: Any): void {
  const glyph = font.getGlyph(0);
  const proto = glyph && Object.getPrototypeOf(glyph);
  if (!proto || typeof proto._getMetrics !== 'function' || proto[METRICS]) return;
  const own = proto._getMetrics;
  proto[METRICS] = true;
  proto._getMetrics = function (this: Any, ...args: Any[]) {
    if (this._metrics) return this._metrics;
    const f = this._font;
    if (f._variationProcessor) return own.apply(this, args);
    const byId: Map<number, Any> = (f[METRICS] ??= new Map());
    let metrics = byId.get(this.id);
    if (!metrics) byId.set(this.id, (metrics = own.apply(this, args)));
    return (this._metrics = metrics);
  };
}

/**
 * pdfkit's EmbeddedFont.layoutRun (0.19.1) keeping what it scaled on the parsed font. `embedded` is an EmbeddedFont
 * of pdfkit's (its prototype is patched, once).
 */
export function keepScaledRuns(embedded: Any): void {
  const proto = Object.getPrototypeOf(embedded);
  if (typeof proto.layoutRun !== 'function')
    throw new Error('pdfkit: EmbeddedFont.layoutRun not found; src/write/pdf/shaping.ts needs updating');
  if (proto[SCALED]) return;
  proto[SCALED] = true;
  const layoutRun = proto.layoutRun;
  proto.layoutRun = function (this: Any, text: string, features?: Any) {
    const font = this.font;
    if (features != null || !font[FRESH]) return layoutRun.call(this, text, features);
    const runs: Map<string, Any> = (font[SCALED] ??= new Map());
    let run = runs.get(text);
    if (!run) {
      run = font[FRESH](text, features);
      for (let i = 0; i < run.positions.length; i++) {
        const position = run.positions[i];
        for (const key in position) position[key] *= this.scale;
        position.advanceWidth = run.glyphs[i].advanceWidth * this.scale;
      }
      keep(runs, text, run);
    }
    return run;
  };
}
