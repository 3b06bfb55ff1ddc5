// The mail merge's applicant threads are replaced by fresh ones every so many applicants (a thread keeps each word it
// shaped, and every applicant brings new ones: memory would grow with the roster). A packet's bytes do not depend on
// the thread that made it, so a merge whose threads were replaced makes the same files as one whose were not.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergePackets, type MergeResult } from '../src/mailmerge/merge.js';

const HEADER = 'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level\n';
const first = ['Ann', 'Bo', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kit', 'Lu'];
const places = [
  ['michigan', 1],
  ['texas', 4],
  ['new-mexico', 2],
] as const;
// 12 applicants: more than the tasks a merge keeps in flight (4 a thread, at least 4).
const people = first.map((f, i) => [f, `${f}son`, ...places[i % places.length]] as const);

describe('applicant threads replaced every few applicants', () => {
  let work: string;
  const runs: Record<string, MergeResult> = {};
  const merge = async (name: string, workers: number, applicantsPerThread?: number) => {
    runs[name] = await mergePackets({
      project: process.cwd(),
      roster: join(work, 'roster.csv'),
      outDir: join(work, name),
      workers,
      applicantsPerThread,
      packetsPerPrintFile: 4,
    });
  };
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'cg-merge-threads-'));
    const csv =
      HEADER +
      people
        .map(
          ([f, l, e, n], i) => `${f},${l},${i + 1} Main St,,Lansing,MI,48933,${f.toLowerCase()}@example.org,${e},${n}`,
        )
        .join('\n') +
      '\n';
    writeFileSync(join(work, 'roster.csv'), csv);
    await merge('kept', 2);
    await merge('replaced', 2, 2);
    // One thread, a roster longer than a thread may make: in a thread of its own, replaced too.
    await merge('one', 1, 3);
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('replaces the threads every applicantsPerThread × threads applicants, and never for a short roster', () => {
    expect(runs.kept.threadsReplaced).toBe(0);
    // Checked as each task starts after the first window (8 tasks for 2 threads, 4 for one): 2 threads × 2 applicants
    // replace at the 9th of 12; one thread of 3 at the 7th and the 10th.
    expect(runs.replaced.threadsReplaced).toBe(1);
    expect(runs.one.threadsReplaced).toBe(2);
    for (const r of Object.values(runs)) expect(r.made).toHaveLength(people.length);
  });

  it('makes byte-identical packets and print files whichever thread made them', () => {
    const files = readdirSync(join(work, 'kept'))
      .filter((f) => f !== 'summary.json')
      .sort();
    expect(files.filter((f) => f.endsWith('.pdf')).length).toBe(people.length + 3);
    for (const other of ['replaced', 'one']) {
      expect(
        readdirSync(join(work, other))
          .filter((f) => f !== 'summary.json')
          .sort(),
      ).toEqual(files);
      for (const f of files)
        expect(readFileSync(join(work, other, f)).equals(readFileSync(join(work, 'kept', f))), `${other}/${f}`).toBe(
          true,
        );
    }
  });
});
