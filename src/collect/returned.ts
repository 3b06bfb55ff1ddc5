// What a returned packet holds, whichever format it came in: its fields in the file's order, read as text only.

/** One form field of a returned packet. */
export interface ReturnedField {
  /** The field's name (PDF field name, Word content control tag), as the packet writers give it. */
  name: string;
  /** Its label (PDF /TU, Word alias); may be missing where a program dropped it. */
  label?: string;
  /** The typed text; a check box is "Yes" when ticked, "" when not. */
  value: string;
  checkbox: boolean;
  /** A Word date picker (LibreOffice 7.4 keeps no name or label on one: it is known by its kind). */
  date?: boolean;
}

/** How reading a returned file ended. */
export type ReadResult =
  | { kind: 'packet'; fields: ReturnedField[] }
  /** No form to read (scanned, flattened, or not a packet): staff type it in. */
  | { kind: 'byHand'; reason: string }
  /** Encrypted, damaged or oversized: not read. */
  | { kind: 'refused'; reason: string };

export class Refused extends Error {}

/** The text of a value, capped, with controls other than tab and line breaks taken out. */
export function cleanValue(value: string, cap: number): string {
  const v = value.length > cap ? value.slice(0, cap) : value;
  return v.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').trim();
}
