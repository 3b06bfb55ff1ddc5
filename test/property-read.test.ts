// Property tests: random damage to valid sources either reads fine or fails with well-formed messages; random roster
// rows are made or named by their line. (property.test.ts: builds of damaged sources.)
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/model/diagnostics.js';
import { loadSource } from '../src/editions/source.js';
import { damage, projectCopy, withDamage } from './helpers/damage.js';

const MESSAGE = /^source\/[\w./-]+:\d+:\d+: .+; expected .+$/;
const FILES = [
  'base/level-1.md',
  'base/level-2.md',
  'base/level-3.md',
  'base/level-4.md',
  'base/glossary.md',
  'base/endorsement.md',
  'editions/texas/level-4.md',
  'editions/texas/edition.yaml',
  'editions/new-mexico/level-2.md',
];

let project: string;
beforeAll(() => {
  project = projectCopy('cg-prop-');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

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
        withDamage(project, file, d, () => {
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
});

describe('random roster rows', () => {
  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      '',
      ' ',
      'José',
      "O'Brien",
      'a,b',
      'say "hi"',
      'line\nbreak',
      'michigan',
      'texas',
      '2',
      '5',
      'x@y.org',
      'bad@',
    ),
  );
  it('are made or named by their line, never a crash', async () => {
    const { readRoster, RosterError } = await import('../src/mailmerge/roster.js');
    const { resolveEdition } = await import('../src/editions/edition.js');
    const tree = loadSource(project);
    const editions = new Map(tree.editions.map((s) => [s.id, resolveEdition(tree, s)]));
    const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const header = 'first_name,last_name,address_line1,address_line2,city,state,postal_code,email,edition,level';
    const path = join(project, 'roster.csv');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 10, maxLength: 10 }), { maxLength: 8 }),
        fc.boolean(),
        async (rows, crlf) => {
          const nl = crlf ? '\r\n' : '\n';
          writeFileSync(path, [header, ...rows.map((r) => r.map(quote).join(','))].join(nl) + nl);
          try {
            const r = await readRoster(path, editions);
            expect(r.applicants.length + r.rejected.length).toBe(
              rows.filter((row) => row.some((c) => c !== '')).length,
            );
            for (const bad of r.rejected) expect(bad.message).toMatch(/^roster\.csv line \d+: .+/);
            for (const a of r.applicants) expect(editions.has(a.edition)).toBe(true);
          } catch (e) {
            if (!(e instanceof RosterError)) throw e;
            expect(e.message).toMatch(/^roster\.csv( line \d+)?: .+; expected .+/);
          }
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });
});
