// A roster that cannot be read as a roster at all: one line naming the file (and the line, where there is one).
export class RosterError extends Error {}

/** What to do in Excel, for every message about a file's format or encoding. */
export const SAVE_FROM_EXCEL =
  'expected a roster saved from Excel (File > Save As) as "CSV UTF-8 (Comma delimited) (*.csv)", "Unicode Text (*.txt)" or "Excel Workbook (*.xlsx)"';
