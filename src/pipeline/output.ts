// Atomic output: a build writes into a staging folder that replaces out/ only when it all succeeded.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createHash } from 'node:crypto';

export interface ManifestEntry {
  path: string;
  edition: string;
  kind: 'booklet' | 'packet' | 'report';
  format: 'pdf' | 'docx' | 'md' | 'html';
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

  /** `carryOver`: editions whose files in the previous out/ are kept as they are. */
  constructor(
    readonly outDir: string,
    carryOver: Set<string>,
  ) {
    this.dir = join(dirname(outDir), `.${basename(outDir)}-staging-${process.pid}`);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    if (carryOver.size && existsSync(outDir)) {
      const previous = readManifest(outDir);
      for (const e of previous.files) {
        if (!carryOver.has(e.edition)) continue;
        const from = join(outDir, e.path);
        if (!existsSync(from)) continue;
        mkdirSync(dirname(join(this.dir, e.path)), { recursive: true });
        cpSync(from, join(this.dir, e.path));
        this.entries.push(e);
      }
    }
  }

  write(entry: Omit<ManifestEntry, 'sha256'>, bytes: Uint8Array | string): ManifestEntry {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    const file = join(this.dir, entry.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, data);
    const full: ManifestEntry = { ...entry, sha256: createHash('sha256').update(data).digest('hex') };
    this.entries.push(full);
    return full;
  }

  /** A file that is not an output (the build cache): not listed in the manifest. */
  writeExtra(path: string, text: string): void {
    writeFileSync(join(this.dir, path), text);
  }

  /** Swaps the staging folder in for out/. */
  commit(): ManifestEntry[] {
    const files = [...this.entries].sort((a, b) => a.path.localeCompare(b.path));
    writeFileSync(join(this.dir, 'manifest.json'), JSON.stringify({ files } satisfies Manifest, null, 2) + '\n');
    const old = join(dirname(this.outDir), `.${basename(this.outDir)}-old-${process.pid}`);
    if (existsSync(this.outDir)) renameSync(this.outDir, old);
    renameSync(this.dir, this.outDir);
    rmSync(old, { recursive: true, force: true });
    return files;
  }

  abandon(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function readManifest(outDir: string): Manifest {
  try {
    return JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return { files: [] };
  }
}
