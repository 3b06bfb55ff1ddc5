// Text helpers every stage may use.
import type { Inline } from './schema.js';

export function plainText(runs: Inline[]): string {
  return runs.map((r) => r.text).join('');
}
