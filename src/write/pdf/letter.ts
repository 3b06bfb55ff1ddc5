// A letter: letterhead, date, the address where a #10 window envelope shows it, the body, the closing.
import { ENVELOPE_WINDOW, type Letter } from '../../compose/tree.js';
import { runs, type Node } from './inline.js';

/** Space between the letterhead's baseline area and the body when the letter has an address. */
const BELOW_WINDOW = 150;

export function letterNodes(letter: Letter, accent: string): Node[] {
  const nodes: Node[] = [
    { text: letter.letterhead, font: 'Sans', bold: true, fontSize: 12, color: accent },
    { text: letter.date, margin: [0, 8, 0, 0] },
  ];
  if (letter.address.length) {
    nodes.push({ stack: letter.address.map((l) => ({ text: l })), absolutePosition: { x: ENVELOPE_WINDOW.x, y: ENVELOPE_WINDOW.y }, fontSize: 10.5, lineHeight: 1.15 });
  }
  nodes.push(
    // Below the window: the fold of a letter in thirds is at 3.67 in.
    { text: letter.salutation, margin: [0, letter.address.length ? BELOW_WINDOW : 24, 0, 10] },
    ...letter.paragraphs.map((p) => ({ text: runs(p), style: 'body', margin: [0, 0, 0, 9] })),
    ...letter.closing.map((c, i) => ({ text: c, margin: [0, i === 0 ? 10 : 0, 0, i === 0 ? 28 : 0] })),
  );
  return nodes;
}
