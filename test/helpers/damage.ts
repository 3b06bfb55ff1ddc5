// Random damage to a project's source files, for the property tests (property-read.test.ts, property.test.ts).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';

export type Damage =
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'bytes'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number };

export const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({
    kind: fc.constant('bytes' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function apply(original: Buffer, d: Damage): Buffer {
  if (d.kind === 'bytes') {
    const at = d.at % (original.length + 1);
    return Buffer.concat([original.subarray(0, at), Buffer.from(d.bytes), original.subarray(at)]);
  }
  if (d.kind === 'truncate') return original.subarray(0, d.at % (original.length + 1));
  const lines = original.toString('utf8').split('\n');
  const i = d.line % lines.length;
  if (d.kind === 'delete') lines.splice(i, 1);
  else lines.splice(i, 0, lines[i]);
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** A copy of the project's source/ and templates/ in a temporary folder. */
export function projectCopy(prefix: string): string {
  const project = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(process.cwd(), 'source'), join(project, 'source'), { recursive: true });
  cpSync(join(process.cwd(), 'templates'), join(project, 'templates'), { recursive: true });
  return project;
}

/** Runs `check` with one file damaged, then puts the file back. */
export async function withDamage<T>(project: string, file: string, d: Damage, check: () => Promise<T> | T): Promise<T> {
  const path = join(project, 'source', file);
  const original = readFileSync(path);
  writeFileSync(path, apply(original, d));
  try {
    return await check();
  } finally {
    writeFileSync(path, original);
  }
}
