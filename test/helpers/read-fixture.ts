// Runs one reader on one fixture file, the way the build does, and returns model or messages.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../src/model/diagnostics.js';
import { loadSource } from '../../src/editions/source.js';
import { Diagnostics } from '../../src/model/diagnostics.js';
import type { ReadContext } from '../../src/read/blocks.js';
import { parseMarkdown } from '../../src/read/markdown.js';
import { readLevel } from '../../src/read/level.js';
import { readGlossary, readSections } from '../../src/read/prose.js';
import { readSettings } from '../../src/read/settings.js';
import { readText } from '../../src/read/files.js';

/**
 * The reader is chosen by the folder name's prefix: level-, glossary-, prose-, settings-; source-: the whole of
 * source/ as the build reads it, the fixture's `input/` folder laid over a copy of this project's source/ and
 * templates/ (for what depends on several files: a base file and the editions that override it).
 */
export function readFixture(folder: string, inputPath: string): { model: unknown; errors: string[] } {
  if (folder.startsWith('source-')) return readSourceFixture(inputPath);
  const diag = new Diagnostics();
  const shown = inputPath.split('/').pop()!;
  const text = readText(inputPath, shown, diag);
  if (text == null) return { model: null, errors: diag.messages() };
  const kind = folder.split('-')[0];
  if (kind === 'settings') return { model: readSettings(shown, text, diag)?.settings ?? null, errors: diag.messages() };
  const ctx: ReadContext = { file: shown, diag, ids: new Map() };
  const md = parseMarkdown(shown, text, diag);
  const model =
    kind === 'level' ? readLevel(ctx, md) : kind === 'glossary' ? readGlossary(ctx, md) : readSections(ctx, md);
  return { model, errors: diag.messages() };
}

export function readExpected(path: string): string {
  return readFileSync(path, 'utf8').trim();
}

function readSourceFixture(input: string): { model: unknown; errors: string[] } {
  const project = mkdtempSync(join(tmpdir(), 'cg-source-fixture-'));
  try {
    for (const dir of ['source', 'templates'])
      cpSync(join(process.cwd(), dir), join(project, dir), { recursive: true });
    cpSync(input, project, { recursive: true });
    return { model: loadSource(project).editions.map((e) => e.id), errors: [] };
  } catch (e) {
    if (e instanceof InputError) return { model: null, errors: e.messages };
    throw e;
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
