// An edition: the base guidelines as one association publishes them, and what it lacks.
import type { Guidelines, Level, Logo } from '../model/schema.js';
import type { EditionSettings } from '../model/settings.js';
import type { Change } from './overlay.js';
import type { Words } from '../model/words.js';

/** An edition as read from source/: the base with its overrides applied, and what they changed. */
export interface EditionSource {
  id: string;
  dir: string;
  settings: EditionSettings;
  logo?: Logo;
  guidelines: Guidelines;
  changes: Change[];
  /** The edition's own files, relative to the project. */
  files: string[];
  /** The furniture of the edition's language (templates/translations/). */
  words: Words;
  /** Set when there is no table for the edition's language and the furniture is in English: says which is missing. */
  wordsFallback?: string;
}

export interface Edition {
  id: string;
  settings: EditionSettings;
  guidelines: Guidelines;
  /** What the edition changes from the base, for its report. */
  changes: Change[];
  /** Sections the texts do not have for this edition; left out of the booklet, never filled in. */
  lacks: string[];
  /** The edition's own source files (settings and overrides). */
  files: string[];
  logo?: Logo;
  words: Words;
  wordsFallback?: string;
}

export function resolveEdition(_tree: unknown, source: EditionSource): Edition {
  const levels: Level[] = source.guidelines.levels.filter((l) => source.settings.levels.includes(l.level));
  const guidelines: Guidelines = { ...source.guidelines, levels };
  return {
    id: source.id,
    settings: source.settings,
    guidelines,
    changes: source.changes,
    lacks: lacksOf(guidelines),
    files: source.files,
    words: source.words,
    ...(source.wordsFallback ? { wordsFallback: source.wordsFallback } : {}),
    ...(source.logo ? { logo: source.logo } : {}),
  };
}

export function lacksOf(g: Guidelines): string[] {
  const lacks: string[] = [];
  for (const l of g.levels) if (!l.impactMap) lacks.push(`Level ${l.level} Impact Map`);
  if (!g.endorsement) lacks.push('Endorsement introduction');
  if (g.committee.length === 0) lacks.push('Endorsement Committee and Acknowledgements');
  if (!g.glossary) lacks.push('Glossary');
  if (!g.copyright) lacks.push('Copyright notice');
  return lacks;
}
