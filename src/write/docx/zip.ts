// Reproducible packaging: the same parts always zip to the same bytes (fixed entry order and timestamps).
import { unzipSync, zipSync, type Zippable } from 'fflate';

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
  const [y, m, d] = date.split('-').map(Number);
  // A local-time date: zip stores local date and time fields, so midnight is midnight in every time zone.
  const mtime = new Date(y, m - 1, d, 0, 0, 0);
  const first = ['[Content_Types].xml', '_rels/.rels'];
  const names = [...first.filter((n) => n in parts), ...Object.keys(parts).filter((n) => !first.includes(n)).sort()];
  const entries: Zippable = {};
  for (const name of names) entries[name] = [parts[name], { mtime, level }];
  return zipSync(entries);
}
