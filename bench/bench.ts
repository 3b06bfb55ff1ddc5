// `npm run bench`: speed and memory of the full build, a no-op rebuild, an edit seen by `dev`,
// a 1,000-applicant mail merge, and (when LibreOffice is installed) the fair peer: LibreOffice
// converting our own Word files to PDF in one process. Prints figures against the targets; it is
// not a test and CI does not run it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

/** `dev` on a copy of the project: seconds from saving an edit to one competency to the booklet PDF being updated. */
async function devEdit(): Promise<number[]> {
  const copy = join(work, 'dev');
  cpSync(join(project, 'source'), join(copy, 'source'), { recursive: true });
  cpSync(join(project, 'templates'), join(copy, 'templates'), { recursive: true });
  // tsx from the project (the copy has no node_modules).
  const child = spawn(join(project, 'node_modules', '.bin', 'tsx'), [join(project, 'src', 'cli', 'dev.ts'), '--edition', 'michigan'], { cwd: copy, env: { ...process.env, CG_CACHE_DIR: join(work, 'dev-cache') } });
  let out = '';
  let err = '';
  let exited = false;
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  child.on('exit', () => (exited = true));
  const waitFor = async (re: RegExp, from: number) => {
    while (!re.test(out.slice(from))) {
      if (exited) throw new Error(`dev stopped: ${err.trim().split('\n').slice(-3).join(' / ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor(/start: rebuilt/, 0);
  const file = join(copy, 'source', 'base', 'level-2.md');
  const times: number[] = [];
  for (const word of ['patient', 'kind', 'warm']) {
    const from = out.length;
    const t = performance.now();
    writeFileSync(file, readFileSync(file, 'utf8').replace(/- Remains open and curious[^\n]*/, `- Remains open and curious, ${word}`));
    await waitFor(/competency-guidelines\.pdf updated/, from);
    times.push((performance.now() - t) / 1000);
    await waitFor(/rebuilt michigan/, from);
  }
  child.kill('SIGINT');
  return times;
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');

async function main(): Promise<void> {
  console.log(`machine: ${(await import('node:os')).availableParallelism()} cores, Node ${process.version}`);
  // 1. The full set, cache ignored, three times.
  const out = join(work, 'out');
  const full = [0, 1, 2].map(() => run('build.ts', ['--force', '--out', out]));
  // The booklets' and packets' PDF pages (what the peer makes too; the print PDFs are not counted).
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files: { kind: string; pages?: number }[] };
  const pages = manifest.files.filter((f) => f.kind === 'booklet' || f.kind === 'packet').reduce((n, f) => n + (f.pages ?? 0), 0);
  const fullMs = median(full.map((r) => r.ms));
  console.log(`full build (forced: every edition's booklets and packets in PDF and Word, print PDFs, web editions, reports): median ${(fullMs / 1000).toFixed(2)} s over 3 runs, ${pages} PDF pages, ${(pages / (fullMs / 1000)).toFixed(1)} PDF pages/s, peak RSS ${Math.round(median(full.map((r) => r.stats.max_rss_kb)) / 1024)} MB`);
  // 1b. The full set with its parts kept from a build before and its documents not (the cache's documents removed): every
  // document assembled again from parts (write/pdf/parts), as after a change every document shows and no part does.
  const partsCache = join(work, 'parts-cache');
  process.env.CG_CACHE_DIR = partsCache;
  run('build.ts', ['--out', join(work, 'out-parts-fill')]);
  const assembled = [0, 1, 2].map((i) => {
    for (const f of readdirSync(partsCache)) if (/\.(bin|json)$/.test(f)) rmSync(join(partsCache, f));
    return run('build.ts', ['--out', join(work, `out-parts-${i}`)]);
  });
  delete process.env.CG_CACHE_DIR;
  const assembledMs = median(assembled.map((r) => r.ms));
  console.log(`full build from cached parts (every document assembled again, no part laid out): median ${(assembledMs / 1000).toFixed(2)} s over 3 runs, ${(pages / (assembledMs / 1000)).toFixed(1)} PDF pages/s`);
  // 2. A rebuild with nothing changed.
  const noop = [0, 1, 2].map(() => run('build.ts', ['--out', out]).ms);
  console.log(`no-op rebuild (process start included): median ${(median(noop) / 1000).toFixed(2)} s (target ≤ 1.0 s: ${verdict(median(noop) <= 1000)})`);
  // 3. dev: one competency edited, saved; the booklet PDF updated.
  const dev = await devEdit();
  console.log(`dev, one competency edited → booklet PDF updated: ${dev.map((t) => t.toFixed(2)).join(', ')} s (target ≤ 1.0 s: ${verdict(median(dev) <= 1)})`);
  // 4. A 1,000-applicant mail merge (its shared packets rendered, not taken from a cache).
  const roster = join(work, 'applicants.csv');
  writeFileSync(roster, rosterCsv(1000));
  process.env.CG_CACHE_DIR = join(work, 'merge-cache');
  const merge = run('packets.ts', ['--roster', roster, '--out', join(work, 'packets')]);
  const made = readdirSync(join(work, 'packets')).filter((f) => f.endsWith('.docx')).length;
  const rss = Math.round(merge.stats.max_rss_kb / 1024);
  console.log(`mail merge, 1,000 applicants: ${(merge.ms / 1000).toFixed(1)} s, ${made} packets (PDF and Word) and the combined PDF, peak RSS ${rss} MB (exit ${merge.code}) (targets ≤ 30 s: ${verdict(merge.ms <= 30_000)}, ≤ 1 GB: ${verdict(rss <= 1024)})`);
  delete process.env.CG_CACHE_DIR;
  // 5. The fair peer: LibreOffice converting our own Word files (every booklet and packet) to PDF in one process,
  // paying its start once, as staff would with the Word files.
  if (!has('soffice')) {
    console.log('peer (LibreOffice converting our Word files): skipped (needs soffice: apt-get install libreoffice-writer fonts-crosextra-carlito fonts-crosextra-caladea)');
  } else {
    const peerOut = join(work, 'peer-lo');
    const peerIn = join(work, 'peer-in');
    execFileSync('mkdir', ['-p', peerIn]);
    // Editions share file names (packet-level-1.docx): give each file its own name, or the PDFs overwrite each other.
    const docx = readdirSync(out, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.docx'))
      .map((f) => {
        const unique = join(peerIn, f.replace(/[\\/]/g, '--'));
        cpSync(join(out, f), unique);
        return unique;
      });
    const t = performance.now();
    execFileSync('soffice', [`-env:UserInstallation=file://${join(work, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', peerOut, ...docx], { stdio: 'ignore' });
    const peerMs = performance.now() - t;
    let peerPages = 0;
    for (const f of readdirSync(peerOut).filter((n) => n.endsWith('.pdf'))) peerPages += await pdfPages(join(peerOut, f));
    const peerRate = peerPages / (peerMs / 1000);
    const ours = pages / (fullMs / 1000);
    console.log(`peer: LibreOffice converting our ${docx.length} Word files in one process: ${(peerMs / 1000).toFixed(1)} s, ${peerPages} PDF pages, ${peerRate.toFixed(1)} PDF pages/s`);
    console.log(`ratio (ours / peer, PDF pages per second): ${(ours / peerRate).toFixed(2)} (target ≥ 4: ${verdict(ours / peerRate >= 4)})`);
    console.log(`ratio from cached parts (ours / peer): ${(pages / (assembledMs / 1000) / peerRate).toFixed(2)}`);
  }
  // 6. The old peer (kept for comparison): pandoc to Word, then LibreOffice to PDF, one process per booklet.
  if (!has('pandoc') || !has('soffice')) {
    console.log('old peer (pandoc + LibreOffice per booklet): skipped (needs pandoc and soffice)');
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
    console.log(`old peer (pandoc to DOCX, LibreOffice to PDF, one process per booklet, 3 booklets): ${(peerMs / 1000).toFixed(1)} s, ${peerPages} PDF pages, ${peerRate.toFixed(1)} PDF pages/s; ours / old peer ${(ours / peerRate).toFixed(2)}`);
  }
  rmSync(work, { recursive: true, force: true });
}

main();
