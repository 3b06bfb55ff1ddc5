// The fair peer: LibreOffice converting our own Word files (every booklet and packet of a build) to PDF in one
// process, its start paid once, as staff would with the Word files. And the older peer, kept for comparison: pandoc
// to Word, then LibreOffice to PDF, one process per booklet.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { PROJECT } from './run.js';

export const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

async function pdfPages(path: string): Promise<number> {
  return (await PDFDocument.load(readFileSync(path), { updateMetadata: false, ignoreEncryption: true })).getPageCount();
}

export interface PeerRun {
  ms: number;
  pages: number;
  files: number;
}

/** LibreOffice converting every .docx under `out` in one process. */
export async function libreOffice(work: string, out: string): Promise<PeerRun> {
  const peerIn = join(work, 'peer-in');
  const peerOut = join(work, 'peer-lo');
  mkdirSync(peerIn, { recursive: true });
  // Editions share file names (packet-level-1.docx): each file gets its own name, or the PDFs overwrite each other.
  const docx = readdirSync(out, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.docx'))
    .map((f) => {
      const unique = join(peerIn, f.replace(/[\\/]/g, '--'));
      cpSync(join(out, f), unique);
      return unique;
    });
  const t = performance.now();
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(work, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      peerOut,
      ...docx,
    ],
    { stdio: 'ignore' },
  );
  const ms = performance.now() - t;
  let pages = 0;
  for (const f of readdirSync(peerOut).filter((n) => n.endsWith('.pdf'))) pages += await pdfPages(join(peerOut, f));
  return { ms, pages, files: docx.length };
}

/** pandoc + LibreOffice, one process per booklet, for 3 editions. */
export async function pandocLibreOffice(work: string): Promise<PeerRun> {
  const peerDir = join(work, 'peer');
  mkdirSync(peerDir, { recursive: true });
  const editions: [string, string[]][] = [
    ['michigan', []],
    ['texas', ['source/editions/texas/level-3.md', 'source/editions/texas/level-4.md']],
    ['new-mexico', ['source/editions/new-mexico/level-2.md']],
  ];
  const base = [
    'level-1.md',
    'level-2.md',
    'level-3.md',
    'level-4.md',
    'endorsement.md',
    'committee.md',
    'glossary.md',
    'copyright.md',
  ].map((f) => `source/base/${f}`);
  let pages = 0;
  const t = performance.now();
  for (const [id, extra] of editions) {
    const md = join(peerDir, `${id}.md`);
    writeFileSync(
      md,
      [...base, ...extra]
        .map((f) => readFileSync(join(PROJECT, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''))
        .join('\n\n'),
    );
    execFileSync('pandoc', [md, '--toc', '-o', join(peerDir, `${id}.docx`)], { stdio: 'ignore' });
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${join(work, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        peerDir,
        join(peerDir, `${id}.docx`),
      ],
      { stdio: 'ignore' },
    );
    pages += await pdfPages(join(peerDir, `${id}.pdf`));
  }
  return { ms: performance.now() - t, pages, files: editions.length };
}
