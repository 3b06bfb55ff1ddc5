// The stage order of src/ (.dependency-cruiser.cjs), through dependency-cruiser's own API: it passes on src/ as it is,
// and fails on a wrong-way import planted in a copy of src/ (a later stage imported, a writer reading the model, a
// cycle), naming the rule and the two files.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = resolve(import.meta.dirname, '..');

/** The rule violations of the modules under `paths` (relative to `root`), as "rule: from → to". */
async function violations(root: string, paths: string[]): Promise<string[]> {
  const options = await extractDepcruiseOptions(join(root, '.dependency-cruiser.cjs'));
  const tsConfig = extractTSConfig(join(root, 'tsconfig.json'));
  const result = await cruise(paths, { ...options, baseDir: root, validate: true }, {}, { tsConfig });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
}

describe('the stage order of src/', () => {
  let copy: string;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'cg-stages-'));
    cpSync(join(ROOT, 'src'), join(copy, 'src'), { recursive: true });
    for (const f of ['tsconfig.json', '.dependency-cruiser.cjs', 'package.json']) cpSync(join(ROOT, f), join(copy, f));
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  });
  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  /** The violations under `paths` of the copy with each `[file, line]` put first in its file, then taken out again. */
  const plantedViolations = async (plants: [string, string][], paths: string[]) => {
    const before = plants.map(([file]) => readFileSync(join(copy, file), 'utf8'));
    plants.forEach(([file, line], i) => writeFileSync(join(copy, file), `${line}\n${before[i]}`));
    try {
      return await violations(copy, paths);
    } finally {
      plants.forEach(([file], i) => writeFileSync(join(copy, file), before[i]));
    }
  };

  it('passes on src/ as it is', async () => {
    expect(await violations(ROOT, ['src'])).toEqual([]);
  }, 60_000);

  it('fails on an import from a later stage: the model importing a writer', async () => {
    const found = await plantedViolations(
      [['src/model/words.ts', "import type { RenderContext } from '../write/context.js';"]],
      ['src/model'],
    );
    expect(found).toContain('stage-order: src/model/words.ts → src/write/context.ts');
  }, 60_000);

  it('fails on the reader calling a later stage (read/ → editions/), as read/source.ts did', async () => {
    const found = await plantedViolations(
      [['src/read/settings.ts', "import { applyOverlay } from '../editions/overlay.js';\nvoid applyOverlay;"]],
      ['src/read'],
    );
    expect(found).toContain('stage-order: src/read/settings.ts → src/editions/overlay.ts');
  }, 60_000);

  it('fails on a writer reading the model, though the model is an earlier stage', async () => {
    const found = await plantedViolations(
      [['src/write/measure.ts', "import type { Words } from '../model/words.js';"]],
      ['src/write/measure.ts'],
    );
    expect(found).toContain('writers-render-the-tree: src/write/measure.ts → src/model/words.ts');
    expect(found.filter((v) => v.startsWith('stage-order'))).toEqual([]);
  }, 60_000);

  it("fails on a later stage reaching into the PDF writer's fonts, and on a cycle", async () => {
    const found = await plantedViolations(
      [
        ['src/mailmerge/roster-printable.ts', "import type { FontDescriptors } from '../write/pdf/fonts.js';"],
        ['src/text/fill.ts', "import { escapeXml } from './escape.js';\nvoid escapeXml;"],
        ['src/text/escape.ts', "import { fill } from './fill.js';\nvoid fill;"],
      ],
      ['src/mailmerge/roster-printable.ts', 'src/text'],
    );
    expect(found).toContain('pdf-writer-internals: src/mailmerge/roster-printable.ts → src/write/pdf/fonts.ts');
    expect(found).toContain('no-circular: src/text/escape.ts → src/text/fill.ts');
  }, 60_000);

  it('allows an import from an earlier stage (a writer importing the tree, the pipeline a writer)', async () => {
    const found = await plantedViolations(
      [['src/pipeline/lock.ts', "import type { RenderContext } from '../write/context.js';"]],
      ['src/pipeline/lock.ts', 'src/write/measure.ts'],
    );
    expect(found).toEqual([]);
  }, 60_000);
});
