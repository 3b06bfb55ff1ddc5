// The checks a roster row passes before its values are parsed, measured or printed: caps on length, text that is
// text (no controls, no bidi overrides, not only invisible characters), and an address cell's line breaks.
import { charactersThatFit } from '../compose/envelope.js';
import { printedMetrics } from '../text/coverage.js';
import { CAPS, excerpt, overCap } from '../read/caps.js';

const NAME_FIELDS = ['first_name', 'last_name'] as const;
const ADDRESS_FIELDS = ['address_line1', 'address_line2', 'city', 'state', 'postal_code'] as const;
const PRINTED = [...NAME_FIELDS, ...ADDRESS_FIELDS] as const;

export type Cells = Record<string, string>;

const codePoint = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Length caps, for every cell the roster uses, before anything else looks at it: a printed field longer than the
 * envelope window could ever hold, an e-mail address longer than RFC 5321 allows, any other cell past its cap.
 */
export function capProblems(cells: Cells, columns: readonly string[]): string[] {
  const problems: string[] = [];
  for (const field of columns) {
    const value = cells[field] ?? '';
    if (field === 'email') {
      const over = overCap(value, CAPS.emailChars);
      if (over) problems.push(`email ${over}; an e-mail address has at most ${CAPS.emailChars}`);
    } else if ((PRINTED as readonly string[]).includes(field)) {
      const over = overCap(value, CAPS.printedChars);
      // The real measure, on the beginning only: how much of it the window takes at the smallest size.
      if (over)
        problems.push(
          `${field} ${over}; at most ${charactersThatFit(value.slice(0, CAPS.printedChars), printedMetrics)} fit the envelope window`,
        );
    } else {
      const over = overCap(value, CAPS.otherChars);
      if (over) problems.push(`${field} ${over}; expected at most ${CAPS.otherChars.toLocaleString('en-US')}`);
    }
  }
  return problems;
}

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * A line break inside an address cell (Excel's Alt+Enter) starts the next address line: address_line1 "Suite 100\nAttn:
 * Intake" with no address_line2 becomes the two lines. More lines than the envelope's two address lines is a problem.
 */
export function splitAddressLines(cells: Cells): string | null {
  const one = cells.address_line1 ?? '';
  const two = cells.address_line2 ?? '';
  if (!LINE_BREAK.test(one) && !LINE_BREAK.test(two)) return null;
  const lines = [...one.split(LINE_BREAK), ...two.split(LINE_BREAK)].map((l) => l.trim()).filter(Boolean);
  if (lines.length > 2) {
    const where = [LINE_BREAK.test(one) && 'address_line1', LINE_BREAK.test(two) && 'address_line2']
      .filter(Boolean)
      .join(' and ');
    return `${where} ${LINE_BREAK.test(one) && LINE_BREAK.test(two) ? 'hold' : 'holds'} line breaks: the address has ${lines.length} street lines; expected at most 2 (address_line1 and address_line2)`;
  }
  cells.address_line1 = lines[0] ?? '';
  cells.address_line2 = lines[1] ?? '';
  return null;
}

/** C0 and C1 controls, the line and paragraph separators, and bidi embeddings, overrides and isolates. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/**
 * What prints as nothing: format characters (zero-width space and joiners, marks, soft hyphen, word joiner), spaces,
 * fillers and variation selectors. A name of these alone is empty. (Inside a name, the joiners Arabic and Indic
 * scripts need stay.)
 */
const INVISIBLE = /[\p{Cf}\p{Z}\s\u034f\u115f\u1160\u3164\uffa0\u2800\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;

function kindOf(cp: number): string {
  if (cp === 0x0a || cp === 0x0d) return 'a line break';
  if (cp === 0x2028) return 'a line separator';
  if (cp === 0x2029) return 'a paragraph separator';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) return 'a bidi control';
  return 'a control character';
}

/** Names and addresses are text: a control character, a bidi control, or nothing but invisible characters is refused. */
export function textProblems(cells: Cells): string[] {
  const problems: string[] = [];
  for (const field of PRINTED) {
    const value = cells[field] ?? '';
    const control = CONTROL.exec(value);
    if (control) {
      const cp = control[0].codePointAt(0)!;
      const bidi = kindOf(cp) === 'a bidi control' ? ' (a name written right to left needs none)' : '';
      problems.push(`${field} ${excerpt(value)} has ${kindOf(cp)} (${codePoint(cp)}); expected plain text${bidi}`);
      continue;
    }
    if (value.trim() !== '' && value.replace(INVISIBLE, '') === '') {
      problems.push(
        `${field} has only invisible characters (${[...new Set([...value].filter((c) => !/\s/.test(c)))].map((c) => codePoint(c.codePointAt(0)!)).join(', ')}); expected ${field.includes('name') ? 'a name' : 'text'}`,
      );
    }
  }
  return problems;
}

/**
 * Excel's "CSV (Comma delimited)" is Windows-1252, and it writes "?" for each letter that encoding lacks ("Łucja"
 * becomes "?ucja"): a "?" in a name or address of such a file is a lost letter, which would print as "?".
 */
export function lostLetters(cells: Cells): string[] {
  return PRINTED.filter((f) => (cells[f] ?? '').includes('?')).map(
    (f) =>
      `${f} ${excerpt(cells[f])} has a "?", which Excel writes for a letter "CSV (Comma delimited)" cannot hold; expected the roster saved from Excel as "CSV UTF-8 (Comma delimited) (*.csv)" or "Excel Workbook (*.xlsx)"`,
  );
}

/** The same applicant twice: by e-mail address, or by name and address (case and spacing aside). */
export class Duplicates {
  private byEmail = new Map<string, number>();
  private byNameAndAddress = new Map<string, number>();

  /** The earlier line and what they share, or null (and the row is remembered). */
  check(cells: Cells, line: number): { line: number; same: string } | null {
    const norm = (s: string | undefined) => (s ?? '').normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
    const email = norm(cells.email);
    const person = [...PRINTED].map((f) => norm(cells[f])).join('\0');
    const seenEmail = this.byEmail.get(email);
    if (seenEmail !== undefined) return { line: seenEmail, same: 'the same e-mail address' };
    const seenPerson = this.byNameAndAddress.get(person);
    if (seenPerson !== undefined) return { line: seenPerson, same: 'the same name and address' };
    this.byEmail.set(email, line);
    this.byNameAndAddress.set(person, line);
    return null;
  }
}
