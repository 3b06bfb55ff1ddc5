// An edition's key (pipeline/cache.ts) hashes its sources and the running code: a project folder of sources alone (no
// src/ of its own, as a copy staff keep elsewhere) gets the keys the publisher's own folder gets, and an edit to one
// edition changes that edition's key only.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editionKeys, generatorKey } from '../src/pipeline/cache.js';

describe('edition keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hash the running code, not a src/ in the project folder', () => {
    cpSync(join(process.cwd(), 'source'), join(dir, 'source'), { recursive: true });
    cpSync(join(process.cwd(), 'templates'), join(dir, 'templates'), { recursive: true });
    expect(editionKeys(dir)).toEqual(editionKeys(process.cwd()));
    // A src/ beside the sources is not the code that runs.
    cpSync(join(process.cwd(), 'src', 'util'), join(dir, 'src', 'util'), { recursive: true });
    expect(editionKeys(dir)).toEqual(editionKeys(process.cwd()));
    expect(generatorKey()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('change for the edition edited, not the others', () => {
    const before = editionKeys(dir);
    const file = join(dir, 'source', 'editions', 'texas', 'edition.yaml');
    writeFileSync(file, readFileSync(file, 'utf8') + '\n# edited\n');
    const after = editionKeys(dir);
    for (const [id, key] of before) expect(after.get(id) === key, id).toBe(id !== 'texas');
  });
});
