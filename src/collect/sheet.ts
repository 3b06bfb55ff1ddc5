// The collected rows as a workbook (write-excel-file) and a CSV (csv-stringify). Every cell is text: a value that
// starts like a formula (=, +, -, @) stays text in the workbook, and gets a leading apostrophe in the CSV, so no
// spreadsheet program evaluates what an applicant typed.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { unzipSync, zipSync } from 'fflate';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { Collected } from './collect.js';
import { removeOnInterrupt } from '../util/interrupt.js';

export const FIXED_COLUMNS = ['File', 'Edition', 'Level', 'Applicant', 'Roster line'] as const;

/** The table: a header row of titles, then one row per returned file. */
export function table(c: Collected): string[][] {
  const header = [...FIXED_COLUMNS, ...c.columns.map((col) => col.title), 'status'];
  return [
    header,
    ...c.rows.map((r) => [
      r.file,
      r.edition,
      r.level,
      r.applicant,
      r.rosterLine,
      ...c.columns.map((col) => r.values.get(col.key) ?? ''),
      r.status,
    ]),
  ];
}

/** The date in the workbook's zip entries. */
const FIXED_DATE = new Date(2000, 0, 1);

const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell as text: Excel and LibreOffice evaluate a cell that starts like a formula; an apostrophe stops that. */
export const csvSafe = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);

/** Writes both files under temporary names, then renames them: a run that fails leaves the previous files. */
export async function writeSheets(c: Collected, xlsxPath: string, csvPath: string): Promise<void> {
  const rows = table(c);
  const data: SheetData = rows.map((row, i) =>
    row.map((value) => ({ value, type: String, ...(i === 0 ? { fontWeight: 'bold' as const } : {}) })),
  );
  const xlsxTemp = `${xlsxPath}.part`;
  const csvTemp = `${csvPath}.part`;
  // Ctrl+C while writing removes the half-written files; the previous workbook and CSV stay.
  const forget = [removeOnInterrupt(xlsxTemp), removeOnInterrupt(csvTemp)];
  try {
    const workbook = await writeXlsxFile(data, { sheet: 'Applications', stickyRowsCount: 1 }).toBuffer();
    // Zipped again with a fixed date: the same returns make the same bytes (the library stamps the clock).
    writeFileSync(xlsxTemp, zipSync(unzipSync(new Uint8Array(workbook)), { mtime: FIXED_DATE, level: 6 }));
    // UTF-8 with a byte order mark: Excel then reads accents right.
    writeFileSync(
      csvTemp,
      '\ufeff' +
        stringify(
          rows.map((row) => row.map(csvSafe)),
          { record_delimiter: '\r\n' },
        ),
    );
    renameSync(xlsxTemp, xlsxPath);
    renameSync(csvTemp, csvPath);
  } finally {
    forget.forEach((f) => f());
    rmSync(xlsxTemp, { force: true });
    rmSync(csvTemp, { force: true });
  }
}
