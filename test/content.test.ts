// Every booklet and packet says what source/ and templates/ say, read by the tests' own reader (helpers/expected.ts),
// not by the code under test: every level title, area, Knowledge/Skill Area, competency, Impact Map column and item,
// glossary term, and every form and log title, in the PDF (pdfjs-dist), the Word file (its document XML) and the web
// edition (its HTML, read with sax), in reading order.
import { readFileSync } from 'node:fs';
import sax from 'sax';
import { describe, expect, it } from 'vitest';
import { outFile } from './helpers/built.js';
import { docxText, readDocxParts } from './helpers/docx.js';
import {
  expectedEditions,
  expectedFormTitles,
  impactMapItems,
  levelTexts,
  missingAnywhere,
  missingInOrder,
} from './helpers/expected.js';
import { readPdf } from './helpers/pdf.js';

const editions = expectedEditions();

/** The text of an HTML page's body, scripts and styles left out. */
function htmlText(path: string): string {
  const parser = sax.parser(false, {});
  const out: string[] = [];
  let skip = 0;
  parser.onopentag = (t) => {
    if (/^(SCRIPT|STYLE)$/i.test(t.name)) skip++;
  };
  parser.onclosetag = (name) => {
    if (/^(SCRIPT|STYLE)$/i.test(name)) skip--;
    // Block ends become a space, so that words of two paragraphs never run together into a false match.
    out.push(' ');
  };
  parser.ontext = (t) => {
    if (!skip) out.push(t);
  };
  parser.write(readFileSync(path, 'utf8')).close();
  return out.join('');
}

const wordText = (file: string) => docxText(readDocxParts(outFile(file))['word/document.xml']);

describe('every booklet has every level, area, competency and glossary term of source/, in order', () => {
  for (const [id, edition] of editions) {
    const texts = [...edition.levels.flatMap(levelTexts), ...edition.glossary];
    const mapItems = edition.levels.flatMap(impactMapItems);

    it(`${id}: the PDF`, async () => {
      expect(texts.length).toBeGreaterThan(400);
      const { text } = await readPdf(outFile(id, 'competency-guidelines.pdf'));
      expect(missingInOrder(texts, text)).toEqual([]);
      expect(missingAnywhere(mapItems, text)).toEqual([]);
    });

    it(`${id}: the Word file`, () => {
      const text = wordText(`${id}/competency-guidelines.docx`);
      expect(missingInOrder(texts, text)).toEqual([]);
      expect(missingAnywhere(mapItems, text)).toEqual([]);
    });

    it(`${id}: the web edition, a page per level and the glossary`, () => {
      for (const l of edition.levels) {
        const text = htmlText(outFile(id, 'web', `l${l.level}.html`));
        expect(missingInOrder(levelTexts(l), text), `Level ${l.level}`).toEqual([]);
        expect(missingAnywhere(impactMapItems(l), text), `Level ${l.level}`).toEqual([]);
      }
      expect(missingInOrder(edition.glossary, htmlText(outFile(id, 'web', 'glossary.html')))).toEqual([]);
    });
  }
});

describe('every level packet has its forms and logs, its level and the glossary, in order', () => {
  for (const [id, edition] of editions) {
    for (const l of edition.levels) {
      const texts = [...expectedFormTitles(l.level), ...levelTexts(l), ...edition.glossary];
      it(`${id} Level ${l.level}: the PDF and the Word file`, async () => {
        const { text } = await readPdf(outFile(id, `packet-level-${l.level}.pdf`));
        expect(missingInOrder(texts, text), 'PDF').toEqual([]);
        expect(missingInOrder(texts, wordText(`${id}/packet-level-${l.level}.docx`)), 'Word').toEqual([]);
      });
    }
  }
});
