// Text helpers every stage may use.
import type { Inline } from './schema.js';

export function plainText(runs: Inline[]): string {
  return runs.map((r) => r.text).join('');
}

/** The first words of a text, with "…" when there are more: how a competency is named in reports and id lists. */
export function firstWords(text: string, n = 8): string {
  const words = text.trim().split(/\s+/);
  return words.length > n ? `${words.slice(0, n).join(' ')} …` : words.join(' ');
}
