// WinAnsiEncoding (PDF 32000-1, Annex D): which character each code of a simple font stands for. A fixed table of
// ours, never the runtime's `TextDecoder('windows-1252')`, which Node 20 decoded as Latin-1 (0x80–0x9F as control
// characters) and so gave the form field font other widths there.

/** Codes 0x80–0x9F, where WinAnsi differs from Latin-1; `null` where it assigns no character. */
const CODES_80_TO_9F: readonly (number | null)[] = [
  0x20ac,
  null,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  null,
  0x017d,
  null,
  null,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  null,
  0x017e,
  0x0178,
];

/** The Unicode code point WinAnsi code `code` (0–255) stands for, or null where it assigns none (controls, 0x7F, five of 0x80–0x9F). */
export function winAnsiCodePoint(code: number): number | null {
  if (code >= 0x80 && code <= 0x9f) return CODES_80_TO_9F[code - 0x80];
  if (code < 0x20 || code === 0x7f || code > 0xff) return null;
  return code;
}
