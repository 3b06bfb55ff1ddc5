// What Word's Accessibility Checker looks for, read from the built Word files' XML: title and language, header rows
// on tables, headings in order (never skipping a level), and no blank paragraphs used as spacing.
import { describe, expect, it } from 'vitest';
import { outFile } from './helpers/built.js';
import { readDocxParts } from './helpers/docx.js';

const files = [
  'michigan/competency-guidelines.docx',
  'texas/competency-guidelines.docx',
  'new-mexico/packet-level-2.docx',
  'michigan/packet-level-4.docx',
];

/** Heading levels in document order: Heading N styles, and paragraphs with their own outline level. */
function headingLevels(xml: string): number[] {
  // A paragraph may carry attributes (<w:p w14:paraId="…">); <w:pPr> and <w:pStyle> are not paragraphs.
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>(?:(?!<\/w:p>).)*?<\/w:p>/g)].flatMap(([p]) => {
    const style = /<w:pStyle w:val="Heading([1-9])"\/>/.exec(p);
    if (style) return [Number(style[1])];
    const outline = /<w:outlineLvl w:val="(\d)"\/>/.exec(p);
    return outline ? [Number(outline[1]) + 1] : [];
  });
}

describe('Word files carry what the Accessibility Checker looks for', () => {
  for (const file of files) {
    it(file, () => {
      const parts = readDocxParts(outFile(file));
      const doc = parts['word/document.xml'];
      expect(parts['docProps/core.xml']).toMatch(/<dc:title>[^<]+<\/dc:title>/);
      expect(parts['word/styles.xml']).toContain('<w:lang w:val="en-US"/>');
      // Every table of data has a header row marked to repeat (w:tblHeader). Layout tables have none: the cover's band,
      // and a form's grid of labelled fields (each cell its label and its field).
      const tables = [...doc.matchAll(/<w:tbl>(?:(?!<\/w:tr>).)*<\/w:tr>/g)].map(([t]) => t);
      const content = tables.filter(
        (t) =>
          !t.includes('CoverBand') && !t.includes('CoverLine') && !t.includes('FormLabel') && !t.includes('FormValue'),
      );
      expect(content.length).toBeGreaterThan(0);
      for (const t of content) expect(t).toContain('<w:tblHeader/>');
      const levels = headingLevels(doc);
      expect(levels.length).toBeGreaterThan(5);
      // The first heading is level 1; none goes more than one level deeper than the one before it.
      expect(levels[0], 'the first heading').toBe(1);
      levels.forEach((level, i) => expect(level, `heading ${i + 1}`).toBeLessThanOrEqual((levels[i - 1] ?? 0) + 1));
      // No empty paragraph followed by another paragraph (spacing done by styles, not blank lines).
      expect(doc.match(/<w:p\/><w:p[ >]/g) ?? []).toEqual([]);
    });
  }
});
