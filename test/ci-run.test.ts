// .ci/run is what CI runs, and what a person runs by hand to check a machine: it must not pass by skipping the tests
// that need chromium, LibreOffice, pdftoppm or pandoc, which skip only where CI is unset.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('.ci/run', () => {
  it('sets CI itself before it runs the tests, so a missing browser or office suite fails it', () => {
    const lines = readFileSync('.ci/run', 'utf8').split('\n');
    const set = lines.findIndex((l) => /^export CI=true$/.test(l.trim()));
    expect(set, 'export CI=true').toBeGreaterThan(0);
    expect(set).toBeLessThan(lines.findIndex((l) => l.trim() === 'npm test'));
  });
});
