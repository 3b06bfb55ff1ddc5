// The mail merge's combined print files: batches of at most N packets in roster order, each saved as soon as its last
// packet is in (so a 20,000-row roster never holds one 58,000-page file in memory).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergePackets, type MergeProgress, type MergeResult } from '../src/mailmerge/merge.js';
import { printFileName, printFileSizes } from '../src/mailmerge/print-files.js';
import { readPdf } from './helpers/pdf.js';

describe('print file sizes', () => {
  it('splits a roster into files of at most 500 packets, as even as it can', () => {
    expect(printFileSizes(0)).toEqual([]);
    expect(printFileSizes(1)).toEqual([1]);
    expect(printFileSizes(500)).toEqual([500]);
    expect(printFileSizes(501)).toEqual([251, 250]);
    expect(printFileSizes(1001)).toEqual([334, 334, 333]);
    const large = printFileSizes(20_000);
    expect(large).toHaveLength(40);
    expect(new Set(large)).toEqual(new Set([500]));
    expect(printFileSizes(5, 2)).toEqual([2, 2, 1]);
  });

  it('numbers the files so they sort in roster order', () => {
    expect([printFileName(0), printFileName(9), printFileName(39)]).toEqual([
      'all-packets-001.pdf',
      'all-packets-010.pdf',
      'all-packets-040.pdf',
    ]);
  });
});

describe('a merge into print files of at most 2 packets', () => {
  let work: string;
  let result: MergeResult;
  const steps: MergeProgress[] = [];
  const HEADER = 'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level\n';
  const rows = [
    ['Ann', 'Avery', 'michigan', 1],
    ['Bo', 'Brook', 'texas', 4],
    ['Cy', 'Cole', 'michigan', 1],
    ['Di', 'Dunn', 'new-mexico', 2],
    ['Ed', 'Ely', 'michigan', 2],
  ] as const;
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'cg-print-files-'));
    const csv =
      HEADER +
      rows
        .map(
          ([f, l, e, n], i) => `${f},${l},${i + 1} Main St,,Lansing,MI,48933,${f.toLowerCase()}@example.org,${e},${n}`,
        )
        .join('\n') +
      '\n';
    writeFileSync(join(work, 'roster.csv'), csv);
    result = await mergePackets({
      project: process.cwd(),
      roster: join(work, 'roster.csv'),
      outDir: join(work, 'packets'),
      packetsPerPrintFile: 2,
      progress: (s) => steps.push(s),
    });
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('makes three files, 2, 2 and 1 packets, each starting with its packets in roster order', async () => {
    expect(result.printFiles.map((f) => [f.path, f.packets, f.lines])).toEqual([
      ['all-packets-001.pdf', 2, [2, 3]],
      ['all-packets-002.pdf', 2, [4, 5]],
      ['all-packets-003.pdf', 1, [6, 6]],
    ]);
    const made = result.made;
    for (const [i, file] of result.printFiles.entries()) {
      const pdf = await readPdf(join(work, 'packets', file.path));
      expect(pdf.pages.length, file.path).toBe(file.pages);
      // Each packet starts on a right-hand page with the applicant's letter; no other file's applicant is in it.
      let start = 0;
      for (const m of made.slice(i * 2, i * 2 + file.packets)) {
        expect(start % 2).toBe(0);
        expect(pdf.pages[start].text).toContain(m.name);
        start += m.pages + (m.pages % 2);
      }
      expect(pdf.pages.length).toBe(start);
      for (const other of made.filter((_, j) => j < i * 2 || j >= i * 2 + file.packets))
        expect(pdf.text).not.toContain(other.name);
    }
  });

  it('saves each file as soon as its last packet is in, not at the end of the run', () => {
    const savedAt = steps.findIndex((s) => s.phase === 'print' && s.done && s.file.path === 'all-packets-001.pdf');
    const lastPacket = steps.findIndex((s) => s.phase === 'packets' && s.done === rows.length);
    expect(savedAt).toBeGreaterThan(-1);
    expect(savedAt).toBeLessThan(lastPacket);
  });

  it('lists the files in summary.json, as made by this run', () => {
    const summary = JSON.parse(readFileSync(join(work, 'packets', 'summary.json'), 'utf8'));
    expect(summary.printFiles.map((f: { path: string }) => f.path)).toEqual([
      'all-packets-001.pdf',
      'all-packets-002.pdf',
      'all-packets-003.pdf',
    ]);
    expect(summary.files.filter((f: string) => f.startsWith('all-packets'))).toEqual([
      'all-packets-001.pdf',
      'all-packets-002.pdf',
      'all-packets-003.pdf',
    ]);
    expect(
      readdirSync(join(work, 'packets'))
        .filter((f) => f.startsWith('all-packets'))
        .sort(),
    ).toEqual(['all-packets-001.pdf', 'all-packets-002.pdf', 'all-packets-003.pdf']);
  });
});
