// Reproducible packaging: the same parts always zip to the same bytes (fixed entry order and timestamps). Node's zlib
// deflates each entry (native: about 3.5× as fast as fflate's JavaScript deflate, and smaller at the same level, as
// the PDF writer's streams already are); fflate's streaming Zip writes the archive around the deflated bytes.
import { createHash } from 'node:crypto';
import { unzipSync, Zip, type ZipInputFile } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';

export type Parts = Record<string, Uint8Array>;

export function unzipParts(bytes: Uint8Array): Parts {
  return unzipSync(bytes);
}

/** The level a Word package's entries are deflated at (zlib's default: the files no larger than fflate's made them). */
const PACKAGE_LEVEL = 6;

/**
 * Zips the parts with every entry stamped `date` at midnight and in a fixed order: [Content_Types].xml first (as Word
 * writes it, and as some readers expect), then the package relationships, then the rest by name. docx's own packer
 * stamps each entry with the current time. `kept`: entries deflated before in this run, by content (`fresh`: the names
 * of entries no other document has, deflated without looking).
 */
export function zipParts(parts: Parts, date: string, kept?: DeflatedEntries, fresh: string[] = []): Uint8Array {
  const prepared: Record<string, PreparedPart> = {};
  for (const [name, data] of Object.entries(parts))
    prepared[name] = kept && !fresh.includes(name) ? kept.of(data) : deflated(data, PACKAGE_LEVEL);
  return zipPrepared(prepared, date);
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

function deflated(data: Uint8Array, level: number): PreparedPart {
  return { deflated: deflateRawSync(data, { level }), size: data.length, crc: crc32(data) };
}

/** Deflates a part once (level 1, for the mail merge), for `zipPrepared`. */
export function preparePart(data: Uint8Array): PreparedPart {
  return deflated(data, 1);
}

/**
 * Entries deflated in one run (a render thread's), by the SHA-256 of their bytes: the styles, numbering, theme, font
 * table, settings, logo and the headers and footers recur in document after document and edition after edition, and
 * are deflated once. The same bytes always deflate to the same bytes, so a document's file does not depend on what
 * the run zipped before. Least recently used go first beyond `maxBytes` of deflated bytes.
 */
export class DeflatedEntries {
  private readonly held = new Map<string, PreparedPart>();
  private bytes = 0;
  /** Entries deflated, and entries found deflated already (CG_TRACE, tests). */
  readonly counts = { deflated: 0, reused: 0 };
  constructor(private readonly maxBytes = 16 * 1024 * 1024) {}

  of(data: Uint8Array): PreparedPart {
    const key = createHash('sha256').update(data).digest('base64');
    const held = this.held.get(key);
    if (held) {
      this.held.delete(key);
      this.held.set(key, held);
      this.counts.reused++;
      return held;
    }
    const made = deflated(data, PACKAGE_LEVEL);
    this.counts.deflated++;
    this.held.set(key, made);
    this.bytes += made.deflated.length;
    for (const [k, p] of this.held) {
      if (this.bytes <= this.maxBytes) break;
      this.held.delete(k);
      this.bytes -= p.deflated.length;
    }
    return made;
  }
}

/**
 * Zips parts already deflated, in the same order and with the same dates as `zipParts`. The mail merge fills one
 * Word template per applicant and only word/document.xml changes: the other parts are deflated once, not for every
 * applicant (fflate's zipSync deflated all 65 parts each time: 8 ms a packet).
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
