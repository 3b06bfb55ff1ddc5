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

const SEED = join(import.meta.dirname, 'fixtures', 'seeds', '002_b9ec405a747f9208.txt');

/** Lines of 002 that are layout, not content, each with the reason it is not in the booklet. */
const NOT_CONTENT: [RegExp, string][] = [
  [/^LEVEL [IV]+, /, 'page header; the booklet titles levels "Level N: Title"'],
  [
    /\(Level [1-4]\) Impact( Map)?$/,
    'picture caption; Level 1-3 maps are lost, Level 4 is titled "Level 4 Impact Map"',
  ],
  [/^Map$/, 'label inside the Level 4 map drawing'],
  [/^-+$/, 'table rule'],
];

export function normalize(s: string): string {
  return s.toLowerCase().replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/all →/g, '').replace(/\s+/g, '');
}

export function seedFragments(text: string, extra: [RegExp, string][] = []): string[] {
  const lines = text.split('\n');
  const tocStart = lines.findIndex((l) => l.trim() === 'Table of Contents');
  const tocEnd = lines.findIndex((l, i) => i > tocStart && /^-{4,}/.test(l.trim()));
  return (
    lines
      .filter((_, i) => i < tocStart || i > tocEnd) // the old table of contents is regenerated
      // Split at the damage: HTML tags, tabs, bullets, and emphasis marks (one seed runs a
      // table's cells together, "Communicating *All are S, T and P:*").
      .flatMap((line) => line.replace(/^\s*#+\s+/, '').split(/<[^>]+>|\t|•|○|\*+/))
      .map((f) =>
        f
          .replace(/^\s*(-|\d+\.)\s+/, '')
          .replace(/\.{3,}\s*$/, '')
          .replace(/:\s*$/, '')
          .trim(),
      )
      .filter((f) => f && ![...NOT_CONTENT, ...extra].some(([re]) => re.test(f)))
  );
}

const fragments = seedFragments(readFileSync(SEED, 'utf8'));

/** The state editions' seeds: each publishes its text in one edition. */
const EDITION_SEEDS: { seed: string; edition: string; notContent: [RegExp, string][] }[] = [
  {
    seed: '001_5e4d5acfa69fbec9.txt',
    edition: 'texas',
    notContent: [
      [/^LEVEL 4, /, 'page header'],
      [/^(Area of Expertise|As Demonstrated By)$/i, 'table column headings, regenerated'],
    ],
  },
  { seed: '003_fd46ddb528c66b67.txt', edition: 'texas', notContent: [] },
  {
    seed: '004_9f40721fee6277e2.txt',
    edition: 'new-mexico',
    notContent: [
      [
        /^(NMAIMH ENDORSEMENT REQUIREMENTS|INFANT FAMILY SPECIALIST|LEVEL 2)$/,
        'title of the requirements table; the booklet titles it "Endorsement Requirements"',
      ],
      [/^LEVEL 2, /, 'page header'],
    ],
  },
  {
    seed: '000_e32f52943be6acf7.txt',
    edition: 'michigan-revised',
    notContent: [[/^INFANT MENTAL HEALTH SPECIALIST Competency Detail$/, 'page header']],
  },
];
let pdfText = '';
let docText = '';

async function editionTexts(edition: string): Promise<{ pdf: string; docx: string }> {
  const pdf = await readPdf(outFile(edition, 'competency-guidelines.pdf'));
  // Running headers and footers sit between the text of two pages: leave them out.
  const running = new Set([`${pdf.info.Title}`, '© Michigan Association for Infant Mental Health (MI-AIMH)']);
  const pdfText = normalize(
    pdf.pages
      .map((p) =>
        p.text
          .split('\n')
          .filter(
            (l, i, all) =>
              !running.has(l.trim()) &&
              !((i < 2 || i >= all.length - 3) && /^(\d+|Level \d: .*|Endorsement|Glossary|.* · .*)$/.test(l.trim())),
          )
          .join('\n'),
      )
      .join('\n'),
  );
  const parts = readDocxParts(outFile(edition, 'competency-guidelines.docx'));
  return { pdf: pdfText, docx: normalize(docxText(parts['word/document.xml'])) };
}

beforeAll(async () => {
  ({ pdf: pdfText, docx: docText } = await editionTexts('michigan'));
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

describe('fidelity of the state editions to their seeds', () => {
  for (const { seed, edition, notContent } of EDITION_SEEDS) {
    it(`every fragment of ${seed} is in the ${edition} booklet, PDF and Word`, async () => {
      const pieces = seedFragments(readFileSync(join(SEED, '..', seed), 'utf8'), notContent);
      expect(pieces.length).toBeGreaterThan(30);
      const texts = await editionTexts(edition);
      expect({
        pdf: pieces.filter((f) => !texts.pdf.includes(normalize(f))),
        docx: pieces.filter((f) => !texts.docx.includes(normalize(f))),
      }).toEqual({ pdf: [], docx: [] });
    });
  }
});
