// A roster saved as text: decoded (roster-text.ts), then read with csv-parse, each row with the line it starts on.
import { parse } from 'csv-parse/sync';
import { CAPS } from '../read/caps.js';
import { RosterError } from './roster-error.js';
import { decodeRosterText } from './roster-text.js';
import type { RosterTable } from './roster-xlsx.js';

/**
 * Rows with more fields than a roster could have columns, blanked out before csv-parse builds them (one line of 15
 * million commas takes it a gigabyte and ten seconds). Only separators outside quotes are counted, and line breaks
 * for the line numbers; reading the values is csv-parse's. A blanked row keeps its line breaks, so the lines after it
 * keep their numbers.
 */
function withoutWideRows(text: string, delimiter: string): { text: string; wide: { line: number; fields: number }[] } {
  const wide: { line: number; fields: number }[] = [];
  const kept: string[] = [];
  let from = 0;
  let quoted = false;
  let fields = 1;
  let start = 0;
  let line = 1;
  let startLine = 1;
  const sep = delimiter.charCodeAt(0);
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0x0a;
    const lf = c === 0x0a;
    const cr = c === 0x0d;
    if (c === 0x22) quoted = !quoted;
    else if (c === sep && !quoted) fields++;
    else if ((lf || cr) && !quoted) {
      if (fields > CAPS.rosterColumns) {
        wide.push({ line: startLine, fields });
        // Blank lines written with the file's own record separator (csv-parse takes a lone LF in a CR LF file for data).
        const eol = i >= text.length ? '' : cr && text.charCodeAt(i + 1) === 0x0a ? '\r\n' : text[i];
        kept.push(text.slice(from, start), eol.repeat(line - startLine));
        from = i;
      }
      if (cr && text.charCodeAt(i + 1) === 0x0a) i++;
      line++;
      start = i + 1;
      startLine = line;
      fields = 1;
    } else if (lf || (cr && text.charCodeAt(i + 1) !== 0x0a)) line++;
  }
  if (!wide.length) return { text, wide };
  kept.push(text.slice(from));
  return { text: kept.join(''), wide };
}

/** The rows of a CSV file, each with the line it starts on (a quoted field may span several lines). */
export function readCsvTable(bytes: Buffer, name: string): RosterTable {
  const decoded = decodeRosterText(bytes, name);
  const { text, wide } = withoutWideRows(decoded.text, decoded.delimiter);
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(text, { delimiter: decoded.delimiter, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { message: string; lines?: number };
    throw new RosterError(`${name}${err.lines ? ` line ${err.lines}` : ''}: not valid CSV (${err.message.replace(/^Invalid [^:]*: /, '').split('\n')[0]}); expected comma-separated values with "quotes" around fields that contain commas`);
  }
  // The line a record starts on, as an editor counts lines (CR LF is one break): csv-parse's own count takes a CR LF
  // inside a quoted field for two. info.bytes is where a record ends, in UTF-8 bytes.
  const utf8 = Buffer.from(text, 'utf8');
  let at = 0;
  let line = 1;
  const lineAt = (offset: number) => {
    for (; at < offset; at++) {
      const b = utf8[at];
      if (b === 0x0a || (b === 0x0d && utf8[at + 1] !== 0x0a)) line++;
    }
    return line;
  };
  return {
    rows: records.map(({ record }, i) => {
      // Past the previous record and any blank lines.
      let start = i === 0 ? 0 : records[i - 1].info.bytes;
      while (utf8[start] === 0x0a || utf8[start] === 0x0d) start++;
      return { line: lineAt(start), cells: record };
    }),
    windows1252: decoded.encoding === 'Windows-1252',
    refused: wide.map((w) => ({ line: w.line, problem: `the row has ${w.fields.toLocaleString('en-US')} fields; expected at most ${CAPS.rosterColumns} (the roster's columns)` })),
  };
}
