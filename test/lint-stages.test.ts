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

  const plant = (file: string, line: string) => {
    const path = join(copy, file);
    const before = readFileSync(path, 'utf8');
    writeFileSync(path, `${line}\n${before}`);
    return () => writeFileSync(path, before);
  };

  it('passes on src/ as it is', async () => {
    expect(await violations(ROOT, ['src'])).toEqual([]);
  }, 60_000);

  it('fails on an import from a later stage: the model importing a writer', async () => {
    const undo = plant('src/model/words.ts', "import type { RenderContext } from '../write/context.js';");
    try {
      expect(await violations(copy, ['src/model'])).toContain('stage-order: src/model/words.ts → src/write/context.ts');
    } finally {
      undo();
    }
  }, 60_000);

  it('fails on the reader calling a later stage (read/ → editions/), as read/source.ts did', async () => {
    const undo = plant('src/read/settings.ts', "import { applyOverlay } from '../editions/overlay.js';\nvoid applyOverlay;");
    try {
      expect(await violations(copy, ['src/read'])).toContain('stage-order: src/read/settings.ts → src/editions/overlay.ts');
    } finally {
      undo();
    }
  }, 60_000);

  it('fails on a writer reading the model, though the model is an earlier stage', async () => {
    const undo = plant('src/write/measure.ts', "import type { Words } from '../model/words.js';");
    try {
      const found = await violations(copy, ['src/write/measure.ts']);
      expect(found).toContain('writers-render-the-tree: src/write/measure.ts → src/model/words.ts');
      expect(found.filter((v) => v.startsWith('stage-order'))).toEqual([]);
    } finally {
      undo();
    }
  }, 60_000);

  it("fails on a later stage reaching into the PDF writer's fonts, and on a cycle", async () => {
    const undoReach = plant('src/mailmerge/roster-printable.ts', "import type { FontDescriptors } from '../write/pdf/fonts.js';");
    const undoCycle = plant('src/text/fill.ts', "import { escapeXml } from './escape.js';\nvoid escapeXml;");
    const undoBack = plant('src/text/escape.ts', "import { fill } from './fill.js';\nvoid fill;");
    try {
      const found = await violations(copy, ['src/mailmerge/roster-printable.ts', 'src/text']);
      expect(found).toContain('pdf-writer-internals: src/mailmerge/roster-printable.ts → src/write/pdf/fonts.ts');
      expect(found).toContain('no-circular: src/text/escape.ts → src/text/fill.ts');
    } finally {
      undoReach();
      undoCycle();
      undoBack();
    }
  }, 60_000);

  it('allows an import from an earlier stage (a writer importing the tree, the pipeline a writer)', async () => {
    const undo = plant('src/pipeline/lock.ts', "import type { RenderContext } from '../write/context.js';");
    try {
      expect(await violations(copy, ['src/pipeline/lock.ts', 'src/write/measure.ts'])).toEqual([]);
    } finally {
      undo();
    }
  }, 60_000);
});
