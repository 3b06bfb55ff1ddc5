// After layout, no text may be cut: a line drawn outside its page's content area (or, for page furniture and
// placed text, outside the page), wider than the box it was laid out in, or dropped with the rest of a block kept
// whole that is taller than a page (pdfmake 0.3.11 drops such a block) stops the render
// with a LayoutFault. The pipeline names the source line the text comes from (pipeline/layout-faults.ts).
import { checkVersion, lib, wrap, type Any } from './pdfmake-internals.js';
import { runOf } from './pdfmake-run.js';

/** Points a line may stray, for rounding. */
const TOLERANCE = 1;
/**
 * Points a line may reach into the side margins: a table's rules and cell padding do (the Impact Map's by 5 pt, an
 * Endorsement table's by 3 pt), and the margins are 56 pt or more; text that goes further is heading for the edge.
 */
const SIDE_ALLOWANCE = 6;

export type FaultKind = 'right' | 'left' | 'bottom' | 'top' | 'box' | 'lost';

const ADVICE: Record<FaultKind, string> = {
  right: 'is drawn past the right edge of the page; add a space to it or shorten it',
  left: 'is drawn past the left edge of the page; shorten it',
  bottom: 'is drawn below the foot of the page; shorten it or split it into shorter paragraphs or items',
  top: 'is drawn above the head of the page; shorten it',
  box: 'is wider than the box it is in and runs over what is beside it; add a space to it or shorten it',
  lost: 'is in a block kept on one page that is taller than a page, and would be left out; split it into shorter paragraphs or items',
};

const PREFIX = 'layout fault: ';

/** Text that would be cut or lost, on a page (1-based) of the document being rendered. */
export class LayoutFault extends Error {
  constructor(
    readonly page: number,
    readonly text: string,
    readonly kind: FaultKind,
  ) {
    super(`${PREFIX}page ${page}: ${JSON.stringify(text)} ${ADVICE[kind]}`);
  }

  /** The fault in an error's message (a render thread hands errors back as plain Errors). */
  static parse(message: string): { page: number; text: string; advice: string } | null {
    const m = /^layout fault: page (\d+): ("(?:[^"\\]|\\.)*") (.*)$/s.exec(message);
    return m ? { page: Number(m[1]), text: JSON.parse(m[2]) as string, advice: m[3] } : null;
  }
}

const lineText = (line: Any): string =>
  line.inlines
    .map((i: Any) => String(i.text ?? ''))
    .join('')
    .trim();

/** Installed once, with pdfmake (pdfmake.ts); what it finds is kept on the run (pdfmake-run.ts). */
export function installLayoutGuard(): void {
  checkVersion();
  const LayoutBuilder = lib('LayoutBuilder');
  const ElementWriter = lib('ElementWriter');
  const PageElementWriter = lib('PageElementWriter');

  const placing = (original: (...a: Any[]) => Any, self: Any, args: Any[]) => {
    const run = runOf(self);
    if (run) run.placedDepth++;
    try {
      return original.apply(self, args);
    } finally {
      if (run) run.placedDepth--;
    }
  };
  for (const furniture of ['addHeadersAndFooters', 'addBackground', 'addWatermark']) {
    if (typeof LayoutBuilder.prototype[furniture] === 'function') wrap(LayoutBuilder.prototype, furniture, placing);
  }
  wrap(LayoutBuilder.prototype, 'processNode', (original, self, args) =>
    args[0]?.absolutePosition ? placing(original, self, args) : original.apply(self, args),
  );
  wrap(ElementWriter.prototype, 'addLine', (original, self, args) => {
    if ((runOf(self)?.placedDepth ?? 0) > 0) args[0]._placed = true;
    return original.apply(self, args);
  });
  wrap(LayoutBuilder.prototype, 'tryLayoutDocument', (original, self, args) => {
    const run = runOf(self);
    if (run) run.lost = [];
    return original.apply(self, args);
  });
  // A block kept whole (a table row, an unbreakable stack) that is taller than a page is dropped by pdfmake, with
  // nothing said: its fragment fits no page, and addFragment gives up.
  wrap(PageElementWriter.prototype, 'addFragment', (original, self, args) => {
    const result = original.apply(self, args);
    if (result === false) {
      // The line with the longest word names the block best (the first may be a table's header row).
      const texts = args[0].items
        .filter((it: Any) => it.type === 'line')
        .map((it: Any) => lineText(it.item))
        .filter(Boolean);
      const longest = (t: string) => Math.max(...t.split(/\s+/).map((w) => w.length));
      const text = texts.reduce((a: string, b: string) => (longest(b) > longest(a) ? b : a), texts[0] ?? '');
      if (text) runOf(self)?.lost.push({ page: self.context().page + 1, text });
    }
    return result;
  });
  wrap(LayoutBuilder.prototype, 'layoutDocument', (original, self, args) => {
    const pages = original.apply(self, args);
    const run = runOf(self);
    if (run?.trial) return pages;
    const lost = run?.lost[0];
    const fault = lost ? new LayoutFault(lost.page, lost.text, 'lost') : firstFault(pages);
    if (fault) throw fault;
    return pages;
  });
}

/** The margins of a line bound by the page itself (page furniture, placed text). */
const NO_MARGINS = { left: 0, top: 0, right: 0, bottom: 0 };
/** Text other than spaces (what String.trim leaves something of). */
const INKED = /\S/;

// Every line of every page is looked at: no text is joined (only a fault's), nothing allocated per line.
function firstFault(pages: Any[]): LayoutFault | null {
  for (let p = 0; p < pages.length; p++) {
    const { pageSize, pageMargins: m } = pages[p];
    for (const it of pages[p].items) {
      if (it.type !== 'line') continue;
      const line = it.item;
      const kind = faultOf(line, pageSize, line._placed ? NO_MARGINS : m);
      if (kind) return new LayoutFault(p + 1, lineText(line), kind);
    }
  }
  return null;
}

function faultOf(
  line: Any,
  size: { width: number; height: number },
  m: { left: number; top: number; right: number; bottom: number },
): FaultKind | null {
  // The ink's extent: inlines with text other than spaces (a line with none is not text).
  let left = Infinity;
  let right = -Infinity;
  let noWrap = false;
  for (const i of line.inlines) {
    if (i.noWrap) noWrap = true;
    if (!INKED.test(String(i.text ?? ''))) continue;
    left = Math.min(left, i.x + (i.leadingCut ?? 0));
    right = Math.max(right, i.x + i.width - (i.trailingCut ?? 0));
  }
  if (left === Infinity) return null;
  left += line.x;
  right += line.x;
  if (right > size.width - m.right + (m.right > 0 ? SIDE_ALLOWANCE : TOLERANCE)) return 'right';
  if (left < m.left - (m.left > 0 ? SIDE_ALLOWANCE : TOLERANCE)) return 'left';
  if (line.y + line.getHeight() > size.height - m.bottom + TOLERANCE) return 'bottom';
  if (line.y < m.top - TOLERANCE) return 'top';
  if (!noWrap && line.getWidth() > line.maxWidth + TOLERANCE) return 'box';
  return null;
}
