// The packets to send: those the mail merge already made in DIR when they are current, else a new merge.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MergeProgress } from '../mailmerge/merge.js';
import { packetFileName, type Applicant } from '../mailmerge/roster.js';

interface Summary {
  roster?: string;
  made?: { line: number; edition: string; level: number; pdf: string; docx: string }[];
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/**
 * Whether DIR holds a packet for every row, made from this roster after the roster, the
 * sources, the packet template and the generator last changed. (The e-mail template does not
 * go into a packet.) By modification time: a file restored with an old date is not noticed,
 * and --remake makes the packets again.
 */
export function packetsAreCurrent(project: string, roster: string, outDir: string, applicants: Applicant[]): boolean {
  const summaryPath = join(outDir, 'summary.json');
  if (!existsSync(summaryPath)) return false;
  let summary: Summary;
  try {
    summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as Summary;
  } catch {
    return false;
  }
  if (summary.roster !== roster || !Array.isArray(summary.made) || summary.made.length !== applicants.length)
    return false;
  const inputs = [
    roster,
    join(project, 'source'),
    join(project, 'templates', 'packet.yaml'),
    join(project, 'src'),
    join(project, 'package-lock.json'),
  ];
  if (statSync(summaryPath).mtimeMs < newestMtime(inputs)) return false;
  const made = new Map(summary.made.map((m) => [m.line, m]));
  return applicants.every((a) => {
    const m = made.get(a.line);
    const name = packetFileName(a);
    return (
      m &&
      m.edition === a.edition &&
      m.level === a.level &&
      m.pdf === `${name}.pdf` &&
      m.docx === `${name}.docx` &&
      existsSync(join(outDir, m.pdf)) &&
      existsSync(join(outDir, m.docx))
    );
  });
}

/** Makes the packets unless DIR already has current ones; says which it did. */
export async function ensurePackets(opts: {
  project: string;
  roster: string;
  sheet?: string;
  outDir: string;
  applicants: Applicant[];
  remake: boolean;
  progress?: (step: MergeProgress) => void;
}): Promise<'reused' | 'made'> {
  if (
    !opts.remake &&
    opts.applicants.length &&
    packetsAreCurrent(opts.project, opts.roster, opts.outDir, opts.applicants)
  )
    return 'reused';
  // Loaded only to make packets: a re-run that sends what is already made starts without the renderers.
  const { mergePackets } = await import('../mailmerge/merge.js');
  await mergePackets({
    project: opts.project,
    roster: opts.roster,
    sheet: opts.sheet,
    outDir: opts.outDir,
    progress: opts.progress,
  });
  return 'made';
}
