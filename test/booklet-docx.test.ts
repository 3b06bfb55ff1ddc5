// The Michigan booklet .docx, read back as XML.
import { beforeAll, describe, expect, it } from 'vitest';
import { outFile } from './helpers/built.js';
import { docxText, paragraphsWithStyle, readDocxParts, tablesWith } from './helpers/docx.js';
import { expectedEditions, missingInOrder, withoutCodes } from './helpers/expected.js';

const michigan = expectedEditions().get('michigan')!;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
let parts: Record<string, string>;
let doc: string;

beforeAll(() => {
  parts = readDocxParts(outFile('michigan', 'competency-guidelines.docx'));
  doc = parts['word/document.xml'];
});

describe('Michigan booklet Word file', () => {
  it('has each level as Heading 1, in order', () => {
    const h1 = paragraphsWithStyle(doc, 'Heading1');
    const levels = michigan.levels.map((l) => `Level ${l.level}: ${l.title}`);
    expect(h1.filter((t) => t.startsWith('Level '))).toEqual(levels);
    expect(h1).toContain('Glossary');
  });

  it('has a TOC field whose stored result already lists every area', () => {
    const instr = doc.match(/<w:instrText[^>]*>\s*TOC [^<]*<\/w:instrText>/);
    expect(instr).not.toBeNull();
    const begin = doc.indexOf(instr![0]);
    const sep = doc.indexOf('w:fldCharType="separate"', begin);
    // The TOC's result runs to the end of its field; find the matching end after the entries.
    const result = docxText(
      doc.slice(
        sep,
        doc.indexOf('Level 1: Infant Family Associate', doc.indexOf('w:fldCharType="end"', sep) + 1) + 200,
      ),
    );
    for (const level of michigan.levels) for (const area of level.areas) expect(result).toContain(area.name);
  });

  it('writes each Competency Detail as a table: the header row repeats, each area its own row, its competencies real list items', () => {
    const tables = tablesWith(doc, 'Area of Expertise');
    expect(tables).toHaveLength(michigan.levels.length);
    michigan.levels.forEach((level, i) => {
      const [header, ...rows] = tables[i];
      expect(header.map((c) => squash(docxText(c)))).toEqual(['Area of Expertise', 'As Demonstrated By']);
      // The header row (and only it) is marked to repeat on every page the table runs over.
      const table = doc.slice(
        doc.lastIndexOf('<w:tbl>', doc.indexOf(header[0])),
        doc.indexOf('</w:tbl>', doc.indexOf(header[0])),
      );
      const rowXml = [...table.matchAll(/<w:tr>.*?<\/w:tr>/g)].map(([r]) => r);
      expect(
        rowXml.map((r) => r.includes('<w:tblHeader/>')),
        `Level ${level.level}`,
      ).toEqual(rowXml.map((_, n) => n === 0));
      expect(
        rows.map((r) => paragraphsWithStyle(r[0], 'Heading3')),
        `Level ${level.level}`,
      ).toEqual(level.areas.map((a) => [a.name]));
      rows.forEach((row, n) => {
        const area = level.areas[n];
        expect(row, area.name).toHaveLength(2);
        expect(missingInOrder(area.areas, docxText(row[0])), area.name).toEqual([]);
        expect(missingInOrder(area.competencies.map(withoutCodes), docxText(row[1])), area.name).toEqual([]);
        // Every competency (sub-bullets too) is a numbered list paragraph of the right cell, not a typed bullet.
        const listed = row[1]
          .split('</w:p>')
          .filter((p) => /<w:numPr><w:ilvl w:val="\d"\/><w:numId w:val="\d+"\/><\/w:numPr>/.test(p));
        expect(listed.length, area.name).toBe(area.competencies.length);
      });
    });
    expect(parts['word/numbering.xml']).toMatch(/w:ilvl="1"/);
    expect(doc).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
  });

  it('has headers and footers with a PAGE field and the copyright line', () => {
    const footers = Object.entries(parts)
      .filter(([n]) => /^word\/footer\d+\.xml$/.test(n))
      .map(([, x]) => x);
    expect(footers.length).toBeGreaterThan(0);
    // Each footer: the copyright line, then the page number as a PAGE field (its instruction exactly PAGE).
    for (const f of footers) {
      expect(docxText(f)).toContain('© Michigan Association for Infant Mental Health (MI-AIMH)');
      expect(f).toMatch(/<w:fldChar w:fldCharType="begin"\/><\/w:r><w:r><w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    }
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
