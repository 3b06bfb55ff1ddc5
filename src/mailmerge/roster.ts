// The applicant roster: a spreadsheet saved as CSV (any encoding Excel writes) or kept as .xlsx, checked row by row.
// Every check a row passes is here, for build:packets and send:packets alike.
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import slugify from '@sindresorhus/slugify';
import type { Edition } from '../editions/edition.js';
import { CAPS, excerpt, fileOverCap } from '../read/caps.js';
import { printProblems } from './roster-printable.js';
import { envelopeWindow } from '../compose/envelope.js';
import { ADDRESSEE_FIELDS } from '../compose/packet.js';
import { capProblems, Duplicates, lostLetters, splitAddressLines, textProblems, type Cells } from './roster-checks.js';
import { RosterError, SAVE_FROM_EXCEL } from './roster-error.js';
import { readCsvTable } from './roster-csv.js';
import { isZip, readXlsxTable, type RosterTable } from './roster-xlsx.js';

export { RosterError };

export const ROSTER_COLUMNS = [...ADDRESSEE_FIELDS, 'edition', 'level'] as const;
const OPTIONAL = new Set(['address_line2']);

const required = (name: string) => z.string().trim().min(1, `missing ${name}`);
export const RosterRow = z.object({
  first_name: required('first_name'),
  last_name: required('last_name'),
  address_line1: required('address_line1'),
  address_line2: z.string().trim().optional().default(''),
  city: required('city'),
  state: required('state'),
  postal_code: required('postal_code'),
  email: z
    .string()
    .trim()
    .min(1, 'missing email')
    .pipe(z.email({ error: (iss) => `email ${excerpt(String(iss.input))} is not an e-mail address` })),
  edition: required('edition'),
  level: z
    .string()
    .trim()
    .min(1, 'missing level')
    .regex(/^[1-4]$/, 'level must be 1, 2, 3 or 4')
    .transform(Number),
});
export type RosterRow = z.infer<typeof RosterRow>;

export interface Applicant extends RosterRow {
  /** The row's line in the file (the header is line 1); in a workbook, the sheet's row number. */
  line: number;
}

export interface Roster {
  applicants: Applicant[];
  rejected: { line: number; message: string }[];
}

export interface RosterOptions {
  /** The sheet of an .xlsx workbook to read (default: the first). */
  sheet?: string;
}

/** Reads and checks the roster; a file that cannot be read as a roster at all throws RosterError. */
export async function readRoster(
  path: string,
  editions: Map<string, Edition>,
  opts: RosterOptions = {},
): Promise<Roster> {
  const name = basename(path);
  return checkRows(await readTable(path, name, opts.sheet), name, editions);
}

/** The file's rows as text. Its bytes are let go before the rows are checked. */
async function readTable(path: string, name: string, sheet: string | undefined): Promise<RosterTable> {
  let bytes: Buffer;
  try {
    const tooLarge = fileOverCap(path, statSync(path).size, CAPS.rosterBytes, 'a roster');
    if (tooLarge) throw new RosterError(tooLarge);
    bytes = readFileSync(path);
  } catch (e) {
    if (e instanceof RosterError) throw e;
    throw new RosterError(
      `${name}: cannot read the roster (${(e as NodeJS.ErrnoException).code ?? 'error'}); expected a CSV file exported from a spreadsheet, or an .xlsx workbook`,
    );
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new RosterError(
      `${name}: this is an Excel 97-2003 workbook (.xls), which cannot be read; ${SAVE_FROM_EXCEL}`,
    );
  }
  if (isZip(bytes)) return readXlsxTable(bytes, name, sheet);
  if (sheet !== undefined)
    throw new RosterError(
      `${name}: --sheet "${sheet}" names a sheet of an Excel workbook, but this is a text (CSV) file; expected an .xlsx file, or no --sheet`,
    );
  return readCsvTable(bytes, name);
}

function checkRows(table: RosterTable, name: string, editions: Map<string, Edition>): Roster {
  const rows = table.rows.filter((r) => r.cells.some((c) => c !== ''));
  // The cap counts applicants: the header row is not one.
  const applicants = rows.length - 1;
  if (applicants > CAPS.rosterApplicants)
    throw new RosterError(
      `${name}: the roster has ${applicants.toLocaleString('en-US')} applicants; expected at most ${CAPS.rosterApplicants.toLocaleString('en-US')} (split it into several rosters)`,
    );
  const [head, ...body] = rows;
  const header = (head?.cells ?? []).map((c) => c.trim().toLowerCase());
  const headerLine = head?.line ?? 1;
  const missingColumns = ROSTER_COLUMNS.filter((c) => !OPTIONAL.has(c) && !header.includes(c));
  if (header.length === 0 || missingColumns.length) {
    throw new RosterError(
      `${name} line ${headerLine}: the header lacks ${missingColumns.join(', ')}; expected the columns ${ROSTER_COLUMNS.join(',')}`,
    );
  }
  const used = ROSTER_COLUMNS.filter((c) => header.includes(c));
  const roster: Roster = {
    applicants: [],
    rejected: (table.refused ?? []).map((r) => ({ line: r.line, message: `${name} line ${r.line}: ${r.problem}` })),
  };
  const duplicates = new Duplicates();
  const refuse = (line: number, problems: string[]) =>
    roster.rejected.push({ line, message: `${name} line ${line}: ${problems.join('; ')}` });
  for (const { line, cells } of body) {
    const record: Cells = {};
    for (const c of used) record[c] = cells[header.indexOf(c)] ?? '';
    // Lengths first: a value past its cap is neither split, parsed, measured nor quoted whole.
    const tooLong = capProblems(record, used);
    if (tooLong.length) {
      refuse(line, tooLong);
      continue;
    }
    const lines = splitAddressLines(record);
    const text = lines ? [lines] : [...textProblems(record), ...(table.windows1252 ? lostLetters(record) : [])];
    if (text.length) {
      refuse(line, text);
      continue;
    }
    const parsed = RosterRow.safeParse(record);
    if (!parsed.success) {
      refuse(line, [...new Set(parsed.error.issues.map((i) => i.message))]);
      continue;
    }
    const problems: string[] = [];
    const edition = editions.get(parsed.data.edition);
    if (!edition)
      problems.push(
        `unknown edition ${excerpt(parsed.data.edition)} (expected one of: ${[...editions.keys()].join(', ')})`,
      );
    else if (!edition.guidelines.levels.some((l) => l.level === parsed.data.level))
      problems.push(`edition "${edition.id}" does not publish Level ${parsed.data.level}`);
    problems.push(...printProblems(parsed.data, edition ? envelopeWindow(edition.settings) : undefined));
    if (problems.length) {
      refuse(line, problems);
      continue;
    }
    const same = duplicates.check(record, line);
    if (same) {
      refuse(line, [`the same applicant as line ${same.line} (${same.same}); expected one row per applicant`]);
      continue;
    }
    roster.applicants.push({ ...parsed.data, line });
  }
  roster.rejected.sort((a, b) => a.line - b.line);
  return roster;
}

/**
 * A file name that is safe everywhere and unique by roster line: the name transliterated to ASCII where it can be
 * ("Łucja Øberg" gives oberg-lucja), else "applicant".
 */
export function packetFileName(a: Applicant): string {
  return `line-${String(a.line).padStart(4, '0')}-${nameSlug(a).slice(0, 60).replace(/-$/, '')}`;
}

/** The applicant's name as a file name part: last-first in ASCII, or "applicant" for a name with no transliteration. */
export function nameSlug(a: Pick<Applicant, 'first_name' | 'last_name'>): string {
  const ascii = (s: string) => slugify(s, { lowercase: true, decamelize: false });
  return [ascii(a.last_name), ascii(a.first_name)].filter(Boolean).join('-') || 'applicant';
}

/**
 * The first and last name as they may appear in a file name: transliterated to ASCII letters, digits and hyphens
 * (case kept), never the raw input; both empty for a name in a script with no transliteration.
 */
export function fileNameParts(a: Pick<Applicant, 'first_name' | 'last_name'>): { first: string; last: string } {
  const ascii = (s: string) => slugify(s, { lowercase: false, decamelize: false });
  return { first: ascii(a.first_name), last: ascii(a.last_name) };
}
