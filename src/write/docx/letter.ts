// A business letter: letterhead, date, the recipient's address where a #10 window envelope shows it, the body, the closing.
import { ENVELOPE_WINDOW, type Letter, type PageWindow } from '../../compose/tree.js';
import type { El } from '../../xml/wordml.js';
import { needsScriptRuns, scriptRuns } from './scripts.js';
import { stringRuns, runsOf } from './inline.js';
import { para, run } from './wml.js';
import { MARGIN } from './page.js';
import { LETTER_LINES, S } from './styles.js';

/** A letter's envelope window (compose/envelope.ts; the #10 one when it has none), in whole twips. */
export function addressWindow(w: PageWindow = ENVELOPE_WINDOW): PageWindow {
  return {
    x: Math.round(w.x * 20),
    y: Math.round(w.y * 20),
    width: Math.round(w.width * 20),
    height: Math.round(w.height * 20),
  };
}
/** Space between the letterhead's rule and the date. */
const DATE_GAP = 240;
/** Space after the first closing line ("Sincerely,") for the signature. */
const SIGNATURE_GAP = 720;

/**
 * Fold marks in the left margin (as in the PDF, write/pdf/letter.ts): each an empty frame placed from the page's
 * edges, 14 pt long, whose top border is the mark.
 */
function foldMarks(folds: number[]): El[] {
  return folds.map((y) =>
    para({
      frame: { x: 14 * 20, y: Math.round(y * 20), width: 14 * 20, height: 20, rule: 'exact', wrap: 'around' },
      border: { top: { style: 'single', size: 4, color: '888888', space: 0 } },
      spacing: { before: 0, after: 0, line: 20, lineRule: 'exact' },
    }),
  );
}

export interface LetterOptions {
  /** The letter is the first thing on its page (a section of its own); a letter with an address always starts one. */
  startsPage?: boolean;
  /** Starts the letter on a new page (a letter with an address placed after other blocks). */
  pageBreakBefore?: boolean;
}

export function letter(l: Letter, options: LetterOptions = {}): El[] {
  const address = l.address.filter((line) => line.trim() !== '');
  const out: El[] = [];
  // A letter with an address fills its first page from the top: the window is a place on the page, not in the flow.
  const startsPage = address.length > 0 || options.startsPage === true;
  const breakBefore = startsPage && options.pageBreakBefore ? true : undefined;
  const head = startsPage ? l.letterhead : undefined;
  if (head) out.push(para({ style: S.letterhead, pageBreakBefore: breakBefore }, stringRuns(head)));
  out.push(
    para(
      {
        style: S.letterDate,
        pageBreakBefore: head ? undefined : breakBefore,
        spacing: head ? { before: DATE_GAP } : undefined,
      },
      stringRuns(l.date),
    ),
  );
  let salutationBefore = 360;
  const window = addressWindow(l.window);
  if (address.length > 0) {
    // A framed paragraph (w:framePr) placed from the page's edges: Word keeps it a frame, LibreOffice makes it one.
    // "notBeside" keeps the body from flowing beside it; the body starts below it by its own spacing, computed from the
    // exact heights of the letterhead and date lines below the top margin, so it does not depend on how either program
    // fills the lines.
    out.push(
      para(
        {
          style: S.letterAddress,
          frame: {
            x: window.x,
            y: window.y,
            width: window.width,
            height: window.height,
            rule: 'atLeast',
            wrap: 'notBeside',
          },
        },
        // One paragraph, its lines separated by line breaks: one frame.
        address.some(needsScriptRuns)
          ? address.flatMap((line, i) => [...(i > 0 ? [run({ break: 1 })] : []), ...scriptRuns(line)])
          : stringRuns(address.join('\n')),
      ),
    );
    out.push(...foldMarks(l.folds ?? []));
    const above =
      MARGIN + (head ? LETTER_LINES.letterhead + LETTER_LINES.letterheadRule + DATE_GAP : 0) + LETTER_LINES.date;
    // The salutation starts a quarter inch below the window.
    salutationBefore = window.y + window.height + 360 - above;
  }
  out.push(para({ style: S.letterText, spacing: { before: salutationBefore } }, stringRuns(l.salutation)));
  for (const p of l.paragraphs) out.push(para({ style: S.letterText }, runsOf(p)));
  l.closing.forEach((line, i) => {
    const signHere = i === 0 && l.closing.length > 1 && l.closing[1].trim() !== '';
    out.push(
      para(
        {
          style: S.letterClosing,
          spacing: { before: i === 0 ? 120 : 0, after: signHere ? SIGNATURE_GAP : 0 },
          // The last line does not keep with the next paragraph (that would pull the letter onto the next page).
          keepNext: i === l.closing.length - 1 ? false : undefined,
        },
        stringRuns(line),
      ),
    );
  });
  return out;
}
