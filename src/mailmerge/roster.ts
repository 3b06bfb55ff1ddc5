// The applicant roster: a spreadsheet's CSV export, read with csv-parse and checked row by row.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import slugify from '@sindresorhus/slugify';
import type { Edition } from '../editions/edition.js';
import { printProblems } from './printable.js';

export const ROSTER_COLUMNS = ['first_name', 'last_name', 'address_line1', 'address_line2', 'city', 'state', 'postal_code', 'email', 'edition', 'level'] as const;
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
  email: z.string().trim().min(1, 'missing email').pipe(z.email({ error: (iss) => `email "${String(iss.input)}" is not an e-mail address` })),
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
  /** The row's line in the file (the header is line 1). */
  line: number;
}

export class RosterError extends Error {}

export interface Roster {
  applicants: Applicant[];
  rejected: { line: number; message: string }[];
}

/** Reads and checks the roster; a file that cannot be read as a roster at all throws RosterError. */
export function readRoster(path: string, editions: Map<string, Edition>): Roster {
  const name = basename(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new RosterError(`${name}: cannot read the roster (${(e as NodeJS.ErrnoException).code ?? 'error'}); expected a CSV file exported from a spreadsheet`);
  }
  if (bytes.includes(0)) throw new RosterError(`${name}: this is not a CSV file (it contains binary data); expected a CSV export with the columns ${ROSTER_COLUMNS.join(',')}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RosterError(`${name}: the roster is not UTF-8 text; expected a CSV saved as "CSV UTF-8"`);
  }
  let records: { record: Record<string, string>; info: { lines: number; raw?: string } }[];
  let header: string[] = [];
  try {
    records = parse(text, {
      bom: true,
      columns: (h: string[]) => (header = h.map((c) => c.trim().toLowerCase())),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      raw: true,
    }) as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new RosterError(`${name}${err.lines ? ` line ${err.lines}` : ''}: not valid CSV (${err.message.replace(/^Invalid [^:]*: /, '').split('\n')[0]}); expected comma-separated values with "quotes" around fields that contain commas`);
  }
  const missingColumns = ROSTER_COLUMNS.filter((c) => !OPTIONAL.has(c) && !header.includes(c));
  if (header.length === 0 || missingColumns.length) {
    throw new RosterError(`${name} line 1: the header lacks ${missingColumns.join(', ')}; expected the columns ${ROSTER_COLUMNS.join(',')}`);
  }
  const roster: Roster = { applicants: [], rejected: [] };
  for (const { record, info } of records) {
    // info.lines is the line the record ends on; a quoted field may span several lines.
    const line = info.lines - ((info.raw ?? '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0);
    const parsed = RosterRow.safeParse(record);
    const problems = parsed.success ? [] : [...new Set(parsed.error.issues.map((i) => i.message))];
    if (parsed.success) {
      const edition = editions.get(parsed.data.edition);
      if (!edition) problems.push(`unknown edition "${parsed.data.edition}" (expected one of: ${[...editions.keys()].join(', ')})`);
      else if (!edition.guidelines.levels.some((l) => l.level === parsed.data.level)) problems.push(`edition "${edition.id}" does not publish Level ${parsed.data.level}`);
      problems.push(...printProblems(parsed.data));
    }
    if (problems.length) roster.rejected.push({ line, message: `${name} line ${line}: ${problems.join('; ')}` });
    else roster.applicants.push({ ...(parsed.data as RosterRow), line });
  }
  return roster;
}

/**
 * A file name that is safe everywhere and unique by roster line: the name transliterated to ASCII where it can be
 * ("Łucja Øberg" gives oberg-lucja), else "applicant".
 */
export function packetFileName(a: Applicant): string {
  const ascii = (s: string) => slugify(s, { lowercase: true, decamelize: false });
  const who = [ascii(a.last_name), ascii(a.first_name)].filter(Boolean).join('-') || 'applicant';
  return `line-${String(a.line).padStart(4, '0')}-${who.slice(0, 60).replace(/-$/, '')}`;
}
