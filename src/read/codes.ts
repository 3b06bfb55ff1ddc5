// Level 4 responsibility codes (C, S, T, P): read out of the official wording into data.
import { ResponsibilityCode, type Inline } from '../model/schema.js';

const ORDER = ['C', 'S', 'T', 'P'] as const;
/** A trailing "(S, T)" / "(S, T and P)" / "(C)": single capitals only, so "(DSM-IV)" is text. */
const TRAILING = /\s*\(\s*([A-Z](?:\s*(?:,|and\/or|and|&|\/)\s*[A-Z])*)\s*\)\s*$/;

export interface CodeResult {
  codes: ResponsibilityCode[];
  unknown: string[];
}

function collect(letters: string[]): CodeResult {
  const unknown = letters.filter((l) => !ResponsibilityCode.safeParse(l).success);
  const known = new Set(letters.filter((l) => ResponsibilityCode.safeParse(l).success) as ResponsibilityCode[]);
  return { codes: ORDER.filter((c) => known.has(c)), unknown };
}

/** Cuts trailing codes off a bullet's runs. */
export function takeTrailingCodes(runs: Inline[]): CodeResult & { runs: Inline[] } {
  const last = runs[runs.length - 1];
  const m = last ? TRAILING.exec(last.text) : null;
  if (!last || !m) return { codes: [], unknown: [], runs };
  const rest = runs.slice(0, -1);
  const text = last.text.slice(0, m.index);
  if (text) rest.push({ ...last, text });
  return { ...collect(m[1].match(/[A-Z]/g) ?? []), runs: rest };
}

/** Codes named by a group's lead-in ("All are C, S, T and P:", "... (S, T):"). The wording stays. */
export function codesInLeadIn(text: string): ResponsibilityCode[] {
  const letters = [...text.matchAll(/(?<![\w'’-])([CSTP])(?![\w'’-])/g)].map((m) => m[1]);
  return collect(letters).codes;
}
