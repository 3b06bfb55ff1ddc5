// The Word reader and recognizer on small hand-written documents, one folder each under test/fixtures/import/:
// document.xml (zipped into a .docx here, with the shared styles.xml) and expected.txt, what the importer reads from it.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { summary } from './helpers/import-summary.js';

const DIR = join(import.meta.dirname, 'fixtures', 'import');

describe('import reader fixtures', () => {
  const styles = readFileSync(join(DIR, 'styles.xml'));
  for (const name of readdirSync(DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)) {
    it(name, () => {
      const tmp = mkdtempSync(join(tmpdir(), 'cg-import-fixture-'));
      try {
        const file = join(tmp, 'fixture.docx');
        writeFileSync(
          file,
          zipSync({
            'word/document.xml': readFileSync(join(DIR, name, 'document.xml')),
            'word/styles.xml': styles,
            '[Content_Types].xml': strToU8('<Types/>'),
          }),
        );
        expect(summary(file)).toBe(readFileSync(join(DIR, name, 'expected.txt'), 'utf8'));
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    });
  }
});
