// Caps on what comes from outside (rosters today), checked before any costly work: a value past its cap is refused
// by its length, never parsed, measured, rendered or echoed whole.
import { basename } from 'node:path';

const MiB = 1024 * 1024;

export const CAPS = {
  /** A roster file (CSV or .xlsx) on disk; 2,000 applicants take about 300 KB. */
  rosterBytes: 16 * MiB,
  /** What an .xlsx (a zip) may expand to, all its parts together, and how many parts it may have. */
  xlsxExpandedBytes: 64 * MiB,
  xlsxEntries: 2_000,
  /** Applicants of a roster (its rows below the header), and its columns. */
  rosterApplicants: 20_000,
  rosterColumns: 256,
  /** RFC 5321: the longest address a mail server takes. */
  emailChars: 254,
  /**
   * A printed field (name or address part) longer than this cannot fit the envelope window at any size: about 75
   * characters of average width fit; the rest is room for combining marks and narrow letters. Longer ones are refused
   * by their length before the fonts measure them.
   */
  printedChars: 400,
  /** Any other cell (edition, level, columns the roster does not use). */
  otherChars: 1_000,
  /** How much of a refused value a message quotes. */
  quotedChars: 40,
} as const;

const shown = (n: number) => n.toLocaleString('en-US');

/**
 * A value as a message may quote it: at most its first CAPS.quotedChars characters, and characters that would act on
 * a terminal or reorder the line (controls, line and paragraph separators, bidi controls) written as \u{…}.
 */
export function excerpt(value: string): string {
  const chars = [...value.slice(0, CAPS.quotedChars * 2)].slice(0, CAPS.quotedChars);
  const cut = chars.join('').length < value.length;
  const safe = chars
    .map((c) =>
      /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/u.test(c)
        ? `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`
        : c,
    )
    .join('');
  return `"${safe}${cut ? '…' : ''}"`;
}

/** The length of a value in characters (code points), counted without copying it. */
export function charCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || value.charCodeAt(i - 1) < 0xd800 || value.charCodeAt(i - 1) > 0xdbff)
      n++;
  }
  return n;
}

/** "is 10,485,760 characters" when a value is past a cap of this many characters, else null. */
export function overCap(value: string, cap: number): string | null {
  // UTF-16 length is at least the character count: most values are decided without counting.
  if (value.length <= cap) return null;
  const n = charCount(value);
  return n > cap ? `is ${shown(n)} characters` : null;
}

/** The refusal of a file past its size cap, by name; null when it is within it. */
export function fileOverCap(path: string, bytes: number, cap: number, what: string): string | null {
  if (bytes <= cap) return null;
  return `${basename(path)}: the file is ${(bytes / MiB).toFixed(1)} MB; expected ${what} of at most ${cap / MiB} MB`;
}

/** Caps on returned application packets (collect:packets): a filled packet is 1–3 MB; a scan can be larger. */
export const RETURN_CAPS = {
  /** A returned PDF or Word packet on disk. */
  fileBytes: 32 * MiB,
  /** What a Word packet (a zip) may expand to, and how many parts it may have. */
  docxExpandedBytes: 64 * MiB,
  docxEntries: 2_000,
  /** Form fields of one packet (a packet has about 200), and characters of one field's value. */
  fields: 2_000,
  valueChars: 10_000,
} as const;
