// What depends on the code alone (the Word pagination's font metrics) is kept in the compiled copy of src/: made by
// the first process, read by the next, made again when its file is damaged; made each time where there is no copy (the TypeScript run by tsx).
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { derivedIn } from '../src/util/code-derived.js';

const dir = mkdtempSync(join(tmpdir(), 'cg-derived-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('values derived from the code, kept in its compiled copy', () => {
  it('is made once, then read; made again when damaged', () => {
    let made = 0;
    const make = () => ({ line: 1.22, advances: { 65: 0.58 }, made: ++made });
    expect(derivedIn(dir, 'docx-font-metrics:v1/carlito/regular/upright', make)).toEqual({
      line: 1.22,
      advances: { 65: 0.58 },
      made: 1,
    });
    expect(derivedIn(dir, 'docx-font-metrics:v1/carlito/regular/upright', make).made).toBe(1);
    const [file] = readdirSync(join(dir, '.derived'));
    expect(file).toBe('docx-font-metrics_v1_carlito_regular_upright.json');
    writeFileSync(join(dir, '.derived', file), '{"line": 1.2');
    expect(derivedIn(dir, 'docx-font-metrics:v1/carlito/regular/upright', make).made).toBe(2);
    expect(derivedIn(dir, 'docx-font-metrics:v1/carlito/regular/upright', make).made).toBe(2);
  });

  it('is made each time where there is no copy', () => {
    let made = 0;
    expect(derivedIn(null, 'x', () => ++made)).toBe(1);
    expect(derivedIn(null, 'x', () => ++made)).toBe(2);
  });
});
