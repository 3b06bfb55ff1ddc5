// A roster saved as text: decoded to UTF-8 (roster-text.ts), then read with csv-parse, each row with the line it
// starts on. The bytes are read in place: a roster may be 16 MB, and each copy of it counts.
import { parse } from 'csv-parse/sync';
import { CAPS } from '../read/caps.js';
import { RosterError } from './roster-error.js';
import { decodeRosterText } from './roster-text.js';
import type { RosterTable } from './roster-xlsx.js';

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Rows with more fields than a roster could have columns, blanked out before csv-parse builds them (one line of 15
 * million commas takes it a gigabyte and ten seconds). Only separators outside quotes are counted, and line breaks
 * for the line numbers; reading the values is csv-parse's. A blanked row keeps its line breaks, written with the
 * file's own record separator, so the lines after it keep their numbers.
 */
function withoutWideRows(utf8: Buffer, delimiter: string): { utf8: Buffer; wide: { line: number; fields: number }[] } {
  const wide: { line: number; fields: number }[] = [];
  const kept: Buffer[] = [];
  let from = 0;
  let quoted = false;
  let fields = 1;
  let start = 0;
  let line = 1;
  let startLine = 1;
  const sep = delimiter.charCodeAt(0);
  for (let i = 0; i <= utf8.length; i++) {
    const c = i < utf8.length ? utf8[i] : LF;
    if (c === QUOTE) quoted = !quoted;
    else if (c === sep && !quoted) fields++;
    else if ((c === LF || c === CR) && !quoted) {
      const crlf = c === CR && utf8[i + 1] === LF;
      if (fields > CAPS.rosterColumns) {
        wide.push({ line: startLine, fields });
        const eol = i >= utf8.length ? '' : crlf ? '\r\n' : String.fromCharCode(c);
        kept.push(utf8.subarray(from, start), Buffer.from(eol.repeat(line - startLine)));
        from = i;
      }
      if (crlf) i++;
      line++;
      start = i + 1;
      startLine = line;
      fields = 1;
    } else if (c === LF || (c === CR && utf8[i + 1] !== LF)) line++;
  }
  if (!wide.length) return { utf8, wide };
  kept.push(utf8.subarray(from));
  return { utf8: Buffer.concat(kept), wide };
}

/** The rows of a CSV file, each with the line it starts on (a quoted field may span several lines). */
export function readCsvTable(bytes: Buffer, name: string): RosterTable {
  const decoded = decodeRosterText(bytes, name);
  const { utf8, wide } = withoutWideRows(decoded.utf8, decoded.delimiter);
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(utf8, {
      delimiter: decoded.delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new RosterError(
      `${name}${err.lines ? ` line ${err.lines}` : ''}: not valid CSV (${err.message.replace(/^Invalid [^:]*: /, '').split('\n')[0]}); expected comma-separated values with "quotes" around fields that contain commas`,
    );
  }
  // The line a record starts on, as an editor counts lines (CR LF is one break): csv-parse's own count takes a CR LF
  // inside a quoted field for two. info.bytes is where a record ends.
  let at = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    for (; at < offset; at++) if (utf8[at] === LF || (utf8[at] === CR && utf8[at + 1] !== LF)) line++;
    return line;
  };
  return {
    rows: records.map(({ record }, i) => {
      // Past the previous record and any blank lines.
      let start = i === 0 ? 0 : records[i - 1].info.bytes;
      while (utf8[start] === LF || utf8[start] === CR) start++;
      return { line: lineAt(start), cells: record };
    }),
    windows1252: decoded.encoding === 'Windows-1252',
    refused: wide.map((w) => ({
      line: w.line,
      problem: `the row has ${w.fields.toLocaleString('en-US')} fields; expected at most ${CAPS.rosterColumns} (the roster's columns)`,
    })),
  };
}
