// Runs one reader on one fixture file, the way the build does, and returns model or messages.
import { readFileSync } from 'node:fs';
import { Diagnostics } from '../../src/model/diagnostics.js';
import type { ReadContext } from '../../src/read/blocks.js';
import { parseMarkdown } from '../../src/read/markdown.js';
import { readLevel } from '../../src/read/level.js';
import { readGlossary, readSections } from '../../src/read/prose.js';
import { readSettings } from '../../src/read/settings.js';
import { readText } from '../../src/read/files.js';

/** The reader is chosen by the folder name's prefix: level-, glossary-, prose-, settings-. */
export function readFixture(folder: string, inputPath: string): { model: unknown; errors: string[] } {
  const diag = new Diagnostics();
  const shown = inputPath.split('/').pop()!;
  const text = readText(inputPath, shown, diag);
  if (text == null) return { model: null, errors: diag.messages() };
  const kind = folder.split('-')[0];
  if (kind === 'settings') return { model: readSettings(shown, text, diag)?.settings ?? null, errors: diag.messages() };
  const ctx: ReadContext = { file: shown, diag, ids: new Map() };
  const md = parseMarkdown(shown, text, diag);
  const model = kind === 'level' ? readLevel(ctx, md) : kind === 'glossary' ? readGlossary(ctx, md) : readSections(ctx, md);
  return { model, errors: diag.messages() };
}

export function readExpected(path: string): string {
  return readFileSync(path, 'utf8').trim();
}
