// A roster saved as text by a spreadsheet: its encoding (UTF-8, UTF-16 with a byte order mark, or Windows-1252, as
// Excel on Windows saves "CSV") and its separator (comma, tab for Excel's "Unicode text", semicolon). Windows-1252 is
// decoded with iconv-lite's table, never the runtime's decoder, so every Node line reads a file the same.
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { RosterError, SAVE_FROM_EXCEL } from './roster-error.js';

export type RosterEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'Windows-1252';

export interface RosterText {
  /** The text as UTF-8, without a byte order mark: for a UTF-8 file, its own bytes (a roster may be 16 MB). */
  utf8: Buffer;
  encoding: RosterEncoding;
  delimiter: ',' | '\t' | ';';
}

/** Bytes Windows-1252 leaves undefined. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
const lineOfByte = (bytes: Uint8Array, offset: number) => {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
};
const lineOfChar = (text: string, index: number) => {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

/**
 * Where UTF-8 first goes wrong (-1 when it never does), and whether a well-formed sequence of more than one byte comes
 * before it: then the file is UTF-8 with a bad byte, not Windows-1252.
 */
function utf8Scan(bytes: Uint8Array): { bad: number; multibyte: boolean } {
  let multibyte = false;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >> 4 === 0xe ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (n === 0) return { bad: i, multibyte };
    for (let k = 1; k < n; k++) if (i + k >= bytes.length || bytes[i + k] >> 6 !== 0x2) return { bad: i, multibyte };
    if (n > 1) multibyte = true;
    i += n;
  }
  return { bad: -1, multibyte };
}

/** Decodes a roster's bytes; a byte that is no text in the file's encoding throws RosterError naming its line. */
export function decodeRosterText(bytes: Buffer, name: string): RosterText {
  const refuse = (line: number | null, what: string) =>
    new RosterError(`${name}${line ? ` line ${line}` : ''}: ${what}; ${SAVE_FROM_EXCEL}`);
  let text: string;
  let encoding: RosterEncoding;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'UTF-16LE';
    if (bytes.length % 2) throw refuse(null, 'the UTF-16 text ends in half a character');
    text = bytes.subarray(2).toString('utf16le');
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'UTF-16BE';
    if (bytes.length % 2) throw refuse(null, 'the UTF-16 text ends in half a character');
    text = Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  } else {
    const nul = bytes.indexOf(0);
    if (nul >= 0) throw refuse(lineOfByte(bytes, nul), 'this is not a CSV file (it contains binary data)');
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = bom ? bytes.subarray(3) : bytes;
    if (isUtf8(body)) return { utf8: body, encoding: 'UTF-8', delimiter: delimiterOf(body) };
    const { bad, multibyte } = utf8Scan(body);
    // A BOM, or accented letters already in UTF-8, say the file is UTF-8: a byte that breaks it is damage.
    if (bom || multibyte || bad < 0)
      throw refuse(lineOfByte(body, Math.max(bad, 0)), `byte ${hex(body[Math.max(bad, 0)])} is not UTF-8 text`);
    const undefinedAt = body.findIndex((b) => UNDEFINED_1252.has(b));
    if (undefinedAt >= 0)
      throw refuse(
        lineOfByte(body, undefinedAt),
        `byte ${hex(body[undefinedAt])} is neither UTF-8 nor Windows-1252 text`,
      );
    text = iconv.decode(body, 'windows-1252');
    encoding = 'Windows-1252';
  }
  if (encoding.startsWith('UTF-16')) {
    // In u-mode a surrogate range matches only a half of a pair that has no other half.
    const lone = text.search(/[\ud800-\udfff]/u);
    if (lone >= 0) throw refuse(lineOfChar(text, lone), 'the UTF-16 text has half a character');
  }
  const utf8 = Buffer.from(text, 'utf8');
  return { utf8, encoding, delimiter: delimiterOf(utf8) };
}

/** The separator the header row uses most: a comma, a tab (Excel's "Unicode text") or a semicolon (CSV where the comma is the decimal mark). */
function delimiterOf(utf8: Buffer): RosterText['delimiter'] {
  const lf = utf8.indexOf(0x0a);
  const cr = utf8.indexOf(0x0d);
  const end = Math.min(lf < 0 ? utf8.length : lf, cr < 0 ? utf8.length : cr);
  const header = utf8.subarray(0, end).toString('utf8');
  const count = (c: string) => header.split(c).length - 1;
  const candidates = [',', '\t', ';'] as const;
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), candidates[0]);
}
