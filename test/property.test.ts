// Property tests: random damage to valid sources either reads fine or fails with well-formed messages.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.js';
import { InputError } from '../src/model/diagnostics.js';
import { loadSource } from '../src/read/source.js';

const MESSAGE = /^source\/[\w./-]+:\d+:\d+: .+; expected .+$/;
const FILES = ['base/level-1.md', 'base/level-2.md', 'base/level-3.md', 'base/level-4.md', 'base/glossary.md', 'base/endorsement.md', 'editions/texas/level-4.md', 'editions/texas/edition.yaml', 'editions/new-mexico/level-2.md'];

type Damage =
  | { kind: 'delete'; line: number }
  | { kind: 'duplicate'; line: number }
  | { kind: 'bytes'; at: number; bytes: Uint8Array }
  | { kind: 'truncate'; at: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(original: Buffer, d: Damage): Buffer {
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

let project: string;
beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'cg-prop-'));
  cpSync(join(process.cwd(), 'source'), join(project, 'source'), { recursive: true });
  cpSync(join(process.cwd(), 'templates'), join(project, 'templates'), { recursive: true });
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Runs `check` with one file damaged, then puts the file back. */
async function withDamage<T>(file: string, d: Damage, check: () => Promise<T> | T): Promise<T> {
  const path = join(project, 'source', file);
  const original = readFileSync(path);
  writeFileSync(path, apply(original, d));
  try {
    return await check();
  } finally {
    writeFileSync(path, original);
  }
}

function outcome(fn: () => unknown): 'ok' | string[] {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof InputError) return e.messages;
    throw e; // a crash fails the property
  }
}

describe('random damage to the sources', () => {
  it('reads, or fails with one well-formed message per problem', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), damage, async (file, d) =>
        withDamage(file, d, () => {
          const r = outcome(() => loadSource(project));
          if (r !== 'ok') {
            expect(r.length).toBeGreaterThan(0);
            for (const m of r) expect(m).toMatch(MESSAGE);
          }
        }),
      ),
      { numRuns: 100, seed: 20261123 },
    );
  });

  it('builds completely, or leaves the previous out/ as it was', async () => {
    const out = join(project, 'out');
    await build({ project, outDir: out, editions: ['texas'] });
    const snapshot = () => readFileSync(join(out, 'manifest.json'), 'utf8') + createHash('sha256').update(readFileSync(join(out, 'texas', 'competency-guidelines.pdf'))).digest('hex');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('base/level-4.md', 'editions/texas/level-4.md', 'base/glossary.md'), damage, async (file, d) =>
        withDamage(file, d, async () => {
          const before = snapshot();
          try {
            const r = await build({ project, outDir: out, editions: ['texas'] });
            // Booklet and 4 packets (PDF and Word), the print PDF, the report; and the web edition.
            expect(r.manifest.filter((f) => f.edition === 'texas' && f.kind !== 'web')).toHaveLength(12);
            expect(r.manifest.filter((f) => f.edition === 'texas' && f.kind === 'web').length).toBeGreaterThan(10);
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            expect(snapshot()).toBe(before);
          }
        }),
      ),
      { numRuns: 4, seed: 7 },
    );
  }, 300_000);
});

describe('random roster rows', () => {
  const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', ' ', 'José', "O'Brien", 'a,b', 'say "hi"', 'line\nbreak', 'michigan', 'texas', '2', '5', 'x@y.org', 'bad@'));
  it('are made or named by their line, never a crash', async () => {
    const { readRoster, RosterError } = await import('../src/mailmerge/roster.js');
    const { resolveEdition } = await import('../src/editions/edition.js');
    const tree = loadSource(project);
    const editions = new Map(tree.editions.map((s) => [s.id, resolveEdition(tree, s)]));
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const header = 'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level';
    const path = join(project, 'roster.csv');
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 10, maxLength: 10 }), { maxLength: 8 }), fc.boolean(), (rows, crlf) => {
        const nl = crlf ? '\r\n' : '\n';
        writeFileSync(path, [header, ...rows.map((r) => r.map(quote).join(','))].join(nl) + nl);
        try {
          const r = readRoster(path, editions);
          expect(r.applicants.length + r.rejected.length).toBe(rows.filter((row) => row.some((c) => c !== '')).length);
          for (const bad of r.rejected) expect(bad.message).toMatch(/^roster\.csv line \d+: .+/);
          for (const a of r.applicants) expect(editions.has(a.edition)).toBe(true);
        } catch (e) {
          if (!(e instanceof RosterError)) throw e;
          expect(e.message).toMatch(/^roster\.csv( line \d+)?: .+; expected .+/);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
