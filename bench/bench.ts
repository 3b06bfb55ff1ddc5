// `npm run bench`: speed and memory of the full build, a no-op rebuild, a 1,000-applicant
// mail merge, and (when pandoc and LibreOffice are installed) the pandoc + LibreOffice peer
// pipeline on the same Markdown. Prints figures; it is not a test and CI does not run it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';

const project = process.cwd();
const work = mkdtempSync(join(tmpdir(), 'cg-bench-'));
const node = process.execPath;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs a command of ours as its own process: wall time (process start included) and its stats line. */
function run(script: string, args: string[]): { ms: number; stats: Record<string, number>; code: number } {
  const t = performance.now();
  const r = spawnSync(node, ['--import', 'tsx', join(project, 'src', 'cli', script), ...args], { cwd: project, env: { ...process.env, CG_STATS: '1' }, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  const ms = performance.now() - t;
  const line = (r.stderr ?? '').split('\n').find((l) => l.startsWith('stats:')) ?? '';
  const stats = Object.fromEntries([...line.matchAll(/(\w+)=(\d+)/g)].map((m) => [m[1], Number(m[2])]));
  return { ms, stats, code: r.status ?? -1 };
}

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

async function pdfPages(path: string): Promise<number> {
  return (await PDFDocument.load(readFileSync(path), { updateMetadata: false, ignoreEncryption: true })).getPageCount();
}

function rosterCsv(rows: number): string {
  const editions = [['michigan', [1, 2, 3, 4]], ['texas', [1, 2, 3, 4]], ['new-mexico', [1, 2, 3, 4]], ['michigan-revised', [3]]] as const;
  const first = ['José', 'Ann', "D'Arcy", 'Zoë', 'Nguyễn', 'Bob', 'Łucja', 'María José'];
  const last = ['Núñez-O\'Brien', 'Smith', 'García', 'Lee "DJ"', 'Øberg', 'Jones', 'Ñandú', 'Müller'];
  const lines = ['first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level'];
  for (let i = 0; i < rows; i++) {
    const [edition, levels] = editions[i % editions.length];
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    lines.push([q(first[i % 8]), q(last[(i * 3) % 8]), q(`${100 + i} Main St, Unit ${i % 7}`), '', 'Lansing', 'MI', '48933', `a${i}@example.org`, edition, levels[i % levels.length]].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

async function main(): Promise<void> {
  console.log(`machine: ${(await import('node:os')).availableParallelism()} cores, Node ${process.version}`);
  // 1. The full set, cache ignored, three times.
  const out = join(work, 'out');
  const full = [0, 1, 2].map(() => run('build.ts', ['--force', '--out', out]));
  const pages = full[0].stats.pages;
  const fullMs = median(full.map((r) => r.ms));
  console.log(`full build (forced, every edition's booklets, packets and reports, PDF and Word): median ${(fullMs / 1000).toFixed(2)} s over 3 runs, ${pages} PDF pages, ${(pages / (fullMs / 1000)).toFixed(1)} PDF pages/s, peak RSS ${Math.round(median(full.map((r) => r.stats.max_rss_kb)) / 1024)} MB`);
  // 2. A rebuild with nothing changed.
  const noop = [0, 1, 2].map(() => run('build.ts', ['--out', out]).ms);
  console.log(`no-op rebuild (process start included): median ${(median(noop) / 1000).toFixed(2)} s`);
  // 3. A 1,000-applicant mail merge.
  const roster = join(work, 'applicants.csv');
  writeFileSync(roster, rosterCsv(1000));
  const merge = run('packets.ts', ['--roster', roster, '--out', join(work, 'packets')]);
  const made = readdirSync(join(work, 'packets')).filter((f) => f.endsWith('.docx')).length;
  console.log(`mail merge, 1,000 applicants: ${(merge.ms / 1000).toFixed(1)} s, ${made} packets (PDF and Word) and the combined PDF, peak RSS ${Math.round(merge.stats.max_rss_kb / 1024)} MB (exit ${merge.code})`);
  // 4. The peer pipeline: pandoc to Word, LibreOffice to PDF, three booklets.
  if (!has('pandoc') || !has('soffice')) {
    console.log('peer pipeline: skipped (needs pandoc and soffice: apt-get install pandoc libreoffice-writer)');
  } else {
    const peerDir = join(work, 'peer');
    const editions: [string, string[]][] = [
      ['michigan', []],
      ['texas', ['source/editions/texas/level-3.md', 'source/editions/texas/level-4.md']],
      ['new-mexico', ['source/editions/new-mexico/level-2.md']],
    ];
    const base = ['level-1.md', 'level-2.md', 'level-3.md', 'level-4.md', 'endorsement.md', 'committee.md', 'glossary.md', 'copyright.md'].map((f) => `source/base/${f}`);
    let peerPages = 0;
    const t = performance.now();
    for (const [id, extra] of editions) {
      const md = join(peerDir, `${id}.md`);
      execFileSync('mkdir', ['-p', peerDir]);
      writeFileSync(md, [...base, ...extra].map((f) => readFileSync(join(project, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '')).join('\n\n'));
      execFileSync('pandoc', [md, '--toc', '-o', join(peerDir, `${id}.docx`)], { stdio: 'ignore' });
      execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', peerDir, join(peerDir, `${id}.docx`)], { stdio: 'ignore' });
      peerPages += await pdfPages(join(peerDir, `${id}.pdf`));
    }
    const peerMs = performance.now() - t;
    const peerRate = peerPages / (peerMs / 1000);
    const ours = pages / (fullMs / 1000);
    console.log(`peer pipeline (pandoc to DOCX, LibreOffice to PDF, 3 booklets): ${(peerMs / 1000).toFixed(1)} s, ${peerPages} PDF pages, ${peerRate.toFixed(1)} PDF pages/s`);
    console.log(`ratio (ours / peer, PDF pages per second): ${(ours / peerRate).toFixed(2)}`);
  }
  rmSync(work, { recursive: true, force: true });
}

main();
