// Opens an untrusted .docx: the zip read with fflate under caps on file size, entry count and expansion.
import { readFileSync, statSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

/** A Word file we refuse to read, with a one-line reason that names the file. */
export class DocxError extends Error {}

export const LIMITS = {
  /** The .docx file itself. A 60-page booklet is about 100 kB; pictures make files larger. */
  fileBytes: 50 * 1024 * 1024,
  entries: 2000,
  /** Every entry's declared size, added up (a zip bomb declares or reaches far more). */
  expandedBytes: 200 * 1024 * 1024,
  /** Any one XML part we parse. */
  partBytes: 64 * 1024 * 1024,
};

/** The XML parts the importer reads, by name; pictures and other media are never decompressed. */
const WANTED = /^(word\/(document|styles|numbering|footer\d*)\.xml|docProps\/core\.xml)$/;

export function openDocx(path: string, shown: string): Map<string, string> {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new DocxError(`${shown}: the file cannot be read; expected a Word document (.docx)`);
  }
  if (size > LIMITS.fileBytes)
    throw new DocxError(
      `${shown}: the file is ${mb(size)}, more than the ${mb(LIMITS.fileBytes)} a booklet can be; expected a Word document (.docx)`,
    );
  const bytes = readFileSync(path);
  let count = 0;
  let declared = 0;
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, {
      filter: (f) => {
        count++;
        declared += f.originalSize;
        if (count > LIMITS.entries)
          throw new DocxError(
            `${shown}: the file holds more than ${LIMITS.entries} parts; expected a Word document (.docx)`,
          );
        if (declared > LIMITS.expandedBytes)
          throw new DocxError(`${shown}: the file would expand to more than ${mb(LIMITS.expandedBytes)}; refused`);
        if (!WANTED.test(f.name)) return false;
        if (f.originalSize > LIMITS.partBytes)
          throw new DocxError(`${shown}: ${f.name} would expand to ${mb(f.originalSize)}; refused`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError(
      `${shown}: not a Word document (${bytes.subarray(0, 2).toString() === 'PK' ? 'a damaged zip' : 'not a zip file'}); expected a .docx saved by Word, LibreOffice or pandoc`,
    );
  }
  const parts = new Map<string, string>();
  for (const [name, data] of Object.entries(unzipped)) {
    // The declared size is the zip's word; the bytes are what counts.
    if (data.length > LIMITS.partBytes) throw new DocxError(`${shown}: ${name} expands to ${mb(data.length)}; refused`);
    parts.set(name, strFromU8(data));
  }
  if (!parts.has('word/document.xml'))
    throw new DocxError(
      `${shown}: the zip has no word/document.xml; expected a Word document (.docx), not another kind of file`,
    );
  return parts;
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 0)} MB`;
}
