// A letter: letterhead, date, the address where a #10 window envelope shows it, the body, the closing.
import { ENVELOPE_WINDOW, type Letter } from '../../compose/tree.js';
import { addressNode } from './address.js';
import type { Node } from './inline.js';
import { getPdfmake } from './pdfmake.js';
import { scriptInlines, scriptText } from './scripts.js';
import { tag } from './tagging/tags.js';

/** Space between the letterhead's baseline area and the body when the letter has an address (the #10 window's). */
const BELOW_WINDOW = 150;
/** The same for another window: as much lower as its bottom edge is. */
const belowWindow = (l: Letter) =>
  BELOW_WINDOW + (l.window ? l.window.y + l.window.height - (ENVELOPE_WINDOW.y + ENVELOPE_WINDOW.height) : 0);

/** Fold marks in the left margin, for a letter that goes into a window envelope: short rules, decoration only. */
export const FOLD_MARK = { x: 14, length: 14, width: 0.5, color: '#888888' } as const;
function foldMarks(folds: number[]): Node[] {
  return folds.map((y) => ({
    canvas: [
      {
        type: 'line',
        x1: 0,
        y1: 0,
        x2: FOLD_MARK.length,
        y2: 0,
        lineWidth: FOLD_MARK.width,
        lineColor: FOLD_MARK.color,
      },
    ],
    absolutePosition: { x: FOLD_MARK.x, y },
  }));
}

export function letterNodes(letter: Letter, accent: string): Node[] {
  const nodes: Node[] = [
    // The letterhead is the letter's heading: a personalized packet starts with the letter.
    tag({ text: letter.letterhead, font: 'Sans', bold: true, fontSize: 12, color: accent }, 'H1'),
    tag({ text: letter.date, margin: [0, 8, 0, 0] }, 'P'),
  ];
  if (letter.address.length) nodes.push(addressNode(letter.address, letter.window), ...foldMarks(letter.folds ?? []));
  // Names may be in any script: the texts that carry them get the fonts they need.
  const pdfmake = getPdfmake();
  nodes.push(
    // Below the window: the fold of a letter in thirds is at 3.67 in.
    tag(
      {
        text: scriptText(letter.salutation, pdfmake),
        margin: [0, letter.address.length ? belowWindow(letter) : 24, 0, 10],
      },
      'P',
    ),
    ...letter.paragraphs.map((p) => tag({ text: scriptInlines(p, pdfmake), style: 'body', margin: [0, 0, 0, 9] }, 'P')),
    ...letter.closing.map((c, i) =>
      tag({ text: scriptText(c, pdfmake), margin: [0, i === 0 ? 10 : 0, 0, i === 0 ? 28 : 0] }, 'P'),
    ),
  );
  return nodes;
}
