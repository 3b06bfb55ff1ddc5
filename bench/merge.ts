// The mail merge's figures: 1,000 and 2,000 applicants (is time linear in the roster?), 1,000 on one core and on two
// (does it scale?), and under --large 20,000 (is memory flat?). Each merge renders its shared packets itself (a
// cache of its own) and writes into a folder that is removed after it.
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { atMost, basics, figure, mb, seconds } from './report.js';
import { expectSuccess, runCli, type Measured } from './run.js';
import { rosterCsv } from './roster.js';

async function merge(work: string, rows: number, cpus?: string): Promise<{ r: Measured; files: number }> {
  const tag = `${rows}-${cpus ?? 'all'}`;
  const roster = join(work, `applicants-${rows}.csv`);
  writeFileSync(roster, rosterCsv(rows));
  const out = join(work, `packets-${tag}`);
  const r = expectSuccess(
    `the ${rows}-applicant merge`,
    await runCli('packets.ts', ['--roster', roster, '--out', out, '--quiet'], {
      cpus,
      env: { CG_CACHE_DIR: join(work, `merge-cache-${tag}`) },
    }),
  );
  const files = readdirSync(out).filter((f) => f.endsWith('.pdf') || f.endsWith('.docx')).length;
  // 20,000 packets are about 14 GB: gone before the next figure.
  rmSync(out, { recursive: true, force: true });
  return { r, files };
}

/** Peak RSS in the first and the second half of the run: flat when the second is not above the first by more than 10 %. */
function halves(rss: number[]): [number, number] {
  const mid = Math.floor(rss.length / 2);
  return [Math.max(0, ...rss.slice(0, mid)), Math.max(0, ...rss.slice(mid))];
}

/** The largest roster the merge takes: 20,000 applicants below the header (src/read/caps.ts). */
const LARGE = 20_000;

export async function mergeFigures(
  work: string,
  opts: { small: boolean; large: boolean; cores: boolean },
): Promise<void> {
  if (opts.small) await smallMerges(work, opts.cores);
  if (opts.large) {
    const large = await merge(work, LARGE);
    const [first, second] = halves(large.r.rss);
    figure(
      `mail merge, ${LARGE.toLocaleString('en-US')} applicants (the most a roster holds)`,
      `${basics(large.r, large.files)}, peak RSS ${mb(first)} in the first half and ${mb(second)} in the second`,
      [
        atMost(large.r.ms, 7 * 60_000, seconds),
        atMost(large.r.peakMb, 1024, mb),
        { text: 'flat (second half ≤ 1.1 × first)', met: second <= first * 1.1 },
      ],
      large.r.load,
    );
  }
}

async function smallMerges(work: string, cores: boolean): Promise<void> {
  const one = await merge(work, 1000);
  figure(
    'mail merge, 1,000 applicants (packets PDF and Word, print files of ≤ 500)',
    basics(one.r, one.files),
    [atMost(one.r.ms, 20_000, seconds), atMost(one.r.peakMb, 1024, mb)],
    one.r.load,
  );
  const two = await merge(work, 2000);
  const ratio = two.r.ms / one.r.ms;
  figure(
    'mail merge, 2,000 applicants',
    `${basics(two.r, two.files)}, ${ratio.toFixed(2)}× the 1,000`,
    [{ text: 'linear, ≤ 2.2× the 1,000', met: ratio <= 2.2 }, atMost(two.r.peakMb, 1024, mb)],
    two.r.load,
  );
  if (cores) {
    const single = await merge(work, 1000, '0');
    const dual = await merge(work, 1000, '0,1');
    figure('mail merge, 1,000 applicants on 1 core (taskset -c 0)', basics(single.r), [], single.r.load);
    figure(
      'mail merge, 1,000 applicants on 2 cores (taskset -c 0,1)',
      `${basics(dual.r)}, ${(single.r.ms / dual.r.ms).toFixed(2)}× as fast as 1 core`,
      [],
      dual.r.load,
    );
  }
}
