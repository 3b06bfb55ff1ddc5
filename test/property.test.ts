// Property test: a build of randomly damaged sources completes, or leaves the previous out/ as it was.
// (property-read.test.ts: reading damaged sources, random roster rows.)
import { readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../src/pipeline/build.js';
import { InputError } from '../src/model/diagnostics.js';
import { damage, projectCopy, withDamage } from './helpers/damage.js';

let project: string;
beforeAll(() => {
  project = projectCopy('cg-prop-');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('random damage to the sources', () => {
  it('builds completely, or leaves the previous out/ as it was', async () => {
    const out = join(project, 'out');
    await build({ project, outDir: out, editions: ['texas'] });
    const snapshot = () =>
      readFileSync(join(out, 'manifest.json'), 'utf8') +
      createHash('sha256')
        .update(readFileSync(join(out, 'texas', 'competency-guidelines.pdf')))
        .digest('hex');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('base/level-4.md', 'editions/texas/level-4.md', 'base/glossary.md'),
        damage,
        async (file, d) =>
          withDamage(project, file, d, async () => {
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
