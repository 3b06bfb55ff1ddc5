// A roster kept as an Excel workbook (.xlsx), read with read-excel-file. An .xlsx is a zip of XML parts: untrusted,
// so its size, its parts and what they expand to, and the sheets' extent are capped before it is parsed.
import { unzipSync } from 'fflate';
import { CAPS } from '../read/caps.js';
import { RosterError } from './roster-error.js';

/** A sheet's rows as text, each with its row number (which is the roster line messages name). */
export interface RosterTable {
  rows: { line: number; cells: string[] }[];
  /** Rows refused before they were read (too many fields), by line. */
  refused?: { line: number; problem: string }[];
  /** Saved in Windows-1252, where Excel writes "?" for every letter the encoding lacks. */
  windows1252?: boolean;
}

/** A zip file's first bytes. */
export const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

const columnNumber = (letters: string) => [...letters].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
const columnLetters = (n: number): string =>
  n <= 0 ? '' : columnLetters(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

/**
 * Checks the archive before the reader unzips it. fflate (which read-excel-file uses) inflates each part into a buffer
 * of the size its directory entry declares, so the declared sizes bound what it can take; they are summed here
 * without inflating anything.
 */
function checkArchive(bytes: Uint8Array, name: string): void {
  let parts = 0;
  let expanded = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        parts++;
        expanded += f.originalSize;
        return false;
      },
    });
  } catch {
    throw new RosterError(
      `${name}: the workbook cannot be read (it is not a complete .xlsx file); expected a workbook saved by Excel, or a CSV file`,
    );
  }
  if (parts > CAPS.xlsxEntries)
    throw new RosterError(
      `${name}: the workbook has ${parts.toLocaleString('en-US')} parts; expected a roster workbook of at most ${CAPS.xlsxEntries.toLocaleString('en-US')}`,
    );
  if (expanded > CAPS.xlsxExpandedBytes) {
    throw new RosterError(
      `${name}: the workbook expands to ${(expanded / 2 ** 20).toFixed(0)} MB; expected a roster workbook that expands to at most ${CAPS.xlsxExpandedBytes / 2 ** 20} MB`,
    );
  }
  // Now bounded: the XML parts the reader will parse. Excel writes no DOCTYPE; one could declare entities.
  const xml = unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/.test(f.name) });
  for (const [path, data] of Object.entries(xml)) {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.length);
    if (bytes.includes('<!DOCTYPE'))
      throw new RosterError(
        `${name}: the workbook's part ${path} declares a DOCTYPE; expected a workbook saved by Excel`,
      );
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(path)) continue;
    const text = bytes.toString('latin1');
    // The reader fills the gaps of a sheet up to its last row and column: a cell far out would allocate them all.
    let rows = 0;
    let columns = 0;
    for (const m of text.matchAll(/<(?:\w+:)?(?:row|c)\s[^>]*?\br="([A-Z]{0,3})(\d+)"/g)) {
      rows = Math.max(rows, Number(m[2]));
      if (m[1]) columns = Math.max(columns, columnNumber(m[1]));
    }
    // The header and the applicants below it: a full roster reaches row CAPS.rosterApplicants + 1.
    const lastRow = CAPS.rosterApplicants + 1;
    if (rows > lastRow || columns > CAPS.rosterColumns) {
      throw new RosterError(
        `${name}: a sheet reaches ${rows > lastRow ? `row ${rows.toLocaleString('en-US')}` : `column ${columnLetters(columns)}`}; expected a roster of at most ${CAPS.rosterApplicants.toLocaleString('en-US')} applicants below its header (row ${lastRow.toLocaleString('en-US')}) and ${CAPS.rosterColumns} columns (delete the rows and columns past the roster)`,
      );
    }
  }
}

const cellText = (v: unknown): string => {
  if (v == null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return String(v);
};

/** The rows of the workbook's first sheet, or of the sheet named `sheet`. */
export async function readXlsxTable(bytes: Buffer, name: string, sheet?: string): Promise<RosterTable> {
  checkArchive(bytes, name);
  const { default: readXlsxFile, readSheet, SheetNotFoundError } = await import('read-excel-file/universal');
  const input = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  // Numbers as written in the sheet ("48933", "2"), not as JavaScript numbers.
  const options = { parseNumber: (s: string) => s };
  let data: unknown[][];
  try {
    data = await readSheet(input, sheet ?? 1, options);
  } catch (e) {
    if (e instanceof SheetNotFoundError) {
      const names = (await readXlsxFile(input, options)).map((s) => `"${s.sheet}"`);
      throw new RosterError(`${name}: the workbook has no sheet "${sheet}"; expected one of ${names.join(', ')}`);
    }
    throw new RosterError(
      `${name}: the workbook cannot be read (${(e as Error).message.split('\n')[0].slice(0, 80)}); expected a workbook saved by Excel, or a CSV file`,
    );
  }
  return { rows: data.map((row, i) => ({ line: i + 1, cells: row.map(cellText) })) };
}
