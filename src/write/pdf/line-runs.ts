// A line's words drawn in one text object.
//
// pdfmake (0.3.11) draws each inline of a line (a word with its trailing space) with a pdfkit text() call of its own,
// and pdfkit (0.19.1) wraps each in a graphics state and a text object of its own: opacity, fill colour, q, cm, BT, Tm,
// Tf, TJ, ET, Q. That is about 150 bytes of a page's content and a dozen calls for every word, for a TJ of 30 bytes
// (pdfmake's own note: "lines without differently styled inlines should be written to pdf as one stream").
//
// Here the inlines of a plain line (no link, destination, page reference, outline, font features, character
// spacing, raised or lowered text) are drawn in one text object: the opacity and fill colour set again only where
// they change, each inline still placed by its own Tm where pdfmake laid it out, its font set where it changes, and its
// glyphs and kerning written as pdfkit's _fragment writes them (the TJ below is its code). Every glyph lands where it
// did. Any other line is drawn by pdfmake as before, and so is a line that must keep a text object per inline
// (ONE_BY_ONE: reordered right-to-left text, tagging/hooks.ts).
import { lib, type Any } from './pdfmake-internals.js';

const INSTALLED = Symbol.for('competency-guidelines.line-runs');
/** Marks a line whose inlines pdfmake must draw one by one, a text object each. */
export const ONE_BY_ONE = Symbol.for('competency-guidelines.line-one-by-one');

/** pdfkit's PDFObject.number: what its operators write a number as. */
function number(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

/** An inline pdfkit draws with nothing but its font, size, opacity and colour. */
function plain(inline: Any): boolean {
  return (
    inline._pageNodeRef === undefined &&
    inline.link == null &&
    inline.linkToDestination == null &&
    inline.linkToPage == null &&
    !inline.fontFeatures &&
    !inline.characterSpacing &&
    !inline.sup &&
    !inline.sub
  );
}

function drawnOneByOne(line: Any): boolean {
  return Boolean(line[ONE_BY_ONE] || line._outline || line._pageNodeRef || line.id || !line.inlines.every(plain));
}

/** The TJ operators of `text` in the current font at x (pdfkit 0.19.1 _fragment, without word or character spacing). */
function writeGlyphs(doc: Any, text: string, x: number, y: number): void {
  const [encoded, positions] = doc._font.encode(text, undefined);
  const scale = doc._fontSize / 1000;
  const commands: string[] = [];
  let last = 0;
  let hadOffset = false;
  const addSegment = (cur: number) => {
    if (last < cur) {
      const hex = encoded.slice(last, cur).join('');
      const advance = positions[cur - 1].xAdvance - positions[cur - 1].advanceWidth;
      commands.push(`<${hex}> ${number(-advance)}`);
    }
    last = cur;
  };
  const flush = (i: number) => {
    addSegment(i);
    if (commands.length > 0) {
      doc.addContent(`[${commands.join(' ')}] TJ`);
      commands.length = 0;
    }
  };
  let i: number;
  for (i = 0; i < positions.length; i++) {
    const pos = positions[i];
    if (pos.xOffset || pos.yOffset) {
      flush(i);
      doc.addContent(`1 0 0 1 ${number(x + pos.xOffset * scale)} ${number(y + pos.yOffset * scale)} Tm`);
      flush(i + 1);
      hadOffset = true;
    } else {
      if (hadOffset) {
        doc.addContent(`1 0 0 1 ${number(x)} ${number(y)} Tm`);
        hadOffset = false;
      }
      if (pos.xAdvance - pos.advanceWidth !== 0) addSegment(i + 1);
    }
    x += pos.xAdvance * scale;
  }
  flush(i);
}

export function installLineRuns(): void {
  const Renderer = lib('Renderer');
  const TextDecorator = lib('TextDecorator');
  const proto = Renderer.prototype;
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const renderLine = proto.renderLine;
  if (typeof renderLine !== 'function') throw new Error('pdfmake: Renderer.renderLine not found; line-runs.ts');
  proto.renderLine = function (this: Any, line: Any, x: number, y: number) {
    if (drawnOneByOne(line)) return renderLine.call(this, line, x, y);
    const doc = this.pdfDocument;
    x = x || 0;
    y = y || 0;
    const lineHeight = line.getHeight();
    const descent = lineHeight - line.getAscenderHeight();
    const decorator = new TextDecorator(doc);
    decorator.drawBackground(line, x, y);
    // What is set: the opacity and colour (outside the text object), the font (inside it).
    let inText = false;
    let opacity: number | undefined;
    let color: unknown;
    let font: Any;
    let size: number | undefined;
    for (const inline of line.inlines) {
      const o = typeof inline.opacity === 'number' ? inline.opacity : 1;
      const c = doc.resolveColor(inline.color, 'black');
      if (opacity !== o || typeof c !== 'string' || c !== color) {
        if (inText) {
          doc.addContent('ET');
          doc.restore();
          inText = false;
        }
        doc.opacity(o);
        doc.fill(c);
        opacity = o;
        color = c;
      }
      doc._font = inline.font;
      doc.fontSize(inline.fontSize);
      const shiftToBaseline = lineHeight - (inline.font.ascender / 1000) * inline.fontSize - descent;
      const left = x + inline.x;
      const top = y + shiftToBaseline;
      // As pdfkit's text() leaves them.
      doc.x = left;
      doc.y = top;
      const text = `${inline.text ?? ''}`.replace(/\n/g, '');
      if (text.length === 0) continue;
      if (!inText) {
        doc.save();
        doc.transform(1, 0, 0, -1, 0, doc.page.height);
        doc.addContent('BT');
        inText = true;
        font = undefined;
      }
      const baseline = doc.page.height - top - (doc._font.ascender / 1000) * doc._fontSize;
      if (doc.page.fonts[doc._font.id] == null) doc.page.fonts[doc._font.id] = doc._font.ref();
      doc.addContent(`1 0 0 1 ${number(left)} ${number(baseline)} Tm`);
      if (font !== doc._font || size !== doc._fontSize) {
        doc.addContent(`/${doc._font.id} ${number(doc._fontSize)} Tf`);
        font = doc._font;
        size = doc._fontSize;
      }
      writeGlyphs(doc, text, left, baseline);
    }
    if (inText) {
      doc.addContent('ET');
      doc.restore();
    }
    decorator.drawDecorations(line, x, y);
  };
}
