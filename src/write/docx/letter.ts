// A business letter: letterhead, date, the recipient's address where a #10 window envelope shows it, the body, the closing.
import { BorderStyle, FrameAnchorType, FrameWrap, HeightRule, LineRuleType, Paragraph, TextRun, type FileChild } from 'docx';
import { ENVELOPE_WINDOW, type Letter, type PageWindow } from '../../compose/tree.js';
import { needsScriptRuns, scriptRuns } from './scripts.js';
import { plainRuns, runsOf } from './inline.js';
import { MARGIN } from './page.js';
import { LETTER_LINES, S } from './styles.js';

/** A letter's envelope window (compose/envelope.ts; the #10 one when it has none), in whole twips. */
export function addressWindow(w: PageWindow = ENVELOPE_WINDOW): PageWindow {
  return { x: Math.round(w.x * 20), y: Math.round(w.y * 20), width: Math.round(w.width * 20), height: Math.round(w.height * 20) };
}
/** Space between the letterhead's rule and the date. */
const DATE_GAP = 240;
/** Space after the first closing line ("Sincerely,") for the signature. */
const SIGNATURE_GAP = 720;

/**
 * Fold marks in the left margin (as in the PDF, write/pdf/letter.ts): each an empty frame placed from the page's
 * edges, 14 pt long, whose top border is the mark.
 */
function foldMarks(folds: number[]): Paragraph[] {
  return folds.map(
    (y) =>
      new Paragraph({
        frame: {
          type: 'absolute',
          position: { x: 14 * 20, y: Math.round(y * 20) },
          width: 14 * 20,
          height: 20,
          rule: HeightRule.EXACT,
          anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
          wrap: FrameWrap.AROUND,
        },
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: '888888', space: 0 } },
        spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT },
        children: [],
      }),
  );
}

export interface LetterOptions {
  /** The letter is the first thing on its page (a section of its own); a letter with an address always starts one. */
  startsPage?: boolean;
  /** Starts the letter on a new page (a letter with an address placed after other blocks). */
  pageBreakBefore?: boolean;
}

export function letter(l: Letter, options: LetterOptions = {}): FileChild[] {
  const address = l.address.filter((line) => line.trim() !== '');
  const out: Paragraph[] = [];
  // A letter with an address fills its first page from the top: the window is a place on the page, not in the flow.
  const startsPage = address.length > 0 || options.startsPage === true;
  const breakBefore = startsPage && options.pageBreakBefore ? true : undefined;
  const head = startsPage ? l.letterhead : undefined;
  if (head) out.push(new Paragraph({ style: S.letterhead, pageBreakBefore: breakBefore, children: plainRuns(head) }));
  out.push(
    new Paragraph({
      style: S.letterDate,
      pageBreakBefore: head ? undefined : breakBefore,
      spacing: head ? { before: DATE_GAP } : undefined,
      children: plainRuns(l.date),
    }),
  );
  let salutationBefore = 360;
  const window = addressWindow(l.window);
  if (address.length > 0) {
    // A framed paragraph (w:framePr) placed from the page's edges: Word keeps it a frame, LibreOffice makes it one.
    // "notBeside" keeps the body from flowing beside it; the body starts below it by its own spacing, computed from the
    // exact heights of the letterhead and date lines below the top margin, so it does not depend on how either program
    // fills the lines.
    out.push(
      new Paragraph({
        style: S.letterAddress,
        frame: {
          type: 'absolute',
          position: { x: window.x, y: window.y },
          width: window.width,
          height: window.height,
          rule: HeightRule.ATLEAST,
          anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
          wrap: FrameWrap.NOT_BESIDE,
        },
        // One paragraph, its lines separated by line breaks: one frame.
        children: address.some(needsScriptRuns)
          ? address.flatMap((line, i) => [...(i > 0 ? [new TextRun({ break: 1 })] : []), ...scriptRuns(line)])
          : plainRuns(address.join('\n')),
      }),
    );
    out.push(...foldMarks(l.folds ?? []));
    const above = MARGIN + (head ? LETTER_LINES.letterhead + LETTER_LINES.letterheadRule + DATE_GAP : 0) + LETTER_LINES.date;
    // The salutation starts a quarter inch below the window.
    salutationBefore = window.y + window.height + 360 - above;
  }
  out.push(new Paragraph({ style: S.letterText, spacing: { before: salutationBefore }, children: plainRuns(l.salutation) }));
  for (const p of l.paragraphs) out.push(new Paragraph({ style: S.letterText, children: runsOf(p) }));
  l.closing.forEach((line, i) => {
    const signHere = i === 0 && l.closing.length > 1 && l.closing[1].trim() !== '';
    out.push(
      new Paragraph({
        style: S.letterClosing,
        spacing: { before: i === 0 ? 120 : 0, after: signHere ? SIGNATURE_GAP : 0 },
        // The last line does not keep with the next paragraph (that would pull the letter onto the next page).
        keepNext: i === l.closing.length - 1 ? false : undefined,
        children: plainRuns(line),
      }),
    );
  });
  return out;
}
