// The combined print files of a mail merge: every packet in roster order, in files of at most 500 packets, the batch a
// print shop takes (one file of 58,000 pages helps nobody). Each file is written as its packets come and finished as
// soon as its last packet is in, so what the merge holds does not grow with the roster.
import { join } from 'node:path';
import { PrintFileWriter } from './print-file-writer.js';
import type { PrintPages } from './print-pages.js';

export const PACKETS_PER_PRINT_FILE = 500;

/** Packets per print file: at most `most`, as even as the count allows (1,001 packets: 334, 334, 333). */
export function printFileSizes(packets: number, most = PACKETS_PER_PRINT_FILE): number[] {
  if (packets <= 0) return [];
  const files = Math.ceil(packets / most);
  const small = Math.floor(packets / files);
  return Array.from({ length: files }, (_, i) => small + (i < packets % files ? 1 : 0));
}

/** `all-packets-001.pdf`, …: numbered so they sort in roster order (a roster has at most 20,000 applicants: 40 files). */
export const printFileName = (index: number): string => `all-packets-${String(index + 1).padStart(3, '0')}.pdf`;

export interface PrintFile {
  path: string;
  pages: number;
  packets: number;
  /** The roster lines of its first and last packet. */
  lines: [number, number];
}

export class PrintFiles {
  readonly saved: PrintFile[] = [];
  private readonly sizes: number[];
  private current: PrintFileWriter | null = null;
  private inCurrent = 0;
  private firstLine = 0;

  constructor(
    private readonly outDir: string,
    packets: number,
    most = PACKETS_PER_PRINT_FILE,
    /** Told when a file is about to be saved (`done` false) and when it is. */
    private readonly told: (file: PrintFile, done: boolean) => void = () => {},
  ) {
    this.sizes = printFileSizes(packets, most);
  }

  /** Adds the next packet in roster order: its personal pages, then the shared pages of its edition and level. */
  add(line: number, sharedKey: string, shared: PrintPages, personal: PrintPages): void {
    const index = this.saved.length;
    if (index >= this.sizes.length)
      throw new Error(`more packets than the ${this.sizes.reduce((a, b) => a + b, 0)} planned for the print files`);
    if (!this.current) {
      this.current = new PrintFileWriter(join(this.outDir, printFileName(index)));
      this.firstLine = line;
    }
    this.current.add(sharedKey, shared, personal);
    if (++this.inCurrent < this.sizes[index]) return;
    const file: PrintFile = {
      path: printFileName(index),
      pages: this.current.pageCount,
      packets: this.inCurrent,
      lines: [this.firstLine, line],
    };
    this.told(file, false);
    this.current.finish();
    this.saved.push(file);
    this.current = null;
    this.inCurrent = 0;
    this.told(file, true);
  }

  /** Removes the file being written, when the run stops before it is complete. */
  abandon(): void {
    this.current?.abandon();
    this.current = null;
  }
}
