// Reads a source file as UTF-8 text, refusing binary, empty or mis-encoded files.
import { readFileSync, statSync } from 'node:fs';
import type { Diagnostics } from '../model/diagnostics.js';

const decoder = new TextDecoder('utf-8', { fatal: true });
const MAX_BYTES = 5 * 1024 * 1024;

export function readText(absPath: string, shownAs: string, diag: Diagnostics): string | null {
  const at = { file: shownAs, line: 1, column: 1 };
  let bytes: Buffer;
  try {
    if (statSync(absPath).size > MAX_BYTES) {
      diag.error(at, 'the file is larger than 5 MB', 'a Markdown or YAML text file');
      return null;
    }
    bytes = readFileSync(absPath);
  } catch (e) {
    diag.error(at, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'a readable file');
    return null;
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    diag.error(lineAt(bytes, nul, shownAs), 'the file is binary (it contains a NUL byte)', 'a UTF-8 text file');
    return null;
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    diag.error(
      lineAt(bytes, firstInvalidUtf8(bytes), shownAs),
      'the file is not valid UTF-8',
      'UTF-8 text (save it as "UTF-8" in your editor)',
    );
    return null;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    diag.error(at, 'the file is empty', "the section's text");
    return null;
  }
  return text.replace(/\r\n?/g, '\n');
}

function lineAt(bytes: Buffer, offset: number, file: string) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { file, line, column: offset - lineStart + 1 };
}

function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >> 5 === 0x6 ? 2 : b >> 4 === 0xe ? 3 : b >> 3 === 0x1e ? 4 : 0;
    if (n === 0) return i;
    for (let k = 1; k < n; k++) if (i + k >= bytes.length || bytes[i + k] >> 6 !== 0x2) return i;
    i += n;
  }
  return 0;
}
