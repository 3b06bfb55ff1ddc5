// Personalized packets for a roster: one PDF and Word packet per valid row, and one combined PDF.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { composePacket } from '../compose/packet.js';
import { resolveEdition } from '../editions/edition.js';
import { loadSource } from '../read/source.js';
import { writeBookletDocx } from '../write/docx/booklet.js';
import { writeBookletPdf } from '../write/pdf/booklet.js';
import { packetFileName, readRoster } from './roster.js';

export interface MergeOptions {
  project: string;
  roster: string;
  outDir: string;
  log?: (line: string) => void;
  progress?: (done: number, total: number) => void;
}

export interface MadePacket {
  line: number;
  name: string;
  edition: string;
  level: number;
  pdf: string;
  docx: string;
  pages: number;
}

export interface MergeResult {
  made: MadePacket[];
  rejected: { line: number; message: string }[];
  combined: { path: string; pages: number } | null;
  ms: number;
}

/** Writes a file under a temporary name and renames it, so a packet is never half-written. */
function writeAtomic(path: string, bytes: Uint8Array | string): void {
  const tmp = `${path}.partial-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}

export async function mergePackets(opts: MergeOptions): Promise<MergeResult> {
  const started = performance.now();
  const tree = loadSource(opts.project);
  const editions = new Map(tree.editions.map((s) => [s.id, resolveEdition(tree, s)]));
  const roster = readRoster(opts.roster, editions);
  mkdirSync(opts.outDir, { recursive: true });
  const combined = await PDFDocument.create({ updateMetadata: false });
  const made: MadePacket[] = [];
  let done = 0;
  for (const a of roster.applicants) {
    const edition = editions.get(a.edition)!;
    const level = edition.guidelines.levels.find((l) => l.level === a.level)!;
    const { publication } = composePacket(edition, level, tree.packetTemplate, a, { omitApplication: false });
    const [pdf, docx] = await Promise.all([writeBookletPdf(publication), writeBookletDocx(publication)]);
    const name = packetFileName(a);
    writeAtomic(join(opts.outDir, `${name}.pdf`), pdf.bytes);
    writeAtomic(join(opts.outDir, `${name}.docx`), docx);
    // Each packet starts on a right-hand page of the combined file, for duplex batch printing.
    const src = await PDFDocument.load(pdf.bytes, { updateMetadata: false });
    const pages = await combined.copyPages(src, src.getPageIndices());
    pages.forEach((p) => combined.addPage(p));
    if (combined.getPageCount() % 2 === 1) combined.addPage([pages[0].getWidth(), pages[0].getHeight()]);
    made.push({ line: a.line, name: `${a.first_name} ${a.last_name}`, edition: a.edition, level: a.level, pdf: `${name}.pdf`, docx: `${name}.docx`, pages: pdf.pages });
    opts.progress?.(++done, roster.applicants.length);
  }
  let combinedInfo: MergeResult['combined'] = null;
  if (made.length) {
    const path = join(opts.outDir, 'all-packets.pdf');
    writeAtomic(path, await combined.save({ useObjectStreams: false }));
    combinedInfo = { path: 'all-packets.pdf', pages: combined.getPageCount() };
  }
  const summary = { roster: opts.roster, made, rejected: roster.rejected, combined: combinedInfo };
  writeAtomic(join(opts.outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  return { made, rejected: roster.rejected, combined: combinedInfo, ms: performance.now() - started };
}
