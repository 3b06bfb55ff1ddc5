// The recipient's address on a letter, inside the edition's envelope window, in the fonts its scripts need.
import { ADDRESS_TYPE, addressArea, ENVELOPE_WINDOW, fittedAddressSize, type PageWindow } from '../../compose/tree.js';
import type { Node } from './inline.js';
import { getPdfmake } from './pdfmake.js';
import { printedMetrics } from '../../text/coverage.js';
import { scriptText } from './scripts.js';
import { tag } from './tagging/tags.js';

/**
 * The address block, placed in the window's text area at the largest size at which it fits. The mail merge refuses
 * an address that fits at no size (see mailmerge/roster-printable.ts); one that still does not (an address typed into a
 * template, not a roster) prints at the minimum size.
 */
export function addressNode(lines: string[], window: PageWindow = ENVELOPE_WINDOW): Node {
  const size = fittedAddressSize(lines, printedMetrics, window) ?? ADDRESS_TYPE.minSize;
  const area = addressArea(window);
  const pdfmake = getPdfmake();
  return {
    // Each line its own paragraph for a reader (name, street, city), as on the envelope.
    stack: lines.map((l) => tag({ text: scriptText(l, pdfmake), noWrap: true }, 'P')),
    absolutePosition: { x: area.x, y: area.y },
    fontSize: size,
    lineHeight: ADDRESS_TYPE.lineHeight,
  };
}
