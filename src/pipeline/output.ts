// Atomic output: a build writes into a staging folder that replaces out/ only when it all succeeded.
import {
  copyFileSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hashOfBytes, sha256 } from '../util/hash.js';
import { clearDeadLock, isAlive, lockPath } from './lock.js';
import { removeOnInterrupt } from '../util/interrupt.js';
import { writingTo } from '../util/machine-fault.js';

export interface ManifestEntry {
  path: string;
  edition: string;
  kind: 'booklet' | 'packet' | 'report' | 'print' | 'web';
  /** The file's type: pdf, docx, md; a web edition's files by their extension (html, css, js, ttf, …). */
  format: string;
  level?: number;
  pages?: number;
  sha256: string;
}

export interface Manifest {
  files: ManifestEntry[];
}

export class Staging {
  readonly dir: string;
  private readonly entries: ManifestEntry[] = [];
  private readonly forget: () => void;
  /** The previous out/'s files by path: one written again with the same bytes is linked, not written. */
  private readonly previous = new Map<string, ManifestEntry>();

  /** `carryOver`: editions whose files in the previous out/ are kept as they are. */
  constructor(
    readonly outDir: string,
    carryOver: Set<string>,
  ) {
    this.dir = stagingDir(outDir);
    rmSync(this.dir, { recursive: true, force: true });
    this.forget = removeOnInterrupt(this.dir);
    mkdirSync(this.dir, { recursive: true });
    if (existsSync(outDir)) {
      const previous = readManifest(outDir);
      for (const e of previous.files) {
        this.previous.set(e.path, e);
        if (!carryOver.has(e.edition)) continue;
        const from = join(outDir, e.path);
        if (!existsSync(from)) continue;
        mkdirSync(dirname(join(this.dir, e.path)), { recursive: true });
        // Linked, not copied: every file is written whole under a new name, never changed in place.
        linkTree(from, join(this.dir, e.path));
        this.entries.push(e);
      }
    }
  }

  write(entry: Omit<ManifestEntry, 'sha256'>, bytes: Uint8Array | string): ManifestEntry {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    const file = join(this.dir, entry.path);
    // A file every rebuilt edition writes (a web font) is hashed once.
    const hash = typeof bytes === 'string' ? sha256(data) : hashOfBytes(data);
    writingTo(file, () => {
      mkdirSync(dirname(file), { recursive: true });
      if (!this.linkedUnchanged(entry.path, hash, data, file)) writeFileSync(file, data);
    });
    const full: ManifestEntry = { ...entry, sha256: hash };
    this.entries.push(full);
    return full;
  }

  /**
   * The previous out/'s file linked in its place when it has these bytes (most files of a rebuilt edition: its web
   * fonts and scripts, the documents an edit did not change). Compared byte for byte: the manifest says what the
   * build wrote, not what the file holds now.
   */
  private linkedUnchanged(path: string, hash: string, data: Uint8Array, file: string): boolean {
    if (this.previous.get(path)?.sha256 !== hash) return false;
    const from = join(this.outDir, path);
    try {
      if (!Buffer.from(data.buffer, data.byteOffset, data.byteLength).equals(readFileSync(from))) return false;
      linkSync(from, file);
      return true;
    } catch {
      return false; // gone, or not linkable (another file system): written
    }
  }

  /** A file that is not an output (the build cache): not listed in the manifest. */
  writeExtra(path: string, text: string): void {
    writingTo(join(this.dir, path), () => writeFileSync(join(this.dir, path), text));
  }

  /** Swaps the staging folder in for out/, keeping what the build did not make (a mail merge's out/packets). */
  commit(): ManifestEntry[] {
    // By code unit: localeCompare orders by the machine's locale (in Czech, "ch" comes after "h").
    const files = [...this.entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manifest = join(this.dir, 'manifest.json');
    writingTo(manifest, () => writeFileSync(manifest, JSON.stringify({ files } satisfies Manifest, null, 2) + '\n'));
    if (existsSync(this.outDir)) {
      const ours = new Set([
        'manifest.json',
        CACHE_NAME,
        ...readManifest(this.outDir).files.map((f) => f.path.split('/')[0]),
        ...files.map((f) => f.path.split('/')[0]),
      ]);
      for (const name of readdirSync(this.outDir)) {
        if (!ours.has(name) && !isLitter(name)) linkTree(join(this.outDir, name), join(this.dir, name));
      }
    }
    swapIn(this.dir, this.outDir);
    this.forget();
    return files;
  }

  abandon(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.forget();
  }
}

export function readManifest(outDir: string): Manifest {
  try {
    return JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return { files: [] };
  }
}

// The build cache's name (cache.ts imports this module, so the name is repeated there).
const CACHE_NAME = 'build-cache.json';

/** A run's staging folder beside `dir`, named by its pid so that a later run knows when it is left over. */
export function stagingDir(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}-staging-${process.pid}`);
}

function oldDir(dir: string, pid = process.pid): string {
  return join(dirname(dir), `.${basename(dir)}-old-${pid}`);
}

/** Folders and lock files of runs, never outputs. */
function isLitter(name: string): boolean {
  return /^\..*(-staging-\d+(-stopped)?|-old-\d+|\.lock(\..*)?)$/.test(name);
}

/**
 * Hard-links a file or folder tree into another place: instant, no extra space, and a file
 * appended to under its old name (a send log) is the same file under the new one.
 */
export function linkTree(from: string, to: string): void {
  if (lstatSync(from).isDirectory()) {
    mkdirSync(to, { recursive: true });
    for (const name of readdirSync(from)) linkTree(join(from, name), join(to, name));
    return;
  }
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * Replaces `dir` with `staging` by two renames. Killed between them, `dir` is missing and the
 * previous one waits in `.<dir>-old-<pid>`: the next run's sweepLitter puts it back.
 */
export function swapIn(staging: string, dir: string): void {
  const old = oldDir(dir);
  if (existsSync(dir)) renameSync(dir, old);
  renameSync(staging, dir);
  rmSync(old, { recursive: true, force: true });
}

export interface Sweep {
  /** Staging folders, replaced folders and lock files of runs that are over, removed. */
  removed: string[];
  /** True when a run was killed mid-swap and its previous folder was put back. */
  restored: boolean;
}

/** Clears what runs on `dir` that no live process owns left beside it. */
export function sweepLitter(dir: string): Sweep {
  const sweep: Sweep = { removed: [], restored: false };
  const parent = dirname(dir);
  if (!existsSync(parent)) return sweep;
  const prefix = `.${basename(dir)}`;
  for (const name of readdirSync(parent).sort()) {
    if (!name.startsWith(prefix)) continue;
    const m = name.slice(prefix.length).match(/^(?:-staging-(\d+)(?:-stopped)?|-old-(\d+)|\.lock\.(\d+)-[0-9a-f]+)$/);
    if (!m) continue;
    const pid = Number(m[1] ?? m[2] ?? m[3]);
    if (isAlive(pid)) continue;
    const path = join(parent, name);
    if (m[2] && !existsSync(dir)) {
      renameSync(path, dir);
      sweep.restored = true;
      continue;
    }
    rmSync(path, { recursive: true, force: true });
    sweep.removed.push(name);
  }
  if (clearDeadLock(dir)) sweep.removed.push(basename(lockPath(dir)));
  return sweep;
}
