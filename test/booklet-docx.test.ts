// The Michigan booklet .docx, read back as XML.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from '../src/read/source.js';
import { outFile } from './helpers/built.js';
import { docxText, paragraphsWithStyle, readDocxParts } from './helpers/docx.js';

const tree = loadSource(process.cwd());
let parts: Record<string, string>;
let doc: string;

beforeAll(() => {
  parts = readDocxParts(outFile('michigan', 'competency-guidelines.docx'));
  doc = parts['word/document.xml'];
});

describe('Michigan booklet Word file', () => {
  it('has each level as Heading 1, in order', () => {
    const h1 = paragraphsWithStyle(doc, 'Heading1');
    const levels = tree.base.levels.map((l) => `Level ${l.level}: ${l.title}`);
    expect(h1.filter((t) => t.startsWith('Level '))).toEqual(levels);
    expect(h1).toContain('Glossary');
  });

  it('has a TOC field whose stored result already lists every area', () => {
    const instr = doc.match(/<w:instrText[^>]*>\s*TOC [^<]*<\/w:instrText>/);
    expect(instr).not.toBeNull();
    const begin = doc.indexOf(instr![0]);
    const sep = doc.indexOf('w:fldCharType="separate"', begin);
    // The TOC's result runs to the end of its field; find the matching end after the entries.
    const result = docxText(doc.slice(sep, doc.indexOf('Level 1: Infant Family Associate', doc.indexOf('w:fldCharType="end"', sep) + 1) + 200));
    for (const level of tree.base.levels) for (const area of level.detail.areas) expect(result).toContain(area.name);
  });

  it('marks the Competency Detail header row to repeat, uses real list numbering, and has a landscape section', () => {
    expect(doc).toContain('<w:tblHeader');
    expect(doc).toMatch(/<w:numPr>/);
    expect(parts['word/numbering.xml']).toMatch(/w:ilvl="1"/);
    expect(doc).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
  });

  it('has headers and footers with a PAGE field and the copyright line', () => {
    const footers = Object.entries(parts).filter(([n]) => /^word\/footer\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(footers.some((f) => /PAGE/.test(f) && f.includes('Michigan Association for Infant Mental Health (MI-AIMH)'))).toBe(true);
  });

  it('sets the document properties', () => {
    const core = parts['docProps/core.xml'];
    expect(core).toContain('<dc:title>MI-AIMH Competency Guidelines</dc:title>');
    expect(core).toContain('<dc:creator>Michigan Association for Infant Mental Health</dc:creator>');
    expect(core).toContain('2026-11-01T00:00:00Z');
  });

  it('carries the copyright notice', () => {
    expect(docxText(doc)).toContain('Legal action will be taken against those who violate the copyright.');
  });
});
