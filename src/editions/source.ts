// Reads all of source/ once: the base guidelines, and each edition's settings with its overrides applied (the
// readers of read/ read each file; this is the stage that puts an edition together).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Guidelines, Level, Section, SourcePos } from '../model/schema.js';
import { Diagnostics, InputError } from '../model/diagnostics.js';
import type { ReadContext } from '../read/blocks.js';
import { readText } from '../read/files.js';
import { parseMarkdown, type KeptStore } from '../read/markdown.js';
import { readLevel } from '../read/level.js';
import { readGlossary, readSections } from '../read/prose.js';
import { readSettings } from '../read/settings.js';
import { PACKET_TEMPLATE, readPacketTemplate } from '../read/templates.js';
import type { PacketTemplate } from '../model/templates.js';
import { readLogo } from '../read/logo.js';
import { checkPacketWords, readWords, type WordsTable } from '../read/words.js';
import { readLevelParts, type LevelParts } from '../read/level.js';
import { applyOverlay, type Overlay } from './overlay.js';
import type { EditionSource } from './edition.js';

export type { EditionSource } from './edition.js';

/** Files an edition may hold besides edition.yaml: one per base file it overrides. */
export const LEVEL_FILES = [1, 2, 3, 4].map((n) => `level-${n}.md`);
export const EDITION_FILES = [...LEVEL_FILES, 'endorsement.md', 'committee.md', 'glossary.md', 'copyright.md'];

export interface SourceTree {
  root: string;
  base: Guidelines;
  editions: EditionSource[];
  /** Every file read, relative to the project, for caching and reports. */
  files: string[];
  packetTemplate: PacketTemplate;
}

/**
 * Reads `<project>/source`; throws InputError carrying every problem found. `kept`: the run's store
 * (pipeline/context.ts), where parsed files are kept for the next process.
 */
export function loadSource(project: string, kept: KeptStore | null = null): SourceTree {
  const diag = new Diagnostics();
  const ids = new Map();
  const files: string[] = [];
  const sourceDir = join(project, 'source');
  const show = (abs: string) => relative(project, abs).split('\\').join('/');

  const readMd = (abs: string, idMap: Map<string, SourcePos> = ids) => {
    const file = show(abs);
    files.push(file);
    const text = readText(abs, file, diag);
    if (text == null) return null;
    const ctx: ReadContext = { file, diag, ids: idMap };
    return { ctx, md: parseMarkdown(file, text, diag, kept) };
  };
  const baseDir = join(sourceDir, 'base');
  if (!existsSync(baseDir))
    throw new InputError([`${show(baseDir)}:1:1: the folder is missing; expected source/base with the level files`]);

  // Base files with a problem of their own, by name without ".md": an edition's overrides of them are not checked
  // against them (one error per cause: not also "level 2 is not in the base" for each edition).
  const broken = new Set<string>();
  const noting = <T>(name: string, read: () => T): T => {
    const before = diag.errors.length;
    const r = read();
    if (diag.errors.length > before) broken.add(name.replace(/\.md$/, ''));
    return r;
  };
  const levels: Level[] = [];
  for (const name of LEVEL_FILES) {
    const abs = join(baseDir, name);
    if (!existsSync(abs)) {
      diag.error(
        { file: show(abs), line: 1, column: 1 },
        'the level file is missing',
        `source/base/${name} with the level's introduction and Competency Detail`,
      );
      broken.add(name.replace(/\.md$/, ''));
      continue;
    }
    const level = noting(name, () => {
      const r = readMd(abs);
      return r && readLevel(r.ctx, r.md);
    });
    if (level) {
      const expected = Number(name.match(/\d/)![0]);
      if (level.level !== expected)
        diag.error(
          { file: show(abs), line: 2, column: 1 },
          `front matter says level ${level.level}`,
          `level: ${expected} in ${name}`,
        );
      levels.push(level);
    }
  }
  const optional = <T>(name: string, read: (r: NonNullable<ReturnType<typeof readMd>>) => T): T | null => {
    const abs = join(baseDir, name);
    if (!existsSync(abs)) return null;
    return noting(name, () => {
      const r = readMd(abs);
      return r && read(r);
    });
  };
  const first = (s: Section[] | undefined) => s?.[0] ?? null;
  const base: Guidelines = {
    levels,
    endorsement: optional('endorsement.md', (r) => first(readSections(r.ctx, r.md))),
    committee: optional('committee.md', (r) => readSections(r.ctx, r.md)) ?? [],
    glossary: optional('glossary.md', (r) => readGlossary(r.ctx, r.md)),
    copyright: optional('copyright.md', (r) => first(readSections(r.ctx, r.md))),
  };

  const editions: EditionSource[] = [];
  const editionsDir = join(sourceDir, 'editions');
  const tables = new Map<string, WordsTable | null>();
  const editionIds = existsSync(editionsDir)
    ? readdirSync(editionsDir)
        .filter((d) => !d.startsWith('.') && statSync(join(editionsDir, d)).isDirectory())
        .sort()
    : [];
  if (editionIds.length === 0)
    diag.error(
      { file: show(editionsDir), line: 1, column: 1 },
      'no editions found',
      'a folder source/editions/<id>/ with an edition.yaml',
    );
  for (const id of editionIds) {
    const dir = join(editionsDir, id);
    const settingsFile = join(dir, 'edition.yaml');
    if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
      diag.error(
        { file: show(dir), line: 1, column: 1 },
        `edition folder name "${id}" is not a valid id`,
        'lower-case letters, digits and "-"',
      );
      continue;
    }
    if (!existsSync(settingsFile)) {
      // A settings file under another name (edition.yml, Edition.yaml, edition.yaml.txt): say which name to give it.
      const misnamed = readdirSync(dir).find((n) => /^edition\.(ya?ml)(\.txt)?$/i.test(n));
      if (misnamed) {
        diag.error(
          { file: show(join(dir, misnamed)), line: 1, column: 1 },
          `rename ${misnamed} to edition.yaml (the settings are read from edition.yaml only)`,
        );
        continue;
      }
      diag.error(
        { file: show(settingsFile), line: 1, column: 1 },
        'the edition has no settings file',
        'edition.yaml with association, publicationDate and copyrightLine',
      );
      continue;
    }
    files.push(show(settingsFile));
    const text = readText(settingsFile, show(settingsFile), diag);
    const read = text == null ? null : readSettings(show(settingsFile), text, diag);
    const overlay: Overlay = { editionId: id, levels: [], prose: [], glossary: null, remove: [] };
    const editionIds = new Map<string, SourcePos>();
    const ownFiles = [show(settingsFile)];
    for (const name of readdirSync(dir).sort()) {
      if (name === 'edition.yaml' || name.startsWith('.')) continue;
      const abs = join(dir, name);
      if (!EDITION_FILES.includes(name)) {
        // Other files (a logo, say) are allowed; Markdown must override a base file.
        if (name.endsWith('.md'))
          diag.error(
            { file: show(abs), line: 1, column: 1 },
            `"${name}" does not override a base file`,
            `one of ${EDITION_FILES.join(', ')}`,
          );
        continue;
      }
      ownFiles.push(show(abs));
      const r = readMd(abs, editionIds);
      if (!r) continue;
      if (name.startsWith('level-')) {
        const parts: LevelParts | null = readLevelParts(r.ctx, r.md, true);
        if (parts && parts.level !== Number(name.match(/\d/)![0]))
          diag.error(parts.pos, `front matter says level ${parts.level}`, `level: ${name.match(/\d/)![0]} in ${name}`);
        if (parts) overlay.levels.push(parts);
      } else if (name === 'glossary.md') overlay.glossary = readGlossary(r.ctx, r.md);
      else
        overlay.prose.push({
          name: name.replace('.md', '') as Overlay['prose'][number]['name'],
          sections: readSections(r.ctx, r.md),
        });
    }
    if (!read) continue;
    overlay.remove = read.settings.remove.map((rid, i) => ({ id: rid, pos: read.locate(['remove', i]) }));
    const { guidelines, changes } = applyOverlay(base, overlay, diag, broken);
    const logo = read.settings.logo ? readLogo(join(dir, read.settings.logo), read.locate(['logo']), diag) : undefined;
    if (read.settings.logo) ownFiles.push(show(join(dir, read.settings.logo)));
    const words = readWords(project, read.settings.language, diag, tables);
    if (!words) continue;
    if (!files.includes(words.file)) files.push(words.file);
    editions.push({
      id,
      dir,
      settings: read.settings,
      guidelines,
      changes,
      files: ownFiles,
      words: words.words,
      ...(words.fallback ? { wordsFallback: words.fallback } : {}),
      ...(logo ? { logo } : {}),
    });
  }
  const packetTemplate = readPacketTemplate(project, diag);
  files.push(PACKET_TEMPLATE);
  if (packetTemplate) for (const table of tables.values()) if (table) checkPacketWords(table, packetTemplate, diag);
  if (!diag.ok || !packetTemplate) throw new InputError(diag.messages());
  return { root: project, base, editions, files, packetTemplate };
}
