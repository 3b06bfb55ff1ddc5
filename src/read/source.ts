// Reads all of source/ once: the base guidelines and each edition's settings.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Guidelines, Level, Section } from '../model/schema.js';
import type { EditionSettings } from '../model/settings.js';
import { Diagnostics, InputError } from './diagnostics.js';
import type { ReadContext } from './blocks.js';
import { readText } from './files.js';
import { parseMarkdown } from './markdown.js';
import { readLevel } from './level.js';
import { readGlossary, readSections } from './prose.js';
import { readSettings } from './settings.js';

export interface EditionSource {
  id: string;
  dir: string;
  settings: EditionSettings;
}

export interface SourceTree {
  root: string;
  base: Guidelines;
  editions: EditionSource[];
  /** Every file read, relative to the project, for caching and reports. */
  files: string[];
}

export const LEVEL_FILES = [1, 2, 3, 4].map((n) => `level-${n}.md`);

/** Reads `<project>/source`; throws InputError carrying every problem found. */
export function loadSource(project: string): SourceTree {
  const diag = new Diagnostics();
  const ids = new Map();
  const files: string[] = [];
  const sourceDir = join(project, 'source');
  const show = (abs: string) => relative(project, abs).split('\\').join('/');

  const readMd = (abs: string) => {
    const file = show(abs);
    files.push(file);
    const text = readText(abs, file, diag);
    if (text == null) return null;
    const ctx: ReadContext = { file, diag, ids };
    return { ctx, md: parseMarkdown(file, text, diag) };
  };
  const baseDir = join(sourceDir, 'base');
  if (!existsSync(baseDir)) throw new InputError([`${show(baseDir)}:1:1: the folder is missing; expected source/base with the level files`]);

  const levels: Level[] = [];
  for (const name of LEVEL_FILES) {
    const abs = join(baseDir, name);
    if (!existsSync(abs)) {
      diag.error({ file: show(abs), line: 1, column: 1 }, 'the level file is missing', `source/base/${name} with the level's introduction and Competency Detail`);
      continue;
    }
    const r = readMd(abs);
    const level = r && readLevel(r.ctx, r.md);
    if (level) {
      const expected = Number(name.match(/\d/)![0]);
      if (level.level !== expected) diag.error({ file: show(abs), line: 2, column: 1 }, `front matter says level ${level.level}`, `level: ${expected} in ${name}`);
      levels.push(level);
    }
  }
  const optional = (name: string) => {
    const abs = join(baseDir, name);
    return existsSync(abs) ? readMd(abs) : null;
  };
  const endorsement = optional('endorsement.md');
  const committee = optional('committee.md');
  const glossary = optional('glossary.md');
  const copyright = optional('copyright.md');
  const first = (s: Section[] | undefined) => s?.[0] ?? null;
  const base: Guidelines = {
    levels,
    endorsement: endorsement ? first(readSections(endorsement.ctx, endorsement.md)) : null,
    committee: committee ? readSections(committee.ctx, committee.md) : [],
    glossary: glossary ? readGlossary(glossary.ctx, glossary.md) : null,
    copyright: copyright ? first(readSections(copyright.ctx, copyright.md)) : null,
  };

  const editions: EditionSource[] = [];
  const editionsDir = join(sourceDir, 'editions');
  const editionIds = existsSync(editionsDir) ? readdirSync(editionsDir).filter((d) => statSync(join(editionsDir, d)).isDirectory()).sort() : [];
  if (editionIds.length === 0) diag.error({ file: show(editionsDir), line: 1, column: 1 }, 'no editions found', 'a folder source/editions/<id>/ with an edition.yaml');
  for (const id of editionIds) {
    const dir = join(editionsDir, id);
    const settingsFile = join(dir, 'edition.yaml');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      diag.error({ file: show(dir), line: 1, column: 1 }, `edition folder name "${id}" is not a valid id`, 'lower-case letters, digits and "-"');
      continue;
    }
    if (!existsSync(settingsFile)) {
      diag.error({ file: show(settingsFile), line: 1, column: 1 }, 'the edition has no settings file', 'edition.yaml with association, publicationDate and copyrightLine');
      continue;
    }
    files.push(show(settingsFile));
    const text = readText(settingsFile, show(settingsFile), diag);
    const settings = text == null ? null : readSettings(show(settingsFile), text, diag);
    if (settings) editions.push({ id, dir, settings });
  }
  if (!diag.ok) throw new InputError(diag.messages());
  return { root: project, base, editions, files };
}
