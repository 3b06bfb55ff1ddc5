// Words wider than their column (a long URL, a run of letters with no space) break instead of widening it.
//
// pdfmake 0.3.11 sizes a table's '*' and 'auto' columns at least as wide as the widest word in them
// (columnCalculator: a column's minimum is its widest inline). One word wider than the free width made
// the Competency Detail table wider than the page, and every line of it was drawn past the page edge.
// Its line builder can already cut a word that is wider than the line (anywhere, to fit), so:
// - a word counts towards a column's minimum width with at most MIN_WIDTH_CAP points (every word of the
//   guidelines is narrower, so their layout is unchanged), so no column is widened past the page;
// - a word that starts a line and does not fit it is cut after the last of `/ . - _ ? & =` that fits
//   (a URL breaks where a reader expects), and only where there is none, anywhere (pdfmake's own cut).
// Nothing is added to the text: the PDF's text is the source's characters, in order, only on two lines.
import { checkVersion, lib, wrap, type Any } from './pdfmake-internals.js';

/** The most a single word adds to the minimum width of the column it is in, in points. */
export const MIN_WIDTH_CAP = 120;
/** Where a long word is cut first: after one of these. */
const PREFERRED_BREAK = /[/.\-_?&=]/;
/** A preferred cut that leaves less than this share of the line filled is not worth it: cut anywhere. */
const LEAST_FILL = 0.25;

export function installLongWordBreaks(): void {
  checkVersion();
  const TextInlines = lib('TextInlines');
  const LayoutBuilder = lib('LayoutBuilder');

  wrap(TextInlines.prototype, 'buildInlines', (original, self, args) => {
    const result = original.apply(self, args);
    if (result.minWidth > MIN_WIDTH_CAP && !result.items.some((i: Any) => i.noWrap)) {
      const trimmed = (i: Any) =>
        Math.min(MIN_WIDTH_CAP, Math.max(0, i.width - (i.leadingCut ?? 0) - (i.trailingCut ?? 0)));
      result.minWidth = result.items.reduce((m: number, i: Any) => Math.max(m, trimmed(i)), 0);
    }
    return result;
  });

  wrap(LayoutBuilder.prototype, 'buildNextLine', (original, self, args) => {
    const [textNode] = args;
    const first = textNode?._inlines?.[0];
    if (first && !first.noWrap && typeof first.text === 'string' && first.text.length > 1) {
      const available: number = self.writer.context().availableWidth;
      if (first.width - (first.trailingCut ?? 0) > available) {
        const pieces = cutAtPreferred(first, available, new TextInlines(null));
        if (pieces) textNode._inlines.splice(0, 1, ...pieces);
      }
    }
    return original.apply(self, args);
  });
}

/** The word cut after the last preferred character whose part fits `available`; null if there is none worth it. */
function cutAtPreferred(inline: Any, available: number, measure: Any): [Any, Any] | null {
  const text: string = inline.text;
  const widthOf = (t: string) => measure.widthOfText(t, inline);
  // The longest head that fits (widths grow with length), then back to the last preferred character in it.
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (widthOf(text.slice(0, mid)) <= available) lo = mid;
    else hi = mid - 1;
  }
  let end = lo;
  while (end > 0 && !PREFERRED_BREAK.test(text[end - 1])) end--;
  if (end === 0 || end === text.length) return null;
  const head = text.slice(0, end);
  const width = widthOf(head);
  if (width < available * LEAST_FILL) return null;
  // The head ends a line: it is not glued to what follows, carries no line end and no trailing space.
  const headInline = { ...inline, text: head, width, trailingCut: 0, lineEnd: false, noNewLine: false };
  const tail = text.slice(end);
  return [headInline, { ...inline, text: tail, width: widthOf(tail), leadingCut: 0 }];
}
