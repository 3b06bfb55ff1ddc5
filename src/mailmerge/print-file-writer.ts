// One print file, written as its packets come: packets in roster order, each starting on a right-hand page, for duplex
// printing. The pages arrive compiled (print-pages.ts); writing a packet is filling in object numbers and appending
// bytes to the file. Nothing is parsed, and the file is never held in memory: what stays is an offset per object and
// the page list.
//
// The packets of one edition and level share all but their first pages. The shared pages' objects are written into a
// file once; each further packet gets new page objects that point at the same content and fonts, so the file grows
// by the personal pages only.
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { threadId } from 'node:worker_threads';
import { writingTo } from '../util/machine-fault.js';
import { PARENT, type PrintPages } from './print-pages.js';

const CATALOG = 1;
const PAGE_TREE = 2;
/** Bytes gathered before they are written. */
const WRITE_AT = 1 << 20;
const latin1 = (s: string) => Buffer.from(s, 'latin1');
const num = (n: number) => String(Math.round(n * 1000) / 1000);

export class PrintFileWriter {
  private readonly tmp: string;
  private readonly fd: number;
  /** Where each object starts in the file, by object number (0: the free entry). */
  private readonly offsets: number[] = [0, 0, 0];
  private readonly kids: number[] = [];
  /** Where each edition and level's shared objects were written in this file: their first object number. */
  private readonly sharedAt = new Map<string, number>();
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private written = 0;
  private last: [number, number] = [0, 0];

  constructor(private readonly path: string) {
    this.tmp = `${path}.partial-${process.pid}-${threadId}`;
    this.fd = writingTo(path, () => openSync(this.tmp, 'w'));
    // A binary comment after the header: file transfers take the file for binary.
    this.out(latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'));
  }

  get pageCount(): number {
    return this.kids.length;
  }

  /** Appends a packet: the applicant's pages, then the shared pages of its edition and level (`sharedKey`). */
  add(sharedKey: string, shared: PrintPages, own: PrintPages): void {
    const base = this.objects(own);
    for (let p = 0; p < own.pages.length; p++) this.page(own, base, p);
    // As in the applicant's own file: the shared part starts on a right-hand page.
    if (own.pages.length % 2 === 1) this.blank(own.sizes[0], own.sizes[1]);
    const at = this.sharedAt.get(sharedKey);
    if (at === undefined) {
      const first = this.objects(shared);
      this.sharedAt.set(sharedKey, first);
      for (let p = 0; p < shared.pages.length; p++) this.page(shared, first, p);
    } else {
      // New page objects, the same content.
      for (let p = 0; p < shared.pages.length; p++) {
        this.kids.push(this.object(shared, shared.pages[p], at, this.offsets.length));
        this.last = [shared.sizes[2 * p], shared.sizes[2 * p + 1]];
      }
    }
    if (this.kids.length % 2 === 1) this.blank(...this.last);
  }

  /** Writes the page tree, the catalog and the cross-reference table, and puts the file in place. */
  finish(): void {
    this.offsets[PAGE_TREE] = this.written + this.pendingBytes;
    this.out(
      latin1(
        `${PAGE_TREE} 0 obj\n<< /Type /Pages /Kids [${this.kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${this.kids.length} >>\nendobj\n`,
      ),
    );
    this.offsets[CATALOG] = this.written + this.pendingBytes;
    this.out(latin1(`${CATALOG} 0 obj\n<< /Type /Catalog /Pages ${PAGE_TREE} 0 R >>\nendobj\n`));
    const xref = this.written + this.pendingBytes;
    const size = this.offsets.length;
    const rows = ['xref', `0 ${size}`, '0000000000 65535 f '];
    for (let n = 1; n < size; n++) rows.push(`${String(this.offsets[n]).padStart(10, '0')} 00000 n `);
    this.out(
      latin1(`${rows.join('\n')}\ntrailer\n<< /Size ${size} /Root ${CATALOG} 0 R >>\nstartxref\n${xref}\n%%EOF\n`),
    );
    this.flush();
    writingTo(this.path, () => {
      closeSync(this.fd);
      renameSync(this.tmp, this.path);
    });
  }

  /** Closes and removes a file that will not be finished. */
  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      /* closed already */
    }
    rmSync(this.tmp, { force: true });
  }

  /** Writes all objects of `pages` (its pages too), numbered from the next free number; returns that number. */
  private objects(pages: PrintPages): number {
    const base = this.offsets.length;
    const count = pages.objStart.length - 1;
    for (let i = 0; i < count; i++) this.object(pages, i, base, base + i);
    return base;
  }

  private page(pages: PrintPages, base: number, p: number): void {
    this.kids.push(base + pages.pages[p]);
    this.last = [pages.sizes[2 * p], pages.sizes[2 * p + 1]];
  }

  /** Object i of `pages` as object `n`, its references to objects of `pages` numbered from `base`. */
  private object(pages: PrintPages, i: number, base: number, n: number): number {
    this.offsets[n] = this.written + this.pendingBytes;
    this.out(latin1(`${n} 0 obj\n`));
    let at = pages.objStart[i];
    for (let h = pages.holeFirst[i]; h < pages.holeFirst[i + 1]; h++) {
      this.out(pages.data.subarray(at, pages.holeAt[h]));
      const ref = pages.holeRef[h];
      this.out(latin1(String(ref === PARENT ? PAGE_TREE : base + ref)));
      at = pages.holeAt[h];
    }
    this.out(pages.data.subarray(at, pages.objStart[i + 1]));
    this.out(latin1('\nendobj\n'));
    return n;
  }

  private blank(width: number, height: number): void {
    const n = this.offsets.length;
    this.offsets[n] = this.written + this.pendingBytes;
    this.out(
      latin1(
        `${n} 0 obj\n<< /Type /Page /Parent ${PAGE_TREE} 0 R /MediaBox [0 0 ${num(width)} ${num(height)}] /Resources << >> >>\nendobj\n`,
      ),
    );
    this.kids.push(n);
    this.last = [width, height];
  }

  private out(bytes: Uint8Array): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_AT) this.flush();
  }

  private flush(): void {
    const chunk = Buffer.concat(this.pending, this.pendingBytes);
    writingTo(this.path, () => {
      for (let at = 0; at < chunk.length;) at += writeSync(this.fd, chunk, at);
    });
    this.written += chunk.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}
