// The 4 editions of source/: the full set forced (three times), from cached parts, a no-op rebuild, `dev` seeing an
// edit, the forced build on 1 core against 2, and the fair peer's PDF pages per second against ours.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { devEdit } from './dev.js';
import { has, libreOffice, pandocLibreOffice } from './peer.js';
import { atMost, basics, figure, seconds } from './report.js';
import { expectSuccess, median, runCli, type Measured } from './run.js';

interface Manifest {
  files: { kind: string; pages?: number }[];
}

/** The booklets' and packets' PDF pages (what the peer makes too; the print PDFs are not counted) and the files made. */
export function outputs(out: string): { pages: number; files: number } {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
  const pages = manifest.files
    .filter((f) => f.kind === 'booklet' || f.kind === 'packet')
    .reduce((n, f) => n + (f.pages ?? 0), 0);
  return { pages, files: manifest.files.length };
}

const spread = (runs: Measured[]) => ({
  ms: median(runs.map((r) => r.ms)),
  peakMb: median(runs.map((r) => r.peakMb)),
  load: [runs[0].load[0], runs.at(-1)!.load[1]] as [number, number],
});

export async function buildFigures(work: string, opts: { cores: boolean; dev: boolean; peer: boolean }): Promise<void> {
  const out = join(work, 'out');
  const build = async (what: string, args: string[], env: Record<string, string> = {}, cpus?: string) =>
    expectSuccess(
      what,
      await runCli('build.ts', [...args, '--quiet'], {
        env: { CG_CACHE_DIR: join(work, 'build-cache'), ...env },
        cpus,
      }),
    );
  const forced: Measured[] = [];
  for (let i = 0; i < 3; i++) forced.push(await build('the forced build', ['--force', '--out', out]));
  const { pages, files } = outputs(out);
  const full = spread(forced);
  const rate = pages / (full.ms / 1000);
  figure(
    '4 editions forced (booklets and packets in PDF and Word, print PDFs, web editions, reports), median of 3',
    `${seconds(full.ms)}, peak ${Math.round(full.peakMb)} MB, ${files} files, ${pages} PDF pages, ${rate.toFixed(1)} PDF pages/s`,
    [],
    full.load,
  );

  // Every document assembled again from parts kept by a build before (the cache's documents removed, its parts kept).
  const partsCache = join(work, 'parts-cache');
  await build('the build that fills the parts cache', ['--out', join(work, 'out-parts-fill')], {
    CG_CACHE_DIR: partsCache,
  });
  const assembled: Measured[] = [];
  for (let i = 0; i < 3; i++) {
    // The store's finished documents (`document.…`, `document-meta.…`) go; its parts and notes stay.
    const store = join(partsCache, 'store');
    for (const f of readdirSync(store)) if (f.startsWith('document')) rmSync(join(store, f));
    assembled.push(
      await build('the build from cached parts', ['--out', join(work, `out-parts-${i}`)], { CG_CACHE_DIR: partsCache }),
    );
  }
  const fromParts = spread(assembled);
  figure(
    '4 editions from cached parts (every document assembled again, no part laid out), median of 3',
    `${seconds(fromParts.ms)}, ${(pages / (fromParts.ms / 1000)).toFixed(1)} PDF pages/s`,
    [],
    fromParts.load,
  );

  const noop: Measured[] = [];
  for (let i = 0; i < 3; i++) noop.push(await build('the no-op rebuild', ['--out', out]));
  const still = spread(noop);
  figure(
    'no-op rebuild (process start included), median of 3',
    seconds(still.ms),
    [atMost(still.ms, 1000, seconds)],
    still.load,
  );

  if (opts.cores) {
    const single = await build('the forced build on 1 core', ['--force', '--out', join(work, 'out-1core')], {}, '0');
    const dual = await build('the forced build on 2 cores', ['--force', '--out', join(work, 'out-2core')], {}, '0,1');
    figure('4 editions forced on 1 core (taskset -c 0)', basics(single), [], single.load);
    figure(
      '4 editions forced on 2 cores (taskset -c 0,1)',
      `${basics(dual)}, ${(single.ms / dual.ms).toFixed(2)}× as fast as 1 core`,
      [],
      dual.load,
    );
  }

  if (opts.dev) {
    const load0 = (await import('node:os')).loadavg()[0];
    const dev = await devEdit(work);
    figure(
      'dev, one competency edited → booklet PDF updated',
      dev.map((t) => seconds(t)).join(', '),
      [atMost(median(dev), 1000, seconds)],
      [load0, (await import('node:os')).loadavg()[0]],
    );
  }

  if (!opts.peer) return;
  if (!has('soffice')) {
    console.log(
      'peer (LibreOffice converting our Word files): skipped (needs soffice: apt-get install libreoffice-writer fonts-crosextra-carlito fonts-crosextra-caladea)',
    );
    return;
  }
  const load0 = (await import('node:os')).loadavg()[0];
  const peer = await libreOffice(work, out);
  const peerRate = peer.pages / (peer.ms / 1000);
  const load = [load0, (await import('node:os')).loadavg()[0]];
  figure(
    `peer: LibreOffice converting our ${peer.files} Word files in one process`,
    `${seconds(peer.ms)}, ${peer.pages} PDF pages, ${peerRate.toFixed(1)} PDF pages/s`,
    [],
    load,
  );
  figure(
    'ratio, ours forced / peer (PDF pages per second)',
    (rate / peerRate).toFixed(2),
    [{ text: '≥ 4', met: rate / peerRate >= 4 }],
    load,
  );
  figure('ratio, ours from cached parts / peer', (pages / (fromParts.ms / 1000) / peerRate).toFixed(2), [], load);
  if (has('pandoc')) {
    const old = await pandocLibreOffice(work);
    const oldRate = old.pages / (old.ms / 1000);
    figure(
      'old peer (pandoc to Word, LibreOffice to PDF, one process per booklet, 3 booklets)',
      `${seconds(old.ms)}, ${old.pages} PDF pages, ${oldRate.toFixed(1)} PDF pages/s; ours / old peer ${(rate / oldRate).toFixed(2)}`,
      [],
      load,
    );
  }
}
