// Stable ids: `{#id}` written at the end of a heading or bullet, or derived from words.
import type { Inline } from '../model/schema.js';

export const ID_PATTERN = /^[a-z0-9][a-z0-9.-]*$/;
const TRAILING_ID = /\s*\{#([^}\s]*)\}\s*$/;

/** Cuts a trailing `{#id}` off the runs; returns the id (or null) and the remaining runs. */
export function takeId(runs: Inline[]): { id: string | null; runs: Inline[] } {
  const last = runs[runs.length - 1];
  if (!last) return { id: null, runs };
  const m = TRAILING_ID.exec(last.text);
  if (!m) return { id: null, runs };
  const rest = runs.slice(0, -1);
  const text = last.text.slice(0, m.index);
  if (text) rest.push({ ...last, text });
  return { id: m[1], runs: rest };
}

export function slug(text: string, words = Infinity): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .slice(0, words)
    .join('-');
}
