// Reproducible packaging: the same parts always zip to the same bytes (fixed entry order and timestamps).
import { unzipSync, Zip, zipSync, type ZipInputFile, type Zippable } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';

export type Parts = Record<string, Uint8Array>;

export function unzipParts(bytes: Uint8Array): Parts {
  return unzipSync(bytes);
}

/**
 * Zips the parts with every entry stamped `date` at midnight and in a fixed order: [Content_Types].xml first (as Word
 * writes it, and as some readers expect), then the package relationships, then the rest by name. docx's own packer
 * stamps each entry with the current time.
 */
export function zipParts(parts: Parts, date: string, level: 1 | 6 = 6): Uint8Array {
  const mtime = midnight(date);
  const entries: Zippable = {};
  for (const name of entryOrder(Object.keys(parts))) entries[name] = [parts[name], { mtime, level }];
  return zipSync(entries);
}

// A local-time date: zip stores local date and time fields, so midnight is midnight in every time zone.
function midnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y, m - 1, d, 0, 0, 0);
}

function entryOrder(names: string[]): string[] {
  const first = ['[Content_Types].xml', '_rels/.rels'];
  return [...first.filter((n) => names.includes(n)), ...names.filter((n) => !first.includes(n)).sort()];
}

/** A part deflated ahead of time, with what its zip entry records. */
export interface PreparedPart {
  deflated: Uint8Array;
  size: number;
  crc: number;
}

/** Deflates a part once (level 1, for the mail merge), for `zipPrepared`. */
export function preparePart(data: Uint8Array): PreparedPart {
  return { deflated: deflateRawSync(data, { level: 1 }), size: data.length, crc: crc32(data) };
}

/**
 * Zips parts already deflated, in the same order and with the same dates as `zipParts`. The mail merge fills one
 * Word template per applicant and only word/document.xml changes: the other parts are deflated once, not for every
 * applicant (fflate's zipSync deflated all 65 parts each time: 8 ms a packet). Node's zlib deflates; fflate's
 * streaming Zip writes the archive around the deflated bytes (a file it is given with its size and CRC).
 */
export function zipPrepared(parts: Record<string, PreparedPart>, date: string): Uint8Array {
  const mtime = midnight(date);
  const chunks: Uint8Array<ArrayBufferLike>[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else chunks.push(chunk);
  });
  for (const name of entryOrder(Object.keys(parts))) {
    const p = parts[name];
    const file: ZipInputFile = { filename: name, size: p.size, crc: p.crc, compression: 8, mtime, terminate: () => {} };
    zip.add(file);
    file.ondata!(null, p.deflated as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  if (failure) throw failure;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) (out.set(c, at), (at += c.length));
  return out;
}
