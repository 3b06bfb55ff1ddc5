// Whether a roster row prints whole: every character in an embedded font, every address line inside the envelope window.
import { ADDRESSEE_FIELDS, type Addressee } from '../compose/packet.js';
import {
  ADDRESS_TYPE,
  addressArea,
  addressLines,
  charactersThatFit,
  ENVELOPE_WINDOW,
  fittedAddressSize,
  type EnvelopeWindow,
} from '../compose/envelope.js';
import { printedMetrics, unprintable } from '../text/coverage.js';
import { excerpt } from '../read/caps.js';

const PRINTED = ADDRESSEE_FIELDS;

const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

const together = (fields: string[]) =>
  fields.length === 1 ? `${fields[0]} is` : `${fields.slice(0, -1).join(', ')} and ${fields[fields.length - 1]} are`;

/** A window's height as staff measure it: inches for the #10 window, millimetres for the others. */
const inchesOrMm = (pt: number) =>
  pt === ENVELOPE_WINDOW.height ? `${pt / 72} in` : `${Math.round(((pt * 25.4) / 72) * 10) / 10} mm`;

/** What keeps a row's packet from printing as typed in its edition's envelope `window`; empty when it prints. */
export function printProblems(row: Addressee, window: EnvelopeWindow = ENVELOPE_WINDOW): string[] {
  const area = addressArea(window);
  const problems: string[] = [];
  for (const field of PRINTED) {
    const value = row[field] ?? '';
    const cp = unprintable(value);
    if (cp != null)
      problems.push(`${field} ${excerpt(value)} has a character the packet fonts cannot print (${codePoint(cp)})`);
  }
  if (problems.length) return problems;
  const lines = addressLines(row);
  for (const line of lines) {
    if (printedMetrics.width(line.text, ADDRESS_TYPE.minSize) > area.width) {
      const n = [...line.text].length;
      problems.push(
        `${together(line.fields)} ${n} characters${line.fields.length > 1 ? ' on one line' : ''}; at most ${charactersThatFit(line.text, printedMetrics, window)} fit the envelope window`,
      );
    }
  }
  if (
    problems.length === 0 &&
    fittedAddressSize(
      lines.map((l) => l.text),
      printedMetrics,
      window,
    ) == null
  ) {
    problems.push(
      `the address's ${lines.length} lines do not fit the envelope window's height (${inchesOrMm(window.height)})`,
    );
  }
  return problems;
}
