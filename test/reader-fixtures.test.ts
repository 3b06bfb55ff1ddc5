// Reader fixtures: test/fixtures/read/<case>/ (input → expected.json) and test/fixtures/bad/<case>/ (input → expected.txt);
// a source-<case> holds an input/ folder laid over a copy of source/ and templates/ (test/helpers/read-fixture.ts).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFixture } from './helpers/read-fixture.js';

const root = join(import.meta.dirname, 'fixtures');
const inputOf = (dir: string) => readdirSync(dir).find((f) => f === 'input' || f.startsWith('input.'))!;

describe('reader: valid input gives the expected model', () => {
  for (const name of readdirSync(join(root, 'read')).sort()) {
    it(name, () => {
      const dir = join(root, 'read', name);
      const { model, errors } = readFixture(name, join(dir, inputOf(dir)));
      expect(errors).toEqual([]);
      const expectedFile = join(dir, 'expected.json');
      // UPDATE_FIXTURES=1 writes the expected model of a new case; review it before committing.
      if (process.env.UPDATE_FIXTURES && !existsSync(expectedFile))
        writeFileSync(expectedFile, JSON.stringify(model, null, 2) + '\n');
      expect(JSON.parse(JSON.stringify(model))).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
    });
  }
});

describe('reader: bad input gives the expected messages', () => {
  for (const name of readdirSync(join(root, 'bad')).sort()) {
    it(name, () => {
      const dir = join(root, 'bad', name);
      const { errors } = readFixture(name, join(dir, inputOf(dir)));
      const expected = readFileSync(join(dir, 'expected.txt'), 'utf8').trim().split('\n');
      expect(errors).toEqual(expected);
    });
  }
});
