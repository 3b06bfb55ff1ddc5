// Small Markdown texts read by the readers of src/read, one file at a time, for the unit tests of the overlay and the
// composers (no source/ folder, no build). Each call fails the test on any message unless the messages are asked for.
import { Diagnostics } from '../../src/model/diagnostics.js';
import type { Glossary, Level, SourcePos } from '../../src/model/schema.js';
import type { ReadContext } from '../../src/read/blocks.js';
import { readLevel, readLevelParts, type LevelParts } from '../../src/read/level.js';
import { parseMarkdown } from '../../src/read/markdown.js';
import { readGlossary, readSections } from '../../src/read/prose.js';
import type { Section } from '../../src/model/schema.js';

/** Lines joined: the inputs are written one Markdown line per string. */
export const md = (...lines: string[]) => lines.join('\n') + '\n';

export function contextFor(file: string, ids: Map<string, SourcePos> = new Map()): ReadContext {
  return { file, diag: new Diagnostics(), ids };
}

function checked<T>(ctx: ReadContext, value: T | null): T {
  const messages = ctx.diag.messages();
  if (messages.length) throw new Error(`unexpected messages:\n${messages.join('\n')}`);
  if (value == null) throw new Error('nothing read');
  return value;
}

export function level(text: string, file = 'level.md', ids?: Map<string, SourcePos>): Level {
  const ctx = contextFor(file, ids);
  return checked(ctx, readLevel(ctx, parseMarkdown(file, text)));
}

export function levelParts(text: string, file = 'level.md', ids?: Map<string, SourcePos>): LevelParts {
  const ctx = contextFor(file, ids);
  return checked(ctx, readLevelParts(ctx, parseMarkdown(file, text), true));
}

export function sections(text: string, file = 'prose.md', ids?: Map<string, SourcePos>): Section[] {
  const ctx = contextFor(file, ids);
  return checked(ctx, readSections(ctx, parseMarkdown(file, text)));
}

export function glossary(text: string, file = 'glossary.md', ids?: Map<string, SourcePos>): Glossary {
  const ctx = contextFor(file, ids);
  return checked(ctx, readGlossary(ctx, parseMarkdown(file, text)));
}
