// A mail merge's output folder holds one run. A run is made in a staging folder beside it and
// swapped in whole at the end, so the folder holds the previous complete run until then, and
// never a mix of two runs. Files the merge did not make are never deleted: such a folder is refused.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type FolderLock, isAlive, lockFolder } from '../pipeline/lock.js';
import { removeOnInterrupt } from '../util/interrupt.js';
import { linkTree, stagingDir, swapIn, sweepLitter } from '../pipeline/output.js';

export const SUMMARY = 'summary.json';
/** Kept in the folder by `npm run send:packets`: the tool's own, carried unchanged into every new run. */
export const TOOL_FILES = ['send-log.jsonl', 'eml'];

export class ForeignFilesError extends Error {}

interface PreviousSummary {
  files?: string[];
  made?: { pdf: string; docx: string }[];
  combined?: { path: string } | null;
}

/** The names a run made, from its summary.json (older summaries have no `files`: their packets and combined file). */
function madeByLastRun(dir: string): Set<string> {
  const made = new Set<string>();
  let summary: PreviousSummary;
  try {
    summary = JSON.parse(readFileSync(join(dir, SUMMARY), 'utf8')) as PreviousSummary;
  } catch {
    return made;
  }
  made.add(SUMMARY);
  const files = summary.files ?? [
    ...(summary.made ?? []).flatMap((m) => [m.pdf, m.docx]),
    ...(summary.combined ? [summary.combined.path] : []),
  ];
  for (const f of files) if (typeof f === 'string') made.add(f);
  return made;
}

/** A half-written file of a killed run (earlier versions wrote them in the folder itself); the swap drops it. */
function isDeadPartial(name: string): boolean {
  const m = name.match(/\.partial-(\d+)-\d+$/);
  return !!m && !isAlive(Number(m[1]));
}

/** Refuses a folder that holds anything this tool did not make. */
export function checkFolder(dir: string, shown: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory())
    throw new ForeignFilesError(`${shown} is a file, not a folder; choose another --out`);
  const ours = madeByLastRun(dir);
  const foreign = readdirSync(dir)
    .filter((name) => !ours.has(name) && !TOOL_FILES.includes(name) && !isDeadPartial(name))
    .sort();
  if (foreign.length) {
    const list = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, and ${foreign.length - 3} more` : '');
    throw new ForeignFilesError(
      `${shown}/ holds files this mail merge did not make (${list}); nothing was changed. Move them elsewhere or choose another --out`,
    );
  }
}

export class RunFolder {
  private constructor(
    readonly dir: string,
    readonly staging: string,
    private readonly shown: string,
    private readonly locks: FolderLock[],
    /** What this run found of an interrupted one, to tell the user. */
    readonly notices: string[],
    private readonly forget: () => void,
  ) {}

  /** Waits for other runs on the folder, clears what interrupted runs left, checks the folder and opens a staging folder. */
  static async open(dir: string, shown: string, waiting: (line: string) => void): Promise<RunFolder> {
    const locks: FolderLock[] = [];
    try {
      // Inside a booklet build's out/, a build would replace the folder under the merge: hold that one too.
      const parent = dirname(dir);
      if (existsSync(join(parent, 'manifest.json'))) {
        locks.push(
          await lockFolder(parent, (pid) =>
            waiting(`waiting for another build or merge using ${basename(parent)}/ (pid ${pid}) …`),
          ),
        );
      }
      locks.push(
        await lockFolder(dir, (pid) => waiting(`waiting for another mail merge into ${shown}/ (pid ${pid}) …`)),
      );
      const notices: string[] = [];
      const swept = sweepLitter(dir);
      if (swept.restored)
        notices.push(
          `a previous run into ${shown}/ was interrupted while switching to its new files; the run before it was put back`,
        );
      else if (swept.removed.some((n) => n.includes('-staging-')))
        notices.push(
          `a previous run into ${shown}/ was interrupted; its partial files were removed (${shown}/ holds the last complete run, if any)`,
        );
      checkFolder(dir, shown);
      const staging = stagingDir(dir);
      rmSync(staging, { recursive: true, force: true });
      const forget = removeOnInterrupt(staging);
      mkdirSync(staging, { recursive: true });
      return new RunFolder(dir, staging, shown, locks, notices, forget);
    } catch (e) {
      for (const l of locks.reverse()) l.release();
      throw e;
    }
  }

  /** Swaps the staging folder in for the folder, with the send log and e-mails carried over. */
  commit(): void {
    // Checked again: a file may have been put in the folder while the merge ran.
    checkFolder(this.dir, this.shown);
    for (const name of TOOL_FILES)
      if (existsSync(join(this.dir, name))) linkTree(join(this.dir, name), join(this.staging, name));
    swapIn(this.staging, this.dir);
    this.forget();
  }

  abandon(): void {
    rmSync(this.staging, { recursive: true, force: true });
    this.forget();
  }

  release(): void {
    for (const l of this.locks.reverse()) l.release();
  }
}
