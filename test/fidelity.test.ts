// Fidelity: every piece of official wording in seed 002 appears in both Michigan outputs.
//
// The seed is split into fragments at its damage (HTML tags, tabs, bullets, line ends),
// and both the fragments and the outputs are compared without whitespace, case or
// quote style, so line wrapping in the PDF or the restored shape cannot hide a loss.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outFile } from './helpers/built.js';
import { docxText, readDocxParts } from './helpers/docx.js';
import { readPdf } from './helpers/pdf.js';

const SEED = join(process.cwd(), '..', 'shared', 'seeds', '002_b9ec405a747f9208.txt');

/** Lines of 002 that are layout, not content, each with the reason it is not in the booklet. */
const NOT_CONTENT: [RegExp, string][] = [
  [/^LEVEL [IV]+, /, 'page header; the booklet titles levels "Level N: Title"'],
  [/\(Level [1-4]\) Impact( Map)?$/, 'picture caption; Level 1-3 maps are lost, Level 4 is titled "Level 4 Impact Map"'],
  [/^Map$/, 'label inside the Level 4 map drawing'],
  [/^-+$/, 'table rule'],
];

export function normalize(s: string): string {
  return s
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/all →/g, '')
    .replace(/\s+/g, '');
}

export function seedFragments(text: string): string[] {
  const lines = text.split('\n');
  const tocStart = lines.findIndex((l) => l.trim() === 'Table of Contents');
  const tocEnd = lines.findIndex((l, i) => i > tocStart && /^-{4,}/.test(l.trim()));
  return lines
    .filter((_, i) => i < tocStart || i > tocEnd) // the old table of contents is regenerated
    .flatMap((line) => line.split(/<[^>]+>|\t|•|○/))
    .map((f) => f.replace(/\*\*/g, '').replace(/\*/g, '').replace(/^\s*(-|\d+\.)\s+/, '').replace(/\.{3,}\s*$/, '').trim())
    .filter((f) => f && !NOT_CONTENT.some(([re]) => re.test(f)));
}

const fragments = seedFragments(readFileSync(SEED, 'utf8'));
let pdfText = '';
let docText = '';

beforeAll(async () => {
  const pdf = await readPdf(outFile('michigan', 'competency-guidelines.pdf'));
  // Running headers and footers sit between the text of two pages: leave them out.
  const running = new Set(['MI-AIMH Competency Guidelines', '© Michigan Association for Infant Mental Health (MI-AIMH)']);
  pdfText = normalize(
    pdf.pages
      .map((p) => p.text.split('\n').filter((l, i, all) => !running.has(l.trim()) && !((i < 2 || i >= all.length - 3) && /^(\d+|Level \d: .*|Endorsement|Glossary|.* · .*)$/.test(l.trim()))).join('\n'))
      .join('\n'),
  );
  const parts = readDocxParts(outFile('michigan', 'competency-guidelines.docx'));
  docText = normalize(docxText(parts['word/document.xml']));
});

describe('fidelity to seed 002', () => {
  it('splits the seed into many fragments', () => {
    expect(fragments.length).toBeGreaterThan(700);
  });
  it('every fragment is in the PDF', () => {
    expect(fragments.filter((f) => !pdfText.includes(normalize(f)))).toEqual([]);
  });
  it('every fragment is in the Word file', () => {
    expect(fragments.filter((f) => !docText.includes(normalize(f)))).toEqual([]);
  });
});
